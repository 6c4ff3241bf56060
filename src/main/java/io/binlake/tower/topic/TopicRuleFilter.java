package io.binlake.tower.topic;

import io.binlake.tower.common.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A filter bound to a topic rule (the original's mq_filter_relation). Id = md5(topicRuleId + filterId). */
@Entity
@Table(name = "topic_rule_filter")
public class TopicRuleFilter {
    @Id
    @Column(length = 32)
    private String id;
    @Column(name = "topic_rule_id", nullable = false, length = 32)
    private String topicRuleId;
    @Column(name = "filter_id", nullable = false, length = 32)
    private String filterId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TopicRuleFilter() {
    }

    TopicRuleFilter(String topicRuleId, String filterId) {
        this.id = Ids.topicRuleFilter(topicRuleId, filterId);
        this.topicRuleId = topicRuleId;
        this.filterId = filterId;
        this.createdAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String topicRuleId() {
        return topicRuleId;
    }

    public String filterId() {
        return filterId;
    }
}
