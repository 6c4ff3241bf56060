package io.binlake.tower.lifecycle;

import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.dbs.DbsRefusedException;
import io.binlake.tower.messaging.CausingRequest;
import io.binlake.tower.messaging.EventPublisher;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The BPMN's delegates and task listeners, by the names bpmn/instance-lifecycle.bpmn uses. Each is thin: it reads
 * process variables, calls one {@link LifecycleService} step and maps the result back to variables.
 */
@Configuration(proxyBeanMethods = false)
class LifecycleDelegates {
    static final String REFUSED = "INSTANCE_REFUSED";
    private final LifecycleService lifecycle;
    private final EventPublisher events;

    LifecycleDelegates(LifecycleService lifecycle, EventPublisher events) {
        this.lifecycle = lifecycle;
        this.events = events;
    }

    @Bean
    JavaDelegate verifyReplica() {
        return external("VERIFY_REPLICA", ex -> {
            try {
                lifecycle.verifyReplica(instanceId(ex));
            } catch (DbsRefusedException refused) {
                ex.setVariable("refusalReason", refused.getMessage());
                throw new BpmnError(REFUSED, refused.getMessage());
            }
        });
    }

    @Bean
    JavaDelegate recordRefusal() {
        return step(ex -> lifecycle.recordRefusal(instanceId(ex), (String) ex.getVariable("refusalReason")));
    }

    @Bean
    JavaDelegate openDbsOrder() {
        return external("OPEN_DBS_ORDER", ex -> {
            var order = lifecycle.openDbsOrder(instanceId(ex), (String) ex.getVariable("group"),
                    (String) ex.getVariable("requestedBy"), topics(ex));
            ex.setVariable("dbsOrderId", order.orderId());
            ex.setVariable("dbsOrderUrl", order.url());
        });
    }

    @Bean
    JavaDelegate recordDbsApproval() {
        return step(ex -> lifecycle.recordDbsDecision(instanceId(ex), true, (String) ex.getVariable("dbsApprover"),
                (String) ex.getVariable("dbsComment")));
    }

    @Bean
    JavaDelegate recordDbsRejection() {
        return step(ex -> lifecycle.recordDbsDecision(instanceId(ex), false, (String) ex.getVariable("dbsApprover"),
                (String) ex.getVariable("dbsComment")));
    }

    @Bean
    JavaDelegate recordExpiry() {
        return step(ex -> lifecycle.recordExpiry(instanceId(ex), (String) ex.getVariable("dbsExpiry")));
    }

    @Bean
    JavaDelegate recordAgreement() {
        return step(ex -> lifecycle.recordApproval(instanceId(ex), true, (String) ex.getVariable("decidedBy"),
                (String) ex.getVariable("decisionComment")));
    }

    @Bean
    JavaDelegate recordOpposition() {
        return step(ex -> lifecycle.recordApproval(instanceId(ex), false, (String) ex.getVariable("decidedBy"),
                (String) ex.getVariable("decisionComment")));
    }

    @Bean
    JavaDelegate grantDumpAccount() {
        return external("GRANT_DUMP_ACCOUNT", ex -> lifecycle.grantDumpAccount(instanceId(ex)));
    }

    @Bean
    JavaDelegate forceRowFormat() {
        return external("FORCE_ROW_FORMAT", ex -> lifecycle.forceRowFormat(instanceId(ex)));
    }

    @Bean
    JavaDelegate readStartPosition() {
        return external("READ_START_POSITION", ex -> {
            BinlogPosition p = lifecycle.readStartPosition(instanceId(ex));
            ex.setVariable("binlogFile", p.binlogFile());
            ex.setVariable("binlogPos", p.binlogPos());
            ex.setVariable("executedGtidSets", p.executedGtidSets());
            ex.setVariable("withGtid", p.withGtid());
        });
    }

