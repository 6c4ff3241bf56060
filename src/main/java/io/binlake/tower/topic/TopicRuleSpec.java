package io.binlake.tower.topic;

import java.util.List;
import java.util.Map;

/**
 * A topic rule as the rule assembly needs it: the manager's MQRule without the per-instance parts (Kafka
 * bootstrap.servers, client.id and the fixed producer defaults of tower-spec §6.3, which {@code producerProperties}
 * extends and never contains). {@code orderType} is a manager OrderType name; {@code producerProperties} keeps the
 * order the client gave; {@code filterIds} is ordered by id and may be empty.
 */
public record TopicRuleSpec(String id, String groupId, String name, String topic, String producerClass,
        boolean withTransaction, String orderType, Map<String, String> producerProperties, List<String> filterIds) {
}
