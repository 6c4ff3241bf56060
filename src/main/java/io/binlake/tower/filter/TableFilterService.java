package io.binlake.tower.filter;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.Paging;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.group.GroupRef;
import io.binlake.tower.group.GroupScope;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Table filters (tower-spec §9 items 14–18). Group admins write, members read, super admins do everything. Editing a
 * filter does not reach ZooKeeper by itself: instances pick it up when their rules are next pushed (§6.5).
 */
@Service
@Transactional
public class TableFilterService {
    private static final Sort IN_GROUP = Sort.by("tableRegex", "type", "id");
    private static final Sort ACROSS_GROUPS = Sort.by("groupId", "tableRegex", "type", "id");
    private final TableFilterRepository filters;
    private final GroupAccess access;

    TableFilterService(TableFilterRepository filters, GroupAccess access) {
        this.filters = filters;
        this.access = access;
    }

    /** A filter as a client writes it; enum-like fields are text so a wrong value is answered with its field. */
    public record FilterDraft(String name, String type, String tableRegex, List<String> eventTypes,
            List<String> keptColumns, List<String> nulledColumns, List<PseudoColumn> pseudoColumns,
            List<String> businessKeys) {
    }

    public record FilterView(String id, String groupId, String group, String name, FilterType type,
            String tableRegex, List<String> eventTypes, List<String> keptColumns, List<String> nulledColumns,
            List<PseudoColumn> pseudoColumns, List<String> businessKeys, Instant createdAt, Instant updatedAt) {
        static FilterView of(TableFilter f, String groupName) {
            FilterSpec s = f.spec();
            return new FilterView(s.id(), s.groupId(), groupName, s.name(), s.type(), s.tableRegex(), s.eventTypes(),
                    s.keptColumns(), s.nulledColumns(), s.pseudoColumns(), s.businessKeys(), f.createdAt(),
                    f.updatedAt());
        }
    }

    public FilterView create(String groupName, FilterDraft draft) {
        GroupRef group = access.requireAdmin(groupName);
        FilterRules.Content content = FilterRules.validate(draft);
        refuseDuplicate(group.id(), content, null);
        String id = Ids.filter(group.id(), content.type().name(), content.tableRegex());
        if (filters.existsById(id)) {
            // The formula's id is held by a filter created for this type and regex and edited since (ids stay put on
            // edit); the new filter then gets an id of its own rather than a refusal for a combination that is free.
            id = UUID.randomUUID().toString().replace("-", "");
        }
        TableFilter saved = filters.saveAndFlush(new TableFilter(id, group.id(), content));
        return FilterView.of(saved, group.name());
    }

    @Transactional(readOnly = true)
    public PageResponse<FilterView> listInGroup(String groupName, String table, Integer page, Integer size) {
        GroupRef group = access.requireMember(groupName);
        Pageable pageable = Paging.of(page, size, IN_GROUP);
        return PageResponse.of(filters.findInGroup(group.id(), Paging.likeContains(table), pageable),
                f -> FilterView.of(f, group.name()));
    }

    /** Filters of the caller's groups, or of the groups they administer (the filter picker); all for a super admin. */
    @Transactional(readOnly = true)
    public PageResponse<FilterView> search(String table, boolean administered, Integer page, Integer size) {
        Pageable pageable = Paging.of(page, size, ACROSS_GROUPS);
        GroupScope scope = administered ? access.administeredGroups() : access.visibleGroups();
        String like = Paging.likeContains(table);
        Page<TableFilter> found = scope.all() ? filters.search(like, pageable)
                : scope.groupIds().isEmpty() ? Page.empty(pageable)
                : filters.searchInGroups(scope.groupIds(), like, pageable);
        Map<String, String> groupNames = new HashMap<>();
        return PageResponse.of(found, f -> FilterView.of(f, groupNames.computeIfAbsent(f.groupId(),
                gid -> access.byId(gid).name())));
    }

    @Transactional(readOnly = true)
    public FilterView get(String id) {
        TableFilter f = load(id);
        access.requireMemberById(f.groupId());
        return FilterView.of(f, access.byId(f.groupId()).name());
    }

    /** Replaces the filter's content; its id and group stay. Topic rules binding it keep it. */
    public FilterView update(String id, FilterDraft draft) {
        TableFilter f = load(id);
        access.requireAdminById(f.groupId());
        FilterRules.Content content = FilterRules.validate(draft);
        refuseDuplicate(f.groupId(), content, f.id());
        f.change(content);
        filters.flush();
        return FilterView.of(f, access.byId(f.groupId()).name());
    }

    /** Topic rules lose the filter with it (the database cascades its bindings). */
    public void delete(String id) {
        TableFilter f = load(id);
        access.requireAdminById(f.groupId());
        filters.delete(f);
        filters.flush();
    }

    private void refuseDuplicate(String groupId, FilterRules.Content content, String exceptId) {
        filters.findSame(groupId, content.type(), content.tableRegex()).stream()
                .filter(other -> !other.id().equals(exceptId)).findFirst()
                .ifPresent(other -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("id", other.id());
                    details.put("type", other.type().name());
                    details.put("tableRegex", other.tableRegex());
                    throw new TowerException(ErrorCode.FILTER_EXISTS, "The group has a " + other.type()
                            + " filter for '" + other.tableRegex() + "' already (" + other.name() + ").", details);
                });
    }

    private TableFilter load(String id) {
        return filters.findById(id).orElseThrow(() -> TowerException.notFound(ErrorCode.FILTER_NOT_FOUND, id));
    }
}
