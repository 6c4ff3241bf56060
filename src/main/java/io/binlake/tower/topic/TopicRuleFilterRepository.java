package io.binlake.tower.topic;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface TopicRuleFilterRepository extends JpaRepository<TopicRuleFilter, String> {
    List<TopicRuleFilter> findByTopicRuleIdOrderByFilterId(String topicRuleId);

    List<TopicRuleFilter> findByTopicRuleIdInOrderByFilterId(Collection<String> topicRuleIds);
}
