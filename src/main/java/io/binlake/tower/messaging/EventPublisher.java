package io.binlake.tower.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes an event by writing it to the outbox in the caller's transaction: it reaches Kafka if and only if the
 * change that caused it commits. Keyed by instance id so one instance's events stay in order.
 */
@Service
public class EventPublisher {
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final MessagingProperties properties;
    private final OutboxRelay relay;

    EventPublisher(OutboxRepository outbox, ObjectMapper json, MessagingProperties properties, OutboxRelay relay) {
        this.outbox = outbox;
        this.json = json;
        this.properties = properties;
        this.relay = relay;
    }

    /**
     * Publishes in a transaction of its own: for events about a failure whose own transaction is being rolled back
     * (OPERATION_FAILED of a BPMN step that will be retried).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void publishAlone(TowerEvent event) {
        publish(event);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(TowerEvent event) {
        try {
            outbox.save(new OutboxEvent(event.eventId(), event.type().name(), properties.eventsTopic(),
                    event.instanceId() != null ? event.instanceId() : event.requestId(), json.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event could not be written as JSON", e);
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }
}
