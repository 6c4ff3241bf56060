package io.binlake.tower.operation;

import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.lifecycle.ExternalStep;
import io.binlake.tower.messaging.EventPublisher;
import io.binlake.tower.request.RequestType;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of bpmn/instance-operation.bpmn, by the names it uses. Each reads process variables, runs one
 * {@link OperationService} step, and maps a result back to variables.
 */
@Configuration(proxyBeanMethods = false)
class OperationDelegates {
    private final OperationService operations;
    private final EventPublisher events;

    OperationDelegates(OperationService operations, EventPublisher events) {
        this.operations = operations;
        this.events = events;
    }

    @Bean
    JavaDelegate operationSetOnline() {
        return step(RequestType.SET_ONLINE.name(),
                ex -> operations.setOnline(instanceId(ex), RequestType.SET_ONLINE.name()));
    }

    @Bean
    JavaDelegate operationSetOffline() {
        return step(RequestType.SET_OFFLINE.name(),
                ex -> operations.setOffline(instanceId(ex), RequestType.SET_OFFLINE.name()));
    }

    @Bean
    JavaDelegate operationSetBinlogPosition() {
        return step(RequestType.SET_BINLOG_POSITION.name(), ex -> operations.setBinlogPosition(instanceId(ex),
                text(ex, OperationProcess.BINLOG_FILE), number(ex, OperationProcess.BINLOG_POS),
                text(ex, OperationProcess.EXECUTED_GTID_SETS)));
    }

    @Bean
    JavaDelegate operationSetLeader() {
        return step(RequestType.SET_LEADER.name(), ex -> {
            try {
                operations.setLeader(instanceId(ex), text(ex, OperationProcess.LEADER));
            } catch (OperationRefusedException refused) {
                // Not worth a retry: the process ends on its refused path, and this transaction commits the event.
                ex.setVariable(OperationProcess.REFUSAL_REASON, refused.getMessage());
                operations.operationFailed(instanceId(ex), RequestType.SET_LEADER.name(), refused.getMessage());
                throw new BpmnError(OperationProcess.REFUSED, refused.getMessage());
            }
        });
    }

    @Bean
    JavaDelegate operationSetCandidates() {
        return step(RequestType.SET_CANDIDATES.name(), ex -> operations.setCandidates(instanceId(ex),
                OperationProcess.splitIps(text(ex, OperationProcess.CANDIDATES))));
    }

    @Bean
    JavaDelegate operationResetCounter() {
        return step(RequestType.RESET_COUNTER.name(), ex -> operations.resetCounter(instanceId(ex)));
    }

    @Bean
    JavaDelegate operationReadDumpStatus() {
        return step(OperationProcess.STEP_READ_DUMP_STATUS, ex -> {
            OperationService.DumpStatus status = operations.readDumpStatus(instanceId(ex));
            ex.setVariable(OperationProcess.BINLOG_FILE, status.position().binlogFile());
            ex.setVariable(OperationProcess.BINLOG_POS, status.position().binlogPos());
            ex.setVariable(OperationProcess.EXECUTED_GTID_SETS, status.position().executedGtidSets());
            ex.setVariable(OperationProcess.WITH_GTID, status.position().withGtid());
            ex.setVariable(OperationProcess.CANDIDATES, OperationProcess.joinIps(status.candidates()));
            ex.setVariable(OperationProcess.DROPPED_TOPICS, String.join(", ", status.droppedTopics()));
            ex.setVariable(OperationProcess.TOPIC_DROPPED, !status.droppedTopics().isEmpty());
        });
    }

    @Bean
    JavaDelegate operationUpdateRules() {
        return step(RequestType.UPDATE_RULES.name(),
                ex -> operations.updateRules(instanceId(ex), position(ex), candidates(ex)));
    }

    @Bean
    JavaDelegate operationStopDump() {
        return step(OperationProcess.STEP_SET_OFFLINE,
                ex -> operations.setOffline(instanceId(ex), OperationProcess.STEP_SET_OFFLINE));
    }

    @Bean
    JavaDelegate operationRemoveNode() {
        return step(OperationProcess.STEP_REMOVE_NODE, ex -> operations.removeNode(instanceId(ex)));
    }

    @Bean
    JavaDelegate operationRecreateZnodes() {
        return step(OperationProcess.STEP_CREATE_ZNODES,
                ex -> operations.recreateZnodes(instanceId(ex), position(ex), candidates(ex)));
    }

    /** The last step of a recreating UPDATE_RULES: it reports the request type, as every operation's last step does. */
    @Bean
    JavaDelegate operationRestartDump() {
        return step(RequestType.UPDATE_RULES.name(),
                ex -> operations.setOnline(instanceId(ex), RequestType.UPDATE_RULES.name()));
    }

    @Bean
    JavaDelegate operationRecordRemoved() {
        return step(RequestType.REMOVE_INSTANCE.name(),
                ex -> operations.recordRemoved(instanceId(ex), text(ex, OperationProcess.REQUESTED_BY)));
    }

    /** Every operation step calls the manager: failures are reported and retried (see ExternalStep). */
    private JavaDelegate step(String operation, Consumer<DelegateExecution> body) {
        return ExternalStep.of(events, operation, body);
    }

    private static String instanceId(DelegateExecution ex) {
        return text(ex, OperationProcess.INSTANCE_ID);
    }

    private static String requestId(DelegateExecution ex) {
        return text(ex, OperationProcess.REQUEST_ID);
    }

    private static BinlogPosition position(DelegateExecution ex) {
        return new BinlogPosition(text(ex, OperationProcess.BINLOG_FILE), number(ex, OperationProcess.BINLOG_POS),
                text(ex, OperationProcess.EXECUTED_GTID_SETS), Boolean.TRUE.equals(ex.getVariable(
                        OperationProcess.WITH_GTID)));
    }

    private static List<String> candidates(DelegateExecution ex) {
        return OperationProcess.splitIps(text(ex, OperationProcess.CANDIDATES));
    }

    private static String text(DelegateExecution ex, String name) {
        return (String) ex.getVariable(name);
    }

    private static long number(DelegateExecution ex, String name) {
        return ((Number) ex.getVariable(name)).longValue();
    }
}
