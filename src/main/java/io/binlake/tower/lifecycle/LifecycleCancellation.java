package io.binlake.tower.lifecycle;

import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.instance.InstanceStatusChanged;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An instance deleted through the API while its onboarding waits (for DBS or an approver) takes its process with
 * it, in the same transaction, so no task or timer is left behind for an instance that no longer exists.
 */
@Component
class LifecycleCancellation {
    private final RuntimeService runtime;

    LifecycleCancellation(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(InstanceStatusChanged change) {
        if (change.to() != InstanceStatus.removed) {
            return;
        }
        runtime.createProcessInstanceQuery().processDefinitionKey(OnboardInstanceCommand.PROCESS_KEY)
                .processInstanceBusinessKey(change.instanceId()).active().list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(),
                        "Instance removed by " + change.actor() + ": " + change.reason()));
    }
}
