package io.binlake.tower.instance;

/**
 * One wanted binding of an instance. {@code storageType} null means MQ_STORAGE; {@code convertClass} may be a full
 * converter class name or PROTOBUF / AVRO, null meaning PROTOBUF.
 */
public record BindingRequest(String topicRuleId, String storageType, String convertClass) {
}
