package io.binlake.tower.group;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface GroupMemberRepository extends JpaRepository<GroupMember, String> {
    Optional<GroupMember> findByGroupIdAndUserId(String groupId, String userId);

    List<GroupMember> findByUserId(String userId);

    Page<GroupMember> findByGroupId(String groupId, Pageable pageable);

    List<GroupMember> findByGroupId(String groupId);
}
