package io.binlake.tower.instance;

/**
 * Published (Spring application event, synchronously, inside the transaction that changes the status) whenever an
 * instance's status changes, so a listener can write the STATUS_CHANGED outbox event in the same transaction.
 * {@code from} is null when the instance was just registered; {@code to} is {@code removed} when its row was
 * deleted through the API.
 */
public record InstanceStatusChanged(String instanceId, String groupId, InstanceStatus from, InstanceStatus to,
        String actor, String reason) {
}
