package io.binlake.tower.group;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.Paging;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.security.CurrentUser;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Groups and their members (tower-spec §9 items 5–13). */
@Service
@Transactional
public class GroupService {
    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final GroupAccess access;
    private final CurrentUser currentUser;
    private final ApproverGroups approvers;
    private final IdentityService identityService;
    private final EntityManager entityManager;

    GroupService(GroupRepository groups, GroupMemberRepository members, GroupAccess access, CurrentUser currentUser,
            ApproverGroups approvers, IdentityService identityService, EntityManager entityManager) {
        this.groups = groups;
        this.members = members;
        this.access = access;
        this.currentUser = currentUser;
        this.approvers = approvers;
        this.identityService = identityService;
        this.entityManager = entityManager;
    }

    public record GroupView(String id, String name, String mark, String createdBy, java.time.Instant createdAt,
            MemberRole myRole) {
    }

    public record MemberView(String id, String userId, MemberRole role, String email, String orgName,
            java.time.Instant createdAt, java.time.Instant updatedAt) {
        static MemberView of(GroupMember m) {
            return new MemberView(m.id(), m.userId(), m.role(), m.email(), m.orgName(), m.createdAt(), m.updatedAt());
        }
    }

    public record Me(String userId, boolean superAdmin, List<Membership> groups) {
        public record Membership(String groupId, String group, MemberRole role) {
        }
    }

    /** Any logged-in user may create a group and becomes its creator. */
    public GroupView create(String name, String mark, String email, String orgName) {
        String userId = currentUser.id();
        if (groups.existsByName(name)) {
            throw new TowerException(ErrorCode.GROUP_EXISTS, "A group named '" + name + "' exists.",
                    Map.of("group", name));
        }
        TowerGroup group = groups.save(new TowerGroup(name, mark, userId));
        members.save(new GroupMember(group.id(), userId, MemberRole.creator, email, orgName));
        approvers.grant(name, userId);
        return view(group, MemberRole.creator);
    }

    @Transactional(readOnly = true)
    public PageResponse<GroupView> list(String namePrefix, Pageable pageable) {
        GroupScope scope = access.visibleGroups();
        String prefix = Paging.likePrefix(namePrefix);
        var page = scope.all() ? groups.findByNamePrefix(prefix, pageable)
                : scope.groupIds().isEmpty() ? org.springframework.data.domain.Page.<TowerGroup>empty(pageable)
                : groups.findByNamePrefixAndIdIn(prefix, scope.groupIds(), pageable);
        Map<String, MemberRole> mine = myRoles();
        return PageResponse.of(page, g -> view(g, mine.get(g.id())));
    }

    @Transactional(readOnly = true)
    public GroupView get(String name) {
        GroupRef ref = access.requireMember(name);
        return view(groups.getReferenceById(ref.id()), myRoles().get(ref.id()));
    }

    public GroupView updateMark(String name, String mark) {
        GroupRef ref = access.requireAdmin(name);
        TowerGroup group = groups.getReferenceById(ref.id());
        group.changeMark(mark);
        return view(group, myRoles().get(ref.id()));
    }

    /**
     * Only the creator or a super admin. Members, filters, topic rules and their bindings go with the group; a group
     * that still has instances is refused, since they may be dumping (remove them first).
     */
    public void delete(String name) {
        TowerGroup group = groups.findByName(name)
                .orElseThrow(() -> new TowerException(ErrorCode.GROUP_NOT_FOUND, "No group named '" + name + "'"));
        if (!currentUser.isSuperAdmin() && !group.createdBy().equals(currentUser.id())) {
            throw new TowerException(ErrorCode.FORBIDDEN, "Only the group's creator or a super admin may delete it.");
        }
        long instances = ((Number) entityManager.createNativeQuery(
                "select count(*) from mysql_instance where group_id = ?1")
                .setParameter(1, group.id()).getSingleResult()).longValue();
        if (instances > 0) {
            throw new TowerException(ErrorCode.GROUP_NOT_EMPTY,
                    "The group still has " + instances + " instance(s); remove them first.",
                    Map.of("instances", instances));
        }
        try {
            // The database cascades to members, filters, topic rules and their bindings (V1's foreign keys).
            entityManager.createNativeQuery("delete from tower_group where id = ?1").setParameter(1, group.id())
                    .executeUpdate();
        } catch (DataIntegrityViolationException e) {
            throw new TowerException(ErrorCode.GROUP_NOT_EMPTY, "The group is still referenced.");
        }
        entityManager.clear();
        approvers.delete(name);
    }

