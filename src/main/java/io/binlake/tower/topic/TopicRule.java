package io.binlake.tower.topic;

import io.binlake.tower.common.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;

/**
 * What a group publishes to one Kafka topic (the original's "MQ rule"). Id = md5(topic + groupId), as the original;
 * since the id is made of them, topic and group never change (the original let the form edit the topic and then
 * updated nothing, tower-spec §8.2.4).
 */
@Entity
@Table(name = "topic_rule")
public class TopicRule {
    @Id
    @Column(length = 32)
    private String id;
    @Column(name = "group_id", nullable = false, length = 32)
    private String groupId;
    @Column(nullable = false, length = 128)
    private String name;
    @Column(nullable = false, length = 200)
    private String topic;
    @Column(name = "producer_class", nullable = false, length = 255)
    private String producerClass;
    @Column(name = "with_transaction", nullable = false)
    private boolean withTransaction;
    @Enumerated(EnumType.STRING)
    @Column(name = "order_type", nullable = false, length = 32)
    private OrderType orderType;
    @Convert(converter = ProducerPropertiesConverter.class)
    @Column(name = "producer_properties", nullable = false, length = 4000)
    private Map<String, String> producerProperties;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TopicRule() {
    }

    TopicRule(String groupId, String topic, TopicRules.Settings settings) {
        this.id = Ids.topicRule(topic, groupId);
        this.groupId = groupId;
        this.topic = topic;
        this.createdAt = Instant.now();
        apply(settings, createdAt);
    }

    void change(TopicRules.Settings settings) {
        apply(settings, Instant.now());
    }

    private void apply(TopicRules.Settings s, Instant at) {
        this.name = s.name();
        this.producerClass = s.producerClass();
        this.withTransaction = s.withTransaction();
        this.orderType = s.orderType();
        this.producerProperties = s.producerProperties();
        this.updatedAt = at;
    }

    public String id() {
        return id;
    }

    public String groupId() {
        return groupId;
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public String producerClass() {
        return producerClass;
    }

    public boolean withTransaction() {
        return withTransaction;
    }

    String orderType() {
        return orderType.name();
    }

    public Map<String, String> producerProperties() {
        return producerProperties;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
