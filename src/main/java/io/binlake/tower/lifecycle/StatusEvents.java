package io.binlake.tower.lifecycle;

import io.binlake.tower.instance.InstanceStatusChanged;
import io.binlake.tower.messaging.CausingRequest;
import io.binlake.tower.messaging.EventPublisher;
import io.binlake.tower.messaging.TowerEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every status change becomes a STATUS_CHANGED event, written in the transaction that changes the status. */
@Component
class StatusEvents {
    private final EventPublisher events;

    StatusEvents(EventPublisher events) {
        this.events = events;
    }

    @EventListener
    void on(InstanceStatusChanged change) {
        events.publish(TowerEvent.statusChanged(CausingRequest.current(), change.instanceId(),
                change.from() == null ? null : change.from().name(), change.to().name(), change.actor(),
                change.reason()));
    }
}