    @Bean
    JavaDelegate createZnodes() {
        return external("CREATE_ZNODES", ex -> lifecycle.createZnodes(instanceId(ex), new BinlogPosition(
                (String) ex.getVariable("binlogFile"), ((Number) ex.getVariable("binlogPos")).longValue(),
                (String) ex.getVariable("executedGtidSets"), Boolean.TRUE.equals(ex.getVariable("withGtid")))));
    }

    @Bean
    JavaDelegate setOnline() {
        return external("SET_ONLINE", ex -> lifecycle.setOnline(instanceId(ex)));
    }

    @Bean
    JavaDelegate recordOnline() {
        return step(ex -> lifecycle.recordOnline(instanceId(ex)));
    }

    @Bean
    JavaDelegate sendReminder(TaskService tasks) {
        return step(ex -> {
            var open = tasks.createTaskQuery().processInstanceId(ex.getProcessInstanceId()).active().list();
            if (open.isEmpty()) {
                lifecycle.publishTask(true, instanceId(ex), null, "Wait for DBS's decision", null);
            }
            open.forEach(t -> lifecycle.publishTask(true, instanceId(ex), t.getId(), t.getName(),
                    candidateGroup(tasks, t.getId())));
        });
    }

    @Bean
    TaskListener taskCreated() {
        return task -> CausingRequest.run(requestId(task), () -> lifecycle.publishTask(false,
                (String) task.getVariable("instanceId"), task.getId(), task.getName(),
                task.getCandidates().stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                        .map(l -> l.getGroupId()).filter(g -> g != null).findFirst().orElse(null)));
    }

    /** The approver's decision: who decided is the logged-in user (Tasklist, engine REST) or Tower API's caller. */
    @Bean
    TaskListener approvalDecided(IdentityService identity) {
        return task -> {
            Object decision = task.getVariable("decision");
            if (!"agree".equals(decision) && !"oppose".equals(decision)) {
                throw new ProcessEngineException("decision must be 'agree' or 'oppose', got '" + decision + "'");
            }
            task.getExecution().setVariable("decidedBy", decider(task, identity, "decidedBy"));
            task.getExecution().setVariable("decisionComment", task.getVariable("comment"));
        };
    }

    /** The DBA's decision when the cluster's DBS provider is jdbc. */
    @Bean
    TaskListener dbaDecided(IdentityService identity) {
        return task -> {
            Object authorization = task.getVariable("authorization");
            if (!"authorize".equals(authorization) && !"reject".equals(authorization)) {
                throw new ProcessEngineException("authorization must be 'authorize' or 'reject', got '"
                        + authorization + "'");
            }
            task.getExecution().setVariable("dbsApproved", "authorize".equals(authorization));
            task.getExecution().setVariable("dbsApprover", decider(task, identity, "dbsApprover"));
            task.getExecution().setVariable("dbsComment", task.getVariable("comment"));
        };
    }

    private static String decider(DelegateTask task, IdentityService identity, String variable) {
        Object given = task.getVariableLocal(variable);
        if (given instanceof String s && !s.isBlank()) {
            return s;
        }
        Authentication current = identity.getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }

    private static String candidateGroup(TaskService tasks, String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).findFirst().orElse(null);
    }

    /** A step without outside calls. */
    private JavaDelegate step(Consumer<DelegateExecution> body) {
        return ex -> CausingRequest.run(requestId(ex), () -> body.accept(ex));
    }

    private JavaDelegate external(String operation, Consumer<DelegateExecution> body) {
        return ExternalStep.of(events, operation, body);
    }

    private static String instanceId(DelegateExecution ex) {
        return (String) ex.getVariable("instanceId");
    }

    private static String requestId(DelegateExecution ex) {
        return ExternalStep.requestId(ex);
    }

    private static String requestId(DelegateTask task) {
        String current = CausingRequest.current();
        return current != null ? current : (String) task.getVariable("requestId");
    }

    private static List<String> topics(DelegateExecution ex) {
        String topics = (String) ex.getVariable("topics");
        return topics == null || topics.isBlank() ? List.of() : Arrays.asList(topics.split(",\\s*"));
    }
}
