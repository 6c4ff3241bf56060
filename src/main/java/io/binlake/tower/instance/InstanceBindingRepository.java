package io.binlake.tower.instance;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface InstanceBindingRepository extends JpaRepository<InstanceBinding, String> {
    List<InstanceBinding> findByInstanceIdOrderByTopicRuleId(String instanceId);

    Page<InstanceBinding> findByInstanceId(String instanceId, Pageable pageable);

    Optional<InstanceBinding> findByInstanceIdAndTopicRuleId(String instanceId, String topicRuleId);

    /** Rows of [InstanceBinding, MysqlInstance] of a group's instances whose host contains the pattern. */
    @Query(value = "select b, i from InstanceBinding b join MysqlInstance i on i.id = b.instanceId "
            + "where i.groupId = :groupId and i.host like :host escape '\\' order by i.host, i.port, b.topicRuleId",
            countQuery = "select count(b) from InstanceBinding b join MysqlInstance i on i.id = b.instanceId "
                    + "where i.groupId = :groupId and i.host like :host escape '\\'")
    Page<Object[]> findByGroup(@Param("groupId") String groupId, @Param("host") String hostPattern,
            Pageable pageable);
}
