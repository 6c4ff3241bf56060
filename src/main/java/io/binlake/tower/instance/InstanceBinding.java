package io.binlake.tower.instance;

import io.binlake.tower.common.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An instance bound to a topic rule (the original's {@code rule} row). Id = md5(instanceId + topicRuleId). */
@Entity
@Table(name = "instance_binding")
public class InstanceBinding {
    @Id
    @Column(length = 32)
    private String id;
    @Column(name = "instance_id", nullable = false, length = 32)
    private String instanceId;
    @Column(name = "topic_rule_id", nullable = false, length = 32)
    private String topicRuleId;
    @Column(name = "storage_type", nullable = false, length = 16)
    private String storageType;
    @Column(name = "convert_class", nullable = false, length = 255)
    private String convertClass;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected InstanceBinding() {
    }

    InstanceBinding(String instanceId, String topicRuleId, String storageType, String convertClass) {
        this.id = Ids.binding(instanceId, topicRuleId);
        this.instanceId = instanceId;
        this.topicRuleId = topicRuleId;
        this.storageType = storageType;
        this.convertClass = convertClass;
        this.createdAt = Instant.now();
    }

    void change(String storageType, String convertClass) {
        this.storageType = storageType;
        this.convertClass = convertClass;
    }

    public String id() {
        return id;
    }

    public String instanceId() {
        return instanceId;
    }

    public String topicRuleId() {
        return topicRuleId;
    }

    public String storageType() {
        return storageType;
    }

    public String convertClass() {
        return convertClass;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
