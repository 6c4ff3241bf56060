package io.binlake.tower.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Recording stand-ins for the beans of {@link LifecycleDelegates}, registered under the same names so the BPMN's
 * delegate expressions resolve to them. They keep the real beans' contract with the process (which variables they
 * read and set, the BpmnError of a refused replica, the listeners' checks and mapping) and nothing of Tower's
 * services: the process tests are about the model's paths.
 */
final class ProcessTestDelegates {
    /** The service tasks' delegate expressions, in the order of the happy path first. */
    static final List<String> SERVICE_DELEGATES = List.of("verifyReplica", "openDbsOrder", "recordDbsApproval",
            "recordAgreement", "grantDumpAccount", "forceRowFormat", "readStartPosition", "createZnodes", "setOnline",
            "recordOnline", "recordRefusal", "recordDbsRejection", "recordExpiry", "recordOpposition", "sendReminder");
    static final List<String> TASK_LISTENERS = List.of("taskCreated", "approvalDecided", "dbaDecided");

    /** One call of a stand-in: its bean name and the activity (or user task) it ran for. */
    record Call(String delegate, String activityId) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();
    private String refusal;

    /** Registers every stand-in. Mocks are thread-bound: the tests execute every job on the test's own thread. */
    void register() {
        for (String name : SERVICE_DELEGATES) {
            Mocks.register(name, delegate(name));
        }
        Mocks.register("taskCreated", (TaskListener) task -> record("taskCreated", task));
        Mocks.register("approvalDecided", (TaskListener) this::approvalDecided);
        Mocks.register("dbaDecided", (TaskListener) this::dbaDecided);
    }

    /** From now on the delegate throws this (as an unreachable MySQL, DBS or manager would) until {@link #heal}. */
    void fail(String delegate, RuntimeException failure) {
        failures.put(delegate, failure);
    }

    void heal(String delegate) {
        failures.remove(delegate);
    }

    /** verifyReplica finds a master (or no replication) and refuses the instance, with this reason. */
    void refuseReplica(String reason) {
        this.refusal = reason;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The delegates called so far, in order. */
    List<String> names() {
        return calls.stream().map(Call::delegate).toList();
    }

    long count(String delegate) {
        return calls.stream().filter(c -> c.delegate().equals(delegate)).count();
    }

    private JavaDelegate delegate(String name) {
        return execution -> {
            calls.add(new Call(name, execution.getCurrentActivityId()));
            RuntimeException failure = failures.get(name);
            if (failure != null) {
                throw failure;
            }
            switch (name) {
                case "verifyReplica" -> verifyReplica(execution);
                case "openDbsOrder" -> {
                    execution.setVariable("dbsOrderId", "order-" + execution.getVariable("instanceId"));
                    execution.setVariable("dbsOrderUrl", "https://dbs.example.com/orders/"
                            + execution.getVariable("instanceId"));
                }
                case "readStartPosition" -> {
                    execution.setVariable("binlogFile", "mysql-bin.000042");
                    execution.setVariable("binlogPos", 4L);
                    execution.setVariable("executedGtidSets", "");
                    execution.setVariable("withGtid", false);
                }
                case "createZnodes" -> requirePresent(execution, "binlogFile", "binlogPos", "withGtid");
                default -> {
                }
            }
        };
    }

    private void verifyReplica(DelegateExecution execution) {
        if (refusal != null) {
            execution.setVariable("refusalReason", refusal);
            throw new BpmnError(LifecycleDelegates.REFUSED, refusal);
        }
    }

    /** Same checks and mapping as LifecycleDelegates.approvalDecided. */
    private void approvalDecided(DelegateTask task) {
        record("approvalDecided", task);
        Object decision = task.getVariable("decision");
        if (!"agree".equals(decision) && !"oppose".equals(decision)) {
            throw new ProcessEngineException("decision must be 'agree' or 'oppose', got '" + decision + "'");
        }
        task.getExecution().setVariable("decidedBy", decider(task, "decidedBy"));
        task.getExecution().setVariable("decisionComment", task.getVariable("comment"));
    }

    /** Same checks and mapping as LifecycleDelegates.dbaDecided. */
    private void dbaDecided(DelegateTask task) {
        record("dbaDecided", task);
        Object authorization = task.getVariable("authorization");
        if (!"authorize".equals(authorization) && !"reject".equals(authorization)) {
            throw new ProcessEngineException("authorization must be 'authorize' or 'reject', got '"
                    + authorization + "'");
        }
        task.getExecution().setVariable("dbsApproved", "authorize".equals(authorization));
        task.getExecution().setVariable("dbsApprover", decider(task, "dbsApprover"));
        task.getExecution().setVariable("dbsComment", task.getVariable("comment"));
    }

    private void record(String name, DelegateTask task) {
        calls.add(new Call(name, task.getTaskDefinitionKey()));
    }

    private static String decider(DelegateTask task, String variable) {
        Object given = task.getVariableLocal(variable);
        if (given instanceof String s && !s.isBlank()) {
            return s;
        }
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }

    /** The real createZnodes dereferences the start position; without it the model's order would be wrong. */
    private static void requirePresent(DelegateExecution execution, String... names) {
        for (String name : names) {
            if (execution.getVariable(name) == null) {
                throw new IllegalStateException(execution.getCurrentActivityId() + " needs variable " + name);
            }
        }
    }
}
