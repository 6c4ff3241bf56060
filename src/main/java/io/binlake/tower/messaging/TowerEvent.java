package io.binlake.tower.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One event on tower.events. Every event carries eventId, type, instanceId (when there is one), requestId (when a
 * request caused it) and occurredAt; the other fields belong to particular types and are left out when empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TowerEvent(String eventId, EventType type, String requestId, String instanceId, Instant occurredAt,
        String requestType, String code, String message, Boolean duplicate,
        String from, String to, String actor, String reason,
        String taskId, String taskName, String candidateGroup,
        String operation, String error) {

    private static TowerEvent base(EventType type, String requestId, String instanceId) {
        return new TowerEvent(UUID.randomUUID().toString(), type, requestId, instanceId, Instant.now(),
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static TowerEvent requestAccepted(String requestId, String requestType, String instanceId, String message,
            boolean duplicate) {
        TowerEvent b = base(EventType.REQUEST_ACCEPTED, requestId, instanceId);
        return new TowerEvent(b.eventId, b.type, requestId, instanceId, b.occurredAt, requestType, null, message,
                duplicate ? Boolean.TRUE : null, null, null, null, null, null, null, null, null, null);
    }

    public static TowerEvent requestRejected(String requestId, String requestType, String instanceId, String code,
            String message, boolean duplicate) {
        TowerEvent b = base(EventType.REQUEST_REJECTED, requestId, instanceId);
        return new TowerEvent(b.eventId, b.type, requestId, instanceId, b.occurredAt, requestType, code, message,
                duplicate ? Boolean.TRUE : null, null, null, null, null, null, null, null, null, null);
    }

    public static TowerEvent statusChanged(String requestId, String instanceId, String from, String to, String actor,
            String reason) {
        TowerEvent b = base(EventType.STATUS_CHANGED, requestId, instanceId);
        return new TowerEvent(b.eventId, b.type, requestId, instanceId, b.occurredAt, null, null, null, null, from, to,
                actor, reason, null, null, null, null, null);
    }

    public static TowerEvent task(EventType type, String requestId, String instanceId, String taskId,
            String taskName, String candidateGroup) {
        TowerEvent b = base(type, requestId, instanceId);
        return new TowerEvent(b.eventId, b.type, requestId, instanceId, b.occurredAt, null, null, null, null, null,
                null, null, null, taskId, taskName, candidateGroup, null, null);
    }

    public static TowerEvent operation(boolean succeeded, String requestId, String instanceId, String operation,
            String error) {
        TowerEvent b = base(succeeded ? EventType.OPERATION_SUCCEEDED : EventType.OPERATION_FAILED, requestId,
                instanceId);
        return new TowerEvent(b.eventId, b.type, requestId, instanceId, b.occurredAt, null, null, null, null, null,
                null, null, null, null, null, null, operation, error);
    }
}
