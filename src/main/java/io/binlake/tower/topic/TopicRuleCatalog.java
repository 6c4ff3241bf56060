package io.binlake.tower.topic;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to topic rules for other modules (instance bindings, rule assembly, Kafka requests naming a topic).
 * It checks no permissions: the caller has decided already who may see what it reads.
 */
@Service
@Transactional(readOnly = true)
public class TopicRuleCatalog {
    private final TopicRuleRepository rules;
    private final TopicRuleFilterRepository bindings;

    TopicRuleCatalog(TopicRuleRepository rules, TopicRuleFilterRepository bindings) {
        this.rules = rules;
        this.bindings = bindings;
    }

    public Optional<TopicRuleSpec> find(String id) {
        return id == null ? Optional.empty() : rules.findById(id).map(this::spec);
    }

    /** The rules of the given ids, in the order given, each once; ids of no rule are left out. */
    public List<TopicRuleSpec> byIds(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> wanted = ids.stream().filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, TopicRule> found = rules.findByIdIn(wanted).stream()
                .collect(Collectors.toMap(TopicRule::id, Function.identity()));
        Map<String, List<String>> filterIds = bindings.findByTopicRuleIdInOrderByFilterId(found.keySet()).stream()
                .collect(Collectors.groupingBy(TopicRuleFilter::topicRuleId,
                        Collectors.mapping(TopicRuleFilter::filterId, Collectors.toList())));
        return wanted.stream().map(found::get).filter(Objects::nonNull)
                .map(r -> spec(r, filterIds.getOrDefault(r.id(), List.of()))).toList();
    }

    /** The rule of a group for a topic, exactly as named (topics are case-sensitive in Kafka). */
    public Optional<TopicRuleSpec> findByGroupAndTopic(String groupId, String topic) {
        if (groupId == null || topic == null) {
            return Optional.empty();
        }
        return rules.findByGroupIdAndTopic(groupId, topic).map(this::spec);
    }

    private TopicRuleSpec spec(TopicRule r) {
        return spec(r, bindings.findByTopicRuleIdOrderByFilterId(r.id()).stream().map(TopicRuleFilter::filterId)
                .toList());
    }

    static TopicRuleSpec spec(TopicRule r, List<String> filterIds) {
        return new TopicRuleSpec(r.id(), r.groupId(), r.name(), r.topic(), r.producerClass(), r.withTransaction(),
                r.orderType(), r.producerProperties(), List.copyOf(filterIds));
    }
}
