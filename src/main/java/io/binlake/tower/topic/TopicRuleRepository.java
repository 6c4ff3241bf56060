package io.binlake.tower.topic;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TopicRuleRepository extends JpaRepository<TopicRule, String> {
    Optional<TopicRule> findByGroupIdAndTopic(String groupId, String topic);

    /** Topics differing only in case count as the same: MySQL's default collation would refuse them anyway. */
    @Query("select r from TopicRule r where r.groupId = :groupId and lower(r.topic) = lower(:topic)")
    List<TopicRule> findSameTopic(@Param("groupId") String groupId, @Param("topic") String topic);

    @Query("select r from TopicRule r where r.groupId = :groupId and lower(r.topic) like :topic escape '\\'")
    Page<TopicRule> findInGroup(@Param("groupId") String groupId, @Param("topic") String topic, Pageable pageable);

    @Query("select r from TopicRule r where lower(r.topic) like :topic escape '\\'")
    Page<TopicRule> search(@Param("topic") String topic, Pageable pageable);

    @Query("select r from TopicRule r where r.groupId in :groupIds and lower(r.topic) like :topic escape '\\'")
    Page<TopicRule> searchInGroups(@Param("groupIds") Collection<String> groupIds, @Param("topic") String topic,
            Pageable pageable);

    List<TopicRule> findByIdIn(Collection<String> ids);
}
