package io.binlake.tower.manager.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.manager.Alarm;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.Candidate;
import io.binlake.tower.manager.Counter;
import io.binlake.tower.manager.DbInfo;
import io.binlake.tower.manager.ErrorInfo;
import io.binlake.tower.manager.NodeState;
import io.binlake.tower.manager.Terminal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A copy of one instance's znodes as the simulator holds them (contract §4).
 *
 * @param dbInfo      the instance node ({@code rule} is null: rules are child nodes)
 * @param version     the instance node's ZooKeeper version: 0 at create, +1 per write (what makes the wave react)
 * @param stateWrites the {@code state} of every write of the instance node, in order, starting with the create
 * @param ruleTree    rule subtree, path relative to the instance → node JSON: {@code MQ_STORAGE:t} (Rule, any null),
 *                    {@code MQ_STORAGE:t/t} (MQRule, white/black null), {@code MQ_STORAGE:t/t/white:regex} (Filter)
 * @param alarm       null when create sent none (the node then holds {@code null})
 * @param leader      the raw {@code leader} node, null when absent
 * @param terminal    null when absent
 */
public record InstanceSnapshot(DbInfo dbInfo, int version, List<NodeState> stateWrites, Map<String, JsonNode> ruleTree,
                               BinlogInfo dynamic, Counter counter, ErrorInfo error, Alarm alarm, Candidate candidate,
                               String leader, Terminal terminal) {

    public NodeState state() {
        return dbInfo.state();
    }

    /** Topics of the MQ rules (from the rule node names {@code <storage>:<topic>}). */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        ruleTree.keySet().stream().filter(k -> !k.contains("/"))
                .forEach(k -> topics.add(k.substring(k.indexOf(':') + 1)));
        return topics;
    }

    /** The candidate wave IPs, or null when the node holds {@code {"host":null}}. */
    public List<String> candidates() {
        return candidate == null ? null : candidate.host();
    }
}
