package io.binlake.tower.group;

import java.util.Set;

/** Which groups a caller may see: all (super admin) or the listed ids. */
public record GroupScope(boolean all, Set<String> groupIds) {
    public boolean contains(String groupId) {
        return all || groupIds.contains(groupId);
    }

    /** For repository queries: the ids, or null when every group is visible. */
    public Set<String> idsOrNullForAll() {
        return all ? null : groupIds;
    }
}
