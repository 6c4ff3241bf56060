package io.binlake.tower.operation;

import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.dump.DumpPlanner;
import io.binlake.tower.dump.DumpPlanner.BoundRule;
import io.binlake.tower.dump.DumpPlanner.DumpTarget;
import io.binlake.tower.instance.BindingSpec;
import io.binlake.tower.instance.DumpState;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.ManagerClient;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.manager.Rule;
import io.binlake.tower.manager.StorageType;
import io.binlake.tower.manager.ZK;
import io.binlake.tower.messaging.CausingRequest;
import io.binlake.tower.messaging.EventPublisher;
import io.binlake.tower.messaging.TowerEvent;
import io.binlake.tower.request.RequestType;
import io.binlake.tower.topic.TopicRuleCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of bpmn/instance-operation.bpmn, one method each. A step runs in its BPMN job's transaction: the dump
 * state it records and the OPERATION_SUCCEEDED event it publishes commit together with the process moving on, and
 * roll back with it when the manager call fails. Coordinates (ZooKeeper, host, port) come from the database, never
 * from the request. A refusal ({@link OperationRefusedException}) has written nothing and lets the step's
 * transaction commit, as the process records it on its refused path.
 */
@Service
@Transactional(noRollbackFor = OperationRefusedException.class)
class OperationService {
    private static final Logger log = LoggerFactory.getLogger(OperationService.class);
    /** Only the rules of a create/znodes body are checked at request time; this position is never sent. */
    private static final BinlogPosition PLACEHOLDER = new BinlogPosition("mysql-bin.000001", 4, "", false);

    private final InstanceService instances;
    private final ClusterCatalog clusters;
    private final TopicRuleCatalog topicRules;
    private final ManagerClient manager;
    private final DumpPlanner planner;
    private final EventPublisher events;

    OperationService(InstanceService instances, ClusterCatalog clusters, TopicRuleCatalog topicRules,
            ManagerClient manager, DumpPlanner planner, EventPublisher events) {
        this.instances = instances;
        this.clusters = clusters;
        this.topicRules = topicRules;
        this.manager = manager;
        this.planner = planner;
        this.events = events;
    }

    /**
     * What UPDATE_RULES starts from, as the manager holds it.
     *
     * @param position      where the dump is (the {@code dynamic} node the wave keeps up to date)
     * @param candidates    the waves allowed to dump it now
     * @param droppedTopics topics on the node that the instance is no longer bound to
     */
    record DumpStatus(BinlogPosition position, List<String> candidates, List<String> droppedTopics) {
    }

    /** set/online: the manager always rewrites the node, so the wave (re)starts the dump. */
    void setOnline(String instanceId, String reportAs) {
        Target t = target(instanceId);
        manager.setOnline(t.zk(), t.host(), t.port());
        instances.recordDumpState(instanceId, DumpState.ONLINE);
        succeeded(instanceId, reportAs);
    }

    /** set/offline: idempotent, and it does not wait for the wave to stop. */
    void setOffline(String instanceId, String reportAs) {
        Target t = target(instanceId);
        manager.setOffline(t.zk(), t.host(), t.port());
        instances.recordDumpState(instanceId, DumpState.OFFLINE);
        succeeded(instanceId, reportAs);
    }

    /** set/binlog: the manager stops the dump, writes the position and restarts it, so the node ends ONLINE. */
    void setBinlogPosition(String instanceId, String binlogFile, long binlogPos, String executedGtidSets) {
        Target t = target(instanceId);
        manager.setBinlog(t.zk(), t.host(), t.port(), binlogFile, binlogPos, executedGtidSets);
        instances.recordDumpState(instanceId, DumpState.ONLINE);
        succeeded(instanceId, RequestType.SET_BINLOG_POSITION.name());
    }

    /**
     * set/leader, only for a wave among the node's candidates: a wave outside them skips the instance, and every
     * candidate gives way to the named leader, so nobody would dump it. Ends ONLINE.
     */
    void setLeader(String instanceId, String leader) {
        Target t = target(instanceId);
        MetaData status = manager.slaveStatus(t.zk(), t.host(), t.port());
        List<String> candidates = status.candidate() == null ? List.of() : status.candidate();
        if (!candidates.contains(leader)) {
            throw new OperationRefusedException("Wave " + leader + " is not a candidate of " + t.instance().hostPort()
                    + " (candidates: " + candidates + "): as leader it would never dump it. Make it a candidate "
                    + "first (SET_CANDIDATES).");
        }
        manager.setLeader(t.zk(), t.host(), t.port(), leader);
        instances.recordDumpState(instanceId, DumpState.ONLINE);
        succeeded(instanceId, RequestType.SET_LEADER.name());
    }

    /** set/candidate: replaces the waves allowed to dump the instance; ends ONLINE. */
    void setCandidates(String instanceId, List<String> waveIps) {
        Target t = target(instanceId);
        manager.setCandidates(t.zk(), t.host(), t.port(), waveIps);
        instances.recordDumpState(instanceId, DumpState.ONLINE);
        succeeded(instanceId, RequestType.SET_CANDIDATES.name());
    }

    /** reset/counter: the wave tries again; the node's state is unchanged, so the dump state is too. */
    void resetCounter(String instanceId) {
        Target t = target(instanceId);
        manager.resetCounter(t.zk(), t.host(), t.port());
        succeeded(instanceId, RequestType.RESET_COUNTER.name());
    }

