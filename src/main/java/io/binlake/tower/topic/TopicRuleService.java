package io.binlake.tower.topic;

import io.binlake.tower.common.FieldErrors;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.Paging;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.filter.FilterCatalog;
import io.binlake.tower.filter.FilterSpec;
import io.binlake.tower.filter.FilterType;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.group.GroupRef;
import io.binlake.tower.group.GroupScope;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Topic rules and their filters (tower-spec §9 items 19–22, 32). Group admins write, members read, super admins do
 * everything. A rule may bind filters of any group the caller administers, as the original's picker allowed. Like
 * filters, a change reaches ZooKeeper only when an instance's rules are next pushed (§6.5). Creating the Kafka topic
 * is not done here.
 */
@Service
@Transactional
public class TopicRuleService {
    private static final Sort IN_GROUP = Sort.by("topic", "id");
    private static final Sort ACROSS_GROUPS = Sort.by("topic", "groupId", "id");
    private final TopicRuleRepository rules;
    private final TopicRuleFilterRepository bindings;
    private final FilterCatalog filters;
    private final GroupAccess access;

    TopicRuleService(TopicRuleRepository rules, TopicRuleFilterRepository bindings, FilterCatalog filters,
            GroupAccess access) {
        this.rules = rules;
        this.bindings = bindings;
        this.filters = filters;
        this.access = access;
    }

    /**
     * A rule as a client writes it. {@code topic} is only read on create; on update it may be repeated but not
     * changed. Omitted settings take their defaults on create and on update alike (an update replaces them all).
     */
    public record TopicRuleDraft(String topic, String name, String producerClass, Boolean withTransaction,
            String orderType, Map<String, String> producerProperties, List<String> filterIds) {
    }

    public record BoundFilter(String id, String groupId, String name, FilterType type, String tableRegex) {
        static BoundFilter of(FilterSpec f) {
            return new BoundFilter(f.id(), f.groupId(), f.name(), f.type(), f.tableRegex());
        }
    }

    public record TopicRuleView(String id, String groupId, String group, String name, String topic,
            String producerClass, boolean withTransaction, String orderType, Map<String, String> producerProperties,
            List<BoundFilter> filters, Instant createdAt, Instant updatedAt) {
    }

    public TopicRuleView create(String groupName, TopicRuleDraft draft) {
        GroupRef group = access.requireAdmin(groupName);
        FieldErrors errors = new FieldErrors();
        String topic = TopicRules.validTopic(draft.topic(), errors);
        TopicRules.Settings settings = TopicRules.validate(draft, errors);
        errors.throwIfAny();
        rules.findSameTopic(group.id(), topic).stream().findFirst().ifPresent(existing -> {
            throw new TowerException(ErrorCode.TOPIC_RULE_EXISTS, "The group has a topic rule for '"
                    + existing.topic() + "' already.", Map.of("id", existing.id(), "topic", existing.topic()));
        });
        List<FilterSpec> bound = requireBindable(settings.filterIds(), Set.of());
        TopicRule rule = rules.saveAndFlush(new TopicRule(group.id(), topic, settings));
        bindings.saveAllAndFlush(bound.stream().map(f -> new TopicRuleFilter(rule.id(), f.id())).toList());
        return view(rule, group.name(), boundFilters(rule.id()));
    }

    @Transactional(readOnly = true)
    public PageResponse<TopicRuleView> listInGroup(String groupName, String topic, Integer page, Integer size) {
        GroupRef group = access.requireMember(groupName);
        Pageable pageable = Paging.of(page, size, IN_GROUP);
        return views(rules.findInGroup(group.id(), Paging.likeContains(topic), pageable));
    }

    /** Rules of the caller's groups, or of the groups they administer (the rule picker); all for a super admin. */
    @Transactional(readOnly = true)
    public PageResponse<TopicRuleView> search(String topic, boolean administered, Integer page, Integer size) {
        Pageable pageable = Paging.of(page, size, ACROSS_GROUPS);
        GroupScope scope = administered ? access.administeredGroups() : access.visibleGroups();
        String like = Paging.likeContains(topic);
        Page<TopicRule> found = scope.all() ? rules.search(like, pageable)
                : scope.groupIds().isEmpty() ? Page.empty(pageable)
                : rules.searchInGroups(scope.groupIds(), like, pageable);
        return views(found);
    }

    @Transactional(readOnly = true)
    public TopicRuleView get(String id) {
        TopicRule rule = load(id);
        access.requireMemberById(rule.groupId());
        return view(rule, access.byId(rule.groupId()).name(), boundFilters(rule.id()));
    }

