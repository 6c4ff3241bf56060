package io.binlake.tower.group;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.security.CurrentUser;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The permission rules of tower-spec §5.3, on the server: every module asks here before it reads or changes a
 * group's resources. The group of a resource always comes from the database, never from the request.
 */
@Service
@Transactional(readOnly = true)
public class GroupAccess {
    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final CurrentUser currentUser;

    GroupAccess(GroupRepository groups, GroupMemberRepository members, CurrentUser currentUser) {
        this.groups = groups;
        this.members = members;
        this.currentUser = currentUser;
    }

    public GroupRef byName(String groupName) {
        return groups.findByName(groupName).map(g -> new GroupRef(g.id(), g.name()))
                .orElseThrow(() -> new TowerException(ErrorCode.GROUP_NOT_FOUND,
                        "No group named '" + groupName + "'", Map.of("group", String.valueOf(groupName))));
    }

    public GroupRef byId(String groupId) {
        return groups.findById(groupId).map(g -> new GroupRef(g.id(), g.name()))
                .orElseThrow(() -> TowerException.notFound(ErrorCode.GROUP_NOT_FOUND, groupId));
    }

    /** The caller must administer the group (creator or admin) or be a super admin. */
    public GroupRef requireAdmin(String groupName) {
        GroupRef group = byName(groupName);
        requireAdminById(group.id());
        return group;
    }

    public void requireAdminById(String groupId) {
        if (!isAdmin(groupId)) {
            throw new TowerException(ErrorCode.FORBIDDEN, "You do not administer this group.",
                    Map.of("groupId", groupId));
        }
    }

    /** The caller must be a member of the group (any role) or a super admin. */
    public GroupRef requireMember(String groupName) {
        GroupRef group = byName(groupName);
        requireMemberById(group.id());
        return group;
    }

    public void requireMemberById(String groupId) {
        if (!currentUser.isSuperAdmin()
                && members.findByGroupIdAndUserId(groupId, currentUser.id()).isEmpty()) {
            throw new TowerException(ErrorCode.FORBIDDEN, "You are not a member of this group.",
                    Map.of("groupId", groupId));
        }
    }

    public boolean isAdmin(String groupId) {
        return currentUser.isSuperAdmin() || members.findByGroupIdAndUserId(groupId, currentUser.id())
                .map(m -> m.role().administers()).orElse(false);
    }

    /** Groups whose resources the caller may read. */
    public GroupScope visibleGroups() {
        if (currentUser.isSuperAdmin()) {
            return new GroupScope(true, Set.of());
        }
        return new GroupScope(false, members.findByUserId(currentUser.id()).stream().map(GroupMember::groupId)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Groups the caller administers (pickers: filters, rules, hosts of admin groups). */
    public GroupScope administeredGroups() {
        if (currentUser.isSuperAdmin()) {
            return new GroupScope(true, Set.of());
        }
        return new GroupScope(false, members.findByUserId(currentUser.id()).stream()
                .filter(m -> m.role().administers()).map(GroupMember::groupId)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** The Camunda candidate group of a group's approval tasks: its creator and admins. */
    public static String approverGroupId(String groupName) {
        return ApproverGroups.camundaGroupId(groupName);
    }
}
