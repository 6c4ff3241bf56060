package io.binlake.tower.dbs;

import java.util.List;

/**
 * What an authorization order asks DBS for.
 *
 * @param instanceId   Tower's id of the instance (sent as {@code towerId}, so DBS can tie the order and its callback
 *                     to it)
 * @param group        the Tower group that will own the dump
 * @param requestedBy  who asked (user or system id)
 * @param topics       the Kafka topics the instance's changes will go to (for the reviewer)
 * @param callbackHint where or how DBS should report the decision, when the caller wants to tell it; may be null
 */
public record OrderRequest(String instanceId, String group, String requestedBy, List<String> topics, String callbackHint) {

    public OrderRequest {
        requireText(instanceId, "instanceId");
        requireText(group, "group");
        requireText(requestedBy, "requestedBy");
        topics = topics == null ? List.of() : List.copyOf(topics);
        callbackHint = callbackHint == null || callbackHint.isBlank() ? null : callbackHint;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required for a DBS order");
        }
    }
}