    /**
     * slave/status: where the dump is and which of the node's topics the bindings dropped. A dropped topic cannot go
     * through create/znodes' update path (the manager deletes parent-first and fails, leaving the node OFFLINE), so
     * the process then recreates the node from this position.
     */
    DumpStatus readDumpStatus(String instanceId) {
        Target t = target(instanceId);
        MetaData status = manager.slaveStatus(t.zk(), t.host(), t.port());
        BinlogInfo slave = status.slave();
        if (slave == null || slave.binlogFile() == null || slave.binlogFile().isBlank()) {
            throw new IllegalStateException("The manager reports no dump position for " + t.instance().hostPort());
        }
        Set<String> onNode = new TreeSet<>();
        List<Rule> rules = status.dbInfo() == null || status.dbInfo().rule() == null ? List.of()
                : status.dbInfo().rule();
        for (Rule rule : rules) {
            if (rule.storage() == StorageType.MQ_STORAGE && rule.mqRule() != null) {
                onNode.add(rule.mqRule().topic());
            }
        }
        Set<String> bound = new TreeSet<>();
        topicRules.byIds(instances.bindings(instanceId).stream().map(BindingSpec::topicRuleId).toList())
                .forEach(r -> bound.add(r.topic()));
        onNode.removeAll(bound);
        // Position 0 is refused by create/znodes even on its update path; 4 is where every binlog file starts.
        BinlogPosition position = new BinlogPosition(slave.binlogFile(), Math.max(4, slave.binlogPos()),
                slave.executedGtidSets(), slave.withGTID());
        return new DumpStatus(position, status.candidate() == null ? List.of() : List.copyOf(status.candidate()),
                List.copyOf(onNode));
    }

    /**
     * create/znodes on the existing node: the manager replaces dbInfo and rules, bracketed OFFLINE → write → ONLINE.
     * Every rule Tower sends has a white filter, and the manager never reads filters back, so it always sees a
     * change and the node always ends ONLINE.
     */
    void updateRules(String instanceId, BinlogPosition position, List<String> candidates) {
        createZnodes(instanceId, position, candidates);
        instances.recordDumpState(instanceId, DumpState.ONLINE);
        succeeded(instanceId, RequestType.UPDATE_RULES.name());
    }

    /** create/znodes on a removed node: staged OFFLINE at the given position, with the given candidates. */
    void recreateZnodes(String instanceId, BinlogPosition position, List<String> candidates) {
        createZnodes(instanceId, position, candidates);
        instances.recordDumpState(instanceId, DumpState.OFFLINE);
        succeeded(instanceId, OperationProcess.STEP_CREATE_ZNODES);
    }

    /** remove/node: refused by the manager while ONLINE (so it always follows set/offline); idempotent. */
    void removeNode(String instanceId) {
        Target t = target(instanceId);
        manager.removeNode(t.zk(), t.host(), t.port());
        succeeded(instanceId, OperationProcess.STEP_REMOVE_NODE);
    }

    /** online → removed: the dump is stopped and its znodes are gone. */
    void recordRemoved(String instanceId, String actor) {
        target(instanceId);
        instances.changeStatus(instanceId, InstanceStatus.online, InstanceStatus.removed, actor,
                "Removed by request " + CausingRequest.current());
        succeeded(instanceId, RequestType.REMOVE_INSTANCE.name());
    }

    /** Refuses, at request time, bindings that cannot make a create/znodes body (none, no white filter, no waves). */
    void checkRules(InstanceSpec instance, ClusterSpec cluster) {
        planner.createBody(new DumpTarget(instance.host(), instance.port(), instance.slaveId()), cluster,
                boundRules(instance.id()), PLACEHOLDER, planner.candidates(cluster));
    }

    void operationFailed(String instanceId, String operation, String error) {
        events.publish(TowerEvent.operation(false, CausingRequest.current(), instanceId, operation, error));
    }

    private void createZnodes(String instanceId, BinlogPosition position, List<String> candidates) {
        Target t = target(instanceId);
        // The update path ignores candidates, but the body must name some; a recreated node keeps the ones it had.
        List<String> waves = candidates == null || candidates.isEmpty() ? planner.candidates(t.cluster()) : candidates;
        MetaData body = planner.createBody(new DumpTarget(t.host(), t.port(), t.instance().slaveId()), t.cluster(),
                boundRules(instanceId), position, waves);
        manager.createZnodes(body);
    }

    private List<BoundRule> boundRules(String instanceId) {
        return instances.bindings(instanceId).stream()
                .map(b -> new BoundRule(b.topicRuleId(), b.storageType(), b.convertClass())).toList();
    }

    private void succeeded(String instanceId, String operation) {
        log.info("Instance {}: {} done", instanceId, operation);
        events.publish(TowerEvent.operation(true, CausingRequest.current(), instanceId, operation, null));
    }

    /** The instance and its cluster as the database has them now; a step never acts on an instance not online. */
    private Target target(String instanceId) {
        InstanceSpec instance = instances.find(instanceId).orElseThrow(() -> new TowerException(
                ErrorCode.INSTANCE_NOT_FOUND, "Instance " + instanceId + " no longer exists",
                Map.of("instanceId", instanceId)));
        if (instance.status() != InstanceStatus.online) {
            throw new TowerException(ErrorCode.INSTANCE_BUSY, "Instance " + instance.hostPort() + " is "
                    + instance.status() + ", no longer online.");
        }
        ClusterSpec cluster = clusters.find(instance.clusterKeyword()).orElseThrow(() -> new TowerException(
                ErrorCode.CLUSTER_NOT_FOUND, "Cluster " + instance.clusterKeyword() + " no longer exists"));
        return new Target(instance, cluster);
    }

    private record Target(InstanceSpec instance, ClusterSpec cluster) {
        ZK zk() {
            return DumpPlanner.zk(cluster);
        }

        String host() {
            return instance.host();
        }

        int port() {
            return instance.port();
        }
    }
}
