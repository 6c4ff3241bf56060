package io.binlake.tower.dump;

import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.filter.FilterCatalog;
import io.binlake.tower.filter.FilterSpec;
import io.binlake.tower.filter.FilterType;
import io.binlake.tower.manager.Alarm;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.Column;
import io.binlake.tower.manager.DbInfo;
import io.binlake.tower.manager.EventType;
import io.binlake.tower.manager.Filter;
import io.binlake.tower.manager.MQRule;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.manager.NodeState;
import io.binlake.tower.manager.OrderType;
import io.binlake.tower.manager.Pair;
import io.binlake.tower.manager.Rule;
import io.binlake.tower.manager.ZK;
import io.binlake.tower.topic.TopicRuleCatalog;
import io.binlake.tower.topic.TopicRuleSpec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles the manager's create/znodes body for an instance from Tower's data (tower-spec §6.4, done right): one
 * Rule per bound topic rule, deterministic order, the cluster read once, filters de-duplicated, empty lists instead
 * of nulls, staged OFFLINE so nothing dumps before set/online.
 */
@Service
@Transactional(readOnly = true)
public class DumpPlanner {
    private final TopicRuleCatalog topicRules;
    private final FilterCatalog filters;
    private final RandomGenerator random;

    @org.springframework.beans.factory.annotation.Autowired
    DumpPlanner(TopicRuleCatalog topicRules, FilterCatalog filters) {
        this(topicRules, filters, new SecureRandom());
    }

    DumpPlanner(TopicRuleCatalog topicRules, FilterCatalog filters, RandomGenerator random) {
        this.topicRules = topicRules;
        this.filters = filters;
        this.random = random;
    }

    /** An instance as the plan needs it. */
    public record DumpTarget(String host, int port, long slaveId) {
    }

    /** One (instance, topic rule) binding. */
    public record BoundRule(String topicRuleId, String storageType, String convertClass) {
    }

    public static ZK zk(ClusterSpec cluster) {
        return new ZK(cluster.zkServers(), cluster.zkPath());
    }

    public MetaData createBody(DumpTarget target, ClusterSpec cluster, List<BoundRule> bindings, BinlogPosition start,
            List<String> candidates) {
        DbInfo dbInfo = new DbInfo(target.slaveId(), target.host(), target.port(), cluster.dumpUser(),
                cluster.dumpPassword(), System.currentTimeMillis(), NodeState.OFFLINE,
                rules(target, cluster, bindings), 0, cluster.slaveUuid());
        BinlogInfo slave = BinlogInfo.start(start.binlogFile(), start.binlogPos(), start.executedGtidSets(),
                start.withGtid());
        return MetaData.create(zk(cluster), dbInfo, slave, candidates, Alarm.of(List.of()));
    }

    /** Up to three distinct waves of the cluster, chosen uniformly; refuses a cluster without waves. */
    public List<String> candidates(ClusterSpec cluster) {
        if (cluster.waveIps().isEmpty()) {
            throw new TowerException(ErrorCode.INSTANCE_NOT_READY, "Cluster '" + cluster.keyword()
                    + "' has no waves: add its dump workers' IPs (PUT /api/v1/clusters/" + cluster.keyword()
                    + "/waves) before an instance can dump.");
        }
        return Candidates.pick(cluster.waveIps(), Candidates.DEFAULT_COUNT, random);
    }

    List<Rule> rules(DumpTarget target, ClusterSpec cluster, List<BoundRule> bindings) {
        if (bindings.isEmpty()) {
            throw new TowerException(ErrorCode.INSTANCE_NOT_READY, "Instance " + target.host() + ":" + target.port()
                    + " is bound to no topic rule: bind at least one before it can dump.");
        }
        Map<String, TopicRuleSpec> specs = new LinkedHashMap<>();
        topicRules.byIds(bindings.stream().map(BoundRule::topicRuleId).toList()).forEach(s -> specs.put(s.id(), s));
        List<BoundRule> ordered = new ArrayList<>(bindings);
        ordered.sort(Comparator.comparing(b -> specs.containsKey(b.topicRuleId())
                ? specs.get(b.topicRuleId()).topic() : b.topicRuleId()));
        List<Rule> rules = new ArrayList<>();
        for (BoundRule binding : ordered) {
            TopicRuleSpec rule = specs.get(binding.topicRuleId());
            if (rule == null) {
                throw new TowerException(ErrorCode.TOPIC_RULE_NOT_FOUND, "Topic rule " + binding.topicRuleId()
                        + " bound to " + target.host() + ":" + target.port() + " no longer exists.");
            }
            rules.add(Rule.mq(binding.convertClass(), mqRule(rule, target, cluster)));
        }
        return rules;
    }

    MQRule mqRule(TopicRuleSpec rule, DumpTarget target, ClusterSpec cluster) {
        List<FilterSpec> bound = filters.byIds(rule.filterIds()).stream()
                .sorted(Comparator.comparing(FilterSpec::tableRegex).thenComparing(FilterSpec::id)).toList();
        List<Filter> white = bound.stream().filter(f -> f.type() == FilterType.WHITE).map(DumpPlanner::filter)
                .distinct().toList();
        List<Filter> black = bound.stream().filter(f -> f.type() == FilterType.BLACK).map(DumpPlanner::filter)
                .distinct().toList();
        if (white.isEmpty()) {
            // A wave keeps only events that a white filter matches: without one the topic would receive nothing.
            throw new TowerException(ErrorCode.INSTANCE_NOT_READY, "Topic rule '" + rule.topic()
                    + "' has no WHITE filter, so the dump would publish nothing: bind one (e.g. table regex .*\\..*).");
        }
        return new MQRule(rule.topic(), rule.withTransaction(), false, rule.producerClass(),
                OrderType.valueOf(rule.orderType()), producerProperties(rule, target, cluster), white, black);
    }

    static List<Pair> producerProperties(TopicRuleSpec rule, DumpTarget target, ClusterSpec cluster) {
        Map<String, String> props = new LinkedHashMap<>();
        for (Pair p : MQRule.kafkaProducerParas(cluster.kafkaBootstrapServers(), rule.topic(), target.host(),
                target.port())) {
            props.put(p.key(), p.value());
        }
        // A topic rule's own settings override the defaults; bootstrap.servers and client.id stay Tower's.
        String servers = props.remove("bootstrap.servers");
        String clientId = props.remove("client.id");
        props.putAll(rule.producerProperties());
        props.put("bootstrap.servers", servers);
        props.put("client.id", clientId);
        return props.entrySet().stream().map(e -> new Pair(e.getKey(), e.getValue())).toList();
    }

    static Filter filter(FilterSpec f) {
        return new Filter(f.tableRegex(), f.eventTypes().stream().map(EventType::valueOf).toList(),
                f.keptColumns().stream().map(c -> new Column(c, List.of())).toList(),
                f.nulledColumns().stream().map(c -> new Column(c, List.of())).toList(),
                f.pseudoColumns().stream().map(p -> new Pair(p.name(), p.value())).toList(),
                f.businessKeys());
    }
}
