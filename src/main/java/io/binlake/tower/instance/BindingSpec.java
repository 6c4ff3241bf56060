package io.binlake.tower.instance;

/**
 * An instance's binding to a topic rule (the original's "relation"): what reaches the manager as one MQ rule of the
 * instance. {@code storageType} is MQ_STORAGE; {@code convertClass} is the converter's full class name.
 */
public record BindingSpec(String instanceId, String topicRuleId, String storageType, String convertClass) {
    static BindingSpec of(InstanceBinding b) {
        return new BindingSpec(b.instanceId(), b.topicRuleId(), b.storageType(), b.convertClass());
    }
}
