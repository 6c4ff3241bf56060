package io.binlake.tower.manager;

import java.util.List;

/**
 * The instance node: what the wave needs to dump one MySQL.
 *
 * @param slaveId     server_id of the dump, unique among the MySQL's replicas
 * @param host        MySQL host exactly as it should appear in the node name {@code host:port}
 * @param user        replication account (stored in clear text in ZooKeeper: never log it with the password)
 * @param state       always send it on create: a node created with null state can only be removed
 * @param rule        stored as child nodes; the instance node itself holds {@code "rule":null}
 * @param createTime  stored verbatim
 * @param metaVersion stored verbatim
 */
public record DbInfo(long slaveId, String host, int port, String user, String password, long createTime,
                     NodeState state, List<Rule> rule, long metaVersion, String slaveUUID) {

    /** The instance key part of a body: host and port only, as the key-only routes need. */
    public static DbInfo key(String host, int port) {
        return new DbInfo(0, host, port, null, null, 0, null, null, 0, null);
    }

    /** {@code host:port}, the node name under the meta root. */
    public String instanceKey() {
        return host + ":" + port;
    }

    public DbInfo withState(NodeState newState) {
        return new DbInfo(slaveId, host, port, user, password, createTime, newState, rule, metaVersion, slaveUUID);
    }

    public DbInfo withRules(List<Rule> rules) {
        return new DbInfo(slaveId, host, port, user, password, createTime, state, rules, metaVersion, slaveUUID);
    }

    // Never print the password (records print every component).
    @Override
    public String toString() {
        return "DbInfo[slaveId=" + slaveId + ", host=" + host + ", port=" + port + ", user=" + user
                + ", password=" + (password == null ? "null" : "***") + ", createTime=" + createTime + ", state=" + state
                + ", rule=" + rule + ", metaVersion=" + metaVersion + ", slaveUUID=" + slaveUUID + "]";
    }
}