    /**
     * Replaces name, producer class, transaction flag, order and producer properties, and the set of bound filters.
     * Only filters newly bound must be of groups the caller administers: a co-admin's earlier choice stays.
     */
    public TopicRuleView update(String id, TopicRuleDraft draft) {
        TopicRule rule = load(id);
        access.requireAdminById(rule.groupId());
        FieldErrors errors = new FieldErrors();
        if (draft.topic() != null && !draft.topic().trim().equals(rule.topic())) {
            errors.add("topic", "cannot change: the rule's id is made of its topic; create a rule for the new topic");
        }
        TopicRules.Settings settings = TopicRules.validate(draft, errors);
        errors.throwIfAny();

        List<TopicRuleFilter> current = bindings.findByTopicRuleIdOrderByFilterId(rule.id());
        Set<String> currentIds = current.stream().map(TopicRuleFilter::filterId).collect(Collectors.toSet());
        requireBindable(settings.filterIds(), currentIds);
        Set<String> wanted = Set.copyOf(settings.filterIds());
        bindings.deleteAll(current.stream().filter(b -> !wanted.contains(b.filterId())).toList());
        bindings.flush();
        bindings.saveAll(settings.filterIds().stream().filter(f -> !currentIds.contains(f))
                .map(f -> new TopicRuleFilter(rule.id(), f)).toList());
        rule.change(settings);
        rules.flush();
        bindings.flush();
        return view(rule, access.byId(rule.groupId()).name(), boundFilters(rule.id()));
    }

    /** Its filter bindings and instance bindings go with it (the database cascades them). */
    public void delete(String id) {
        TopicRule rule = load(id);
        access.requireAdminById(rule.groupId());
        rules.delete(rule);
        rules.flush();
    }

    /**
     * Every filter id must name a filter (404 with the id), and the caller must administer the group of each filter
     * not bound already (403).
     */
    private List<FilterSpec> requireBindable(List<String> filterIds, Set<String> alreadyBound) {
        Map<String, FilterSpec> found = filters.byIds(filterIds).stream()
                .collect(Collectors.toMap(FilterSpec::id, Function.identity()));
        for (String filterId : filterIds) {
            FilterSpec f = found.get(filterId);
            if (f == null) {
                throw TowerException.notFound(ErrorCode.FILTER_NOT_FOUND, filterId);
            }
            if (!alreadyBound.contains(filterId) && !access.isAdmin(f.groupId())) {
                throw new TowerException(ErrorCode.FORBIDDEN,
                        "You do not administer the group of filter " + filterId + ", so you cannot bind it.",
                        Map.of("filterId", filterId, "groupId", f.groupId()));
            }
        }
        return filterIds.stream().map(found::get).toList();
    }

    private List<FilterSpec> boundFilters(String ruleId) {
        return filters.byIds(bindings.findByTopicRuleIdOrderByFilterId(ruleId).stream()
                .map(TopicRuleFilter::filterId).toList());
    }

    /** One page of rules with their filters and group names, in three queries rather than one per row. */
    private PageResponse<TopicRuleView> views(Page<TopicRule> page) {
        Collection<String> ruleIds = page.getContent().stream().map(TopicRule::id).toList();
        Map<String, List<String>> filterIdsByRule = ruleIds.isEmpty() ? Map.of()
                : bindings.findByTopicRuleIdInOrderByFilterId(ruleIds).stream()
                        .collect(Collectors.groupingBy(TopicRuleFilter::topicRuleId, LinkedHashMap::new,
                                Collectors.mapping(TopicRuleFilter::filterId, Collectors.toList())));
        Map<String, FilterSpec> specs = filters.byIds(filterIdsByRule.values().stream().flatMap(List::stream)
                .toList()).stream().collect(Collectors.toMap(FilterSpec::id, Function.identity()));
        Map<String, String> groupNames = new HashMap<>();
        return PageResponse.of(page, r -> view(r,
                groupNames.computeIfAbsent(r.groupId(), gid -> access.byId(gid).name()),
                filterIdsByRule.getOrDefault(r.id(), List.of()).stream().map(specs::get)
                        .filter(Objects::nonNull).toList()));
    }

    private static TopicRuleView view(TopicRule r, String groupName, List<FilterSpec> bound) {
        return new TopicRuleView(r.id(), r.groupId(), groupName, r.name(), r.topic(), r.producerClass(),
                r.withTransaction(), r.orderType(), r.producerProperties(), bound.stream().map(BoundFilter::of)
                .toList(), r.createdAt(), r.updatedAt());
    }

    private TopicRule load(String id) {
        return rules.findById(id).orElseThrow(() -> TowerException.notFound(ErrorCode.TOPIC_RULE_NOT_FOUND, id));
    }
}
