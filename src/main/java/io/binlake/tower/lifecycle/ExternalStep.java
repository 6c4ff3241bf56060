package io.binlake.tower.lifecycle;

import io.binlake.tower.messaging.CausingRequest;
import io.binlake.tower.messaging.EventPublisher;
import io.binlake.tower.messaging.TowerEvent;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A BPMN step that calls an outside system, for the processes keyed by an instance (variables instanceId and
 * requestId). It runs on behalf of the causing request; a failure is published as OPERATION_FAILED in a transaction
 * of its own (the step's is rolled back) and rethrown, so the job is retried and, when the retries run out, becomes
 * an incident carrying the error. A BpmnError is a modelled outcome, not a failure.
 */
public final class ExternalStep {
    private ExternalStep() {
    }

    public static JavaDelegate of(EventPublisher events, String operation, Consumer<DelegateExecution> body) {
        return ex -> CausingRequest.run(requestId(ex), () -> {
            try {
                body.accept(ex);
            } catch (BpmnError business) {
                throw business;
            } catch (RuntimeException failure) {
                events.publishAlone(TowerEvent.operation(false, requestId(ex), (String) ex.getVariable("instanceId"),
                        operation, failure.getMessage() == null ? failure.getClass().getSimpleName()
                                : failure.getMessage()));
                throw failure;
            }
        });
    }

    /**
     * The request that caused this step: the one being handled on this thread (a decision correlating the process),
     * else the request that started the process.
     */
    public static String requestId(DelegateExecution ex) {
        String current = CausingRequest.current();
        return current != null ? current : (String) ex.getVariable("requestId");
    }
}
