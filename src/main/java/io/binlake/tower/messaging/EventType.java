package io.binlake.tower.messaging;

/** The kinds of event Tower publishes on tower.events (README: Kafka contract). */
public enum EventType {
    REQUEST_ACCEPTED, REQUEST_REJECTED, STATUS_CHANGED, TASK_CREATED, DECISION_REMINDER, OPERATION_SUCCEEDED,
    OPERATION_FAILED
}