    @Transactional(readOnly = true)
    public PageResponse<MemberView> members(String groupName, Integer page, Integer size) {
        GroupRef ref = access.requireMember(groupName);
        Pageable pageable = Paging.of(page, size, Sort.by("userId"));
        return PageResponse.of(members.findByGroupId(ref.id(), pageable), MemberView::of);
    }

    public MemberView addMember(String groupName, String userId, MemberRole role, String email, String orgName) {
        GroupRef ref = access.requireAdmin(groupName);
        if (role == MemberRole.creator) {
            throw new TowerException(ErrorCode.VALIDATION_FAILED, "role must be admin or user",
                    Map.of("fields", Map.of("role", "must be admin or user")));
        }
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            throw new TowerException(ErrorCode.USER_NOT_FOUND, "No user '" + userId + "' in the identity store.",
                    Map.of("userId", userId));
        }
        if (members.existsById(Ids.member(userId, ref.id()))) {
            throw new TowerException(ErrorCode.MEMBER_EXISTS, "'" + userId + "' is a member already.",
                    Map.of("userId", userId));
        }
        GroupMember m = members.save(new GroupMember(ref.id(), userId, role, email, orgName));
        if (role.administers()) {
            approvers.grant(ref.name(), userId);
        }
        return MemberView.of(m);
    }

    public MemberView changeRole(String groupName, String userId, MemberRole role) {
        GroupRef ref = access.requireAdmin(groupName);
        GroupMember m = member(ref, userId);
        if (m.role() == MemberRole.creator || role == MemberRole.creator) {
            throw new TowerException(ErrorCode.CREATOR_IMMUTABLE, ErrorCode.CREATOR_IMMUTABLE.description());
        }
        m.changeRole(role);
        if (role.administers()) {
            approvers.grant(ref.name(), userId);
        } else {
            approvers.revoke(ref.name(), userId);
        }
        return MemberView.of(m);
    }

    public void removeMember(String groupName, String userId) {
        GroupRef ref = access.requireAdmin(groupName);
        GroupMember m = member(ref, userId);
        if (m.role() == MemberRole.creator) {
            throw new TowerException(ErrorCode.CREATOR_IMMUTABLE, ErrorCode.CREATOR_IMMUTABLE.description());
        }
        members.delete(m);
        approvers.revoke(ref.name(), userId);
    }

    @Transactional(readOnly = true)
    public Me me() {
        String userId = currentUser.id();
        List<Me.Membership> list = members.findByUserId(userId).stream()
                .map(m -> new Me.Membership(m.groupId(), groups.findById(m.groupId()).map(TowerGroup::name).orElse(null),
                        m.role()))
                .toList();
        return new Me(userId, currentUser.isSuperAdmin(), list);
    }

    private GroupMember member(GroupRef ref, String userId) {
        return members.findByGroupIdAndUserId(ref.id(), userId)
                .orElseThrow(() -> new TowerException(ErrorCode.MEMBER_NOT_FOUND,
                        "'" + userId + "' is not a member of '" + ref.name() + "'", Map.of("userId", userId)));
    }

    private Map<String, MemberRole> myRoles() {
        return members.findByUserId(currentUser.id()).stream()
                .collect(java.util.stream.Collectors.toMap(GroupMember::groupId, GroupMember::role));
    }

    private static GroupView view(TowerGroup g, MemberRole myRole) {
        return new GroupView(g.id(), g.name(), g.mark(), g.createdBy(), g.createdAt(), myRole);
    }
}
