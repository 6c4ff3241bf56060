package io.binlake.tower.instance;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface MysqlInstanceRepository extends JpaRepository<MysqlInstance, String>,
        JpaSpecificationExecutor<MysqlInstance> {
    Optional<MysqlInstance> findByDbsOrderId(String dbsOrderId);

    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @org.springframework.data.jpa.repository.Query("select i from MysqlInstance i where i.id = :id")
    Optional<MysqlInstance> lockById(@org.springframework.data.repository.query.Param("id") String id);

    List<MysqlInstance> findByIdIn(Collection<String> ids);

    static Specification<MysqlInstance> inGroups(Collection<String> groupIds) {
        return (root, query, cb) -> root.get("groupId").in(groupIds);
    }

    /** host contains the text (LIKE pattern from Paging.likeContains, hosts are stored lower-case). */
    static Specification<MysqlInstance> hostLike(String pattern) {
        return (root, query, cb) -> cb.like(root.get("host"), pattern, '\\');
    }

    static Specification<MysqlInstance> inStatus(InstanceStatus status) {
        return (root, query, cb) -> status == null ? cb.conjunction() : cb.equal(root.get("status"), status);
    }
}
