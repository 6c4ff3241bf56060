package io.binlake.tower.lifecycle;

import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.binlog.StartPositionReader;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.dbs.DbsEndpoint;
import io.binlake.tower.dbs.DbsKind;
import io.binlake.tower.dbs.DbsOrder;
import io.binlake.tower.dbs.DbsProviders;
import io.binlake.tower.dbs.DbsTarget;
import io.binlake.tower.dbs.OrderRequest;
import io.binlake.tower.dump.DumpPlanner;
import io.binlake.tower.dump.DumpPlanner.BoundRule;
import io.binlake.tower.dump.DumpPlanner.DumpTarget;
import io.binlake.tower.instance.DumpState;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.manager.ManagerClient;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.messaging.CausingRequest;
import io.binlake.tower.messaging.EventPublisher;
import io.binlake.tower.messaging.EventType;
import io.binlake.tower.messaging.TowerEvent;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of the instance lifecycle (bpmn/instance-lifecycle.bpmn). Each method is one BPMN step: it runs in that
 * step's transaction, so the status it writes commits together with the process moving on. External calls take
 * their coordinates from the database, never from a request (tower-spec §8.1.4).
 */
@Service
@Transactional
public class LifecycleService {
    static final String SYSTEM_ACTOR = "tower";
    private static final Logger log = LoggerFactory.getLogger(LifecycleService.class);
    private final InstanceService instances;
    private final ClusterCatalog clusters;
    private final DbsProviders dbs;
    private final StartPositionReader positions;
    private final ManagerClient manager;
    private final DumpPlanner planner;
    private final EventPublisher events;
    private final LifecycleProperties properties;

    LifecycleService(InstanceService instances, ClusterCatalog clusters, DbsProviders dbs,
            StartPositionReader positions, ManagerClient manager, DumpPlanner planner, EventPublisher events,
            LifecycleProperties properties) {
        this.instances = instances;
        this.clusters = clusters;
        this.dbs = dbs;
        this.positions = positions;
        this.manager = manager;
        this.planner = planner;
        this.events = events;
        this.properties = properties;
    }

    /** init: refuses a master (BinLake dumps replicas only). Technical failures are retried, then an incident. */
    public void verifyReplica(String instanceId) {
        InstanceSpec instance = instance(instanceId);
        DbsTarget target = target(instance, cluster(instance));
        dbs.forTarget(target).verifyReplica(target);
    }

    /** init → wait: the DBS authorization order is open. */
    public DbsOrder openDbsOrder(String instanceId, String group, String requestedBy, List<String> topics) {
        InstanceSpec instance = instance(instanceId);
        DbsTarget target = target(instance, cluster(instance));
        DbsOrder order = dbs.forTarget(target).openOrder(target,
                new OrderRequest(instanceId, group, requestedBy, topics, null));
        instances.recordDbsOrder(instanceId, order.orderId(), order.url());
        instances.changeStatus(instanceId, InstanceStatus.init, InstanceStatus.wait, SYSTEM_ACTOR,
                "DBS order " + order.orderId() + " opened");
        operationSucceeded(instanceId, "OPEN_DBS_ORDER");
        return order;
    }

    /** wait → unauthorized (approved) or oppose (rejected). */
    public void recordDbsDecision(String instanceId, boolean approved, String approver, String comment) {
        instances.changeStatus(instanceId, InstanceStatus.wait,
                approved ? InstanceStatus.unauthorized : InstanceStatus.oppose, actor(approver),
                reason(approved ? "DBS approved" : "DBS rejected", comment));
    }

    /** wait → oppose: nobody decided in time. */
    public void recordExpiry(String instanceId, String after) {
        instances.changeStatus(instanceId, InstanceStatus.wait, InstanceStatus.oppose, SYSTEM_ACTOR,
                "No DBS decision within " + after);
    }

    /** init → oppose: verification refused the instance. */
    public void recordRefusal(String instanceId, String why) {
        instances.changeStatus(instanceId, InstanceStatus.init, InstanceStatus.oppose, SYSTEM_ACTOR, why);
    }

    /** unauthorized → agree or oppose: an approver of the group decided. */
    public void recordApproval(String instanceId, boolean agreed, String approver, String comment) {
        instances.changeStatus(instanceId, InstanceStatus.unauthorized,
                agreed ? InstanceStatus.agree : InstanceStatus.oppose, actor(approver),
                reason(agreed ? "Agreed" : "Opposed", comment));
    }

    /** agree: the dump account may read the binlog from the cluster's waves (their exact addresses). */
    public void grantDumpAccount(String instanceId) {
        InstanceSpec instance = instance(instanceId);
        ClusterSpec cluster = cluster(instance);
        if (cluster.waveIps().isEmpty()) {
            throw new TowerException(ErrorCode.INSTANCE_NOT_READY, "Cluster '" + cluster.keyword()
                    + "' has no waves to grant the dump account to.");
        }
        DbsTarget target = target(instance, cluster);
        dbs.forTarget(target).grantDumpAccount(target, cluster.dumpUser(), cluster.dumpPassword(), cluster.waveIps());
        operationSucceeded(instanceId, "GRANT_DUMP_ACCOUNT");
    }

    public void forceRowFormat(String instanceId) {
        InstanceSpec instance = instance(instanceId);
        DbsTarget target = target(instance, cluster(instance));
        dbs.forTarget(target).forceRowFormat(target);
        operationSucceeded(instanceId, "FORCE_ROW_FORMAT");
    }

    /** Where the dump starts: the instance's current binlog position, read with the dump account. */
    public BinlogPosition readStartPosition(String instanceId) {
        InstanceSpec instance = instance(instanceId);
        ClusterSpec cluster = cluster(instance);
        return positions.read(instance.host(), instance.port(), cluster.dumpUser(), cluster.dumpPassword(),
                properties.mysqlTimeout());
    }

    /** Creates the znodes staged OFFLINE, so nothing dumps until set/online. */
    public void createZnodes(String instanceId, BinlogPosition start) {
        InstanceSpec instance = instance(instanceId);
        ClusterSpec cluster = cluster(instance);
        List<BoundRule> bindings = instances.bindings(instanceId).stream()
                .map(b -> new BoundRule(b.topicRuleId(), b.storageType(), b.convertClass())).toList();
        MetaData body = planner.createBody(new DumpTarget(instance.host(), instance.port(), instance.slaveId()),
                cluster, bindings, start, planner.candidates(cluster));
        manager.createZnodes(body);
        instances.recordDumpState(instanceId, DumpState.OFFLINE);
        operationSucceeded(instanceId, "CREATE_ZNODES");
    }

    public void setOnline(String instanceId) {
        InstanceSpec instance = instance(instanceId);
        manager.setOnline(DumpPlanner.zk(cluster(instance)), instance.host(), instance.port());
        instances.recordDumpState(instanceId, DumpState.ONLINE);
        operationSucceeded(instanceId, "SET_ONLINE");
    }

    /** agree → online. */
    public void recordOnline(String instanceId) {
        instances.changeStatus(instanceId, InstanceStatus.agree, InstanceStatus.online, SYSTEM_ACTOR,
                "Dump started");
    }

    public void publishTask(boolean reminder, String instanceId, String taskId, String taskName, String group) {
        events.publish(TowerEvent.task(reminder ? EventType.DECISION_REMINDER : EventType.TASK_CREATED,
                CausingRequest.current(), instanceId, taskId, taskName, group));
    }

    InstanceSpec instance(String instanceId) {
        return instances.find(instanceId).orElseThrow(() -> new TowerException(ErrorCode.INSTANCE_NOT_FOUND,
                "Instance " + instanceId + " no longer exists", Map.of("instanceId", instanceId)));
    }

    ClusterSpec cluster(InstanceSpec instance) {
        return clusters.find(instance.clusterKeyword()).orElseThrow(() -> new TowerException(
                ErrorCode.CLUSTER_NOT_FOUND, "Cluster " + instance.clusterKeyword() + " no longer exists"));
    }

    static DbsTarget target(InstanceSpec instance, ClusterSpec cluster) {
        DbsEndpoint endpoint = DbsKind.parse(cluster.dbsProvider().name()) == DbsKind.HTTP
                ? DbsEndpoint.http(cluster.dbsApiUrl(), cluster.dbsToken())
                : DbsEndpoint.jdbc(cluster.dbsAdminUser(), cluster.dbsAdminPassword());
        return new DbsTarget(instance.host(), instance.port(), endpoint);
    }

    private void operationSucceeded(String instanceId, String operation) {
        log.info("Instance {}: {} done", instanceId, operation);
        events.publish(TowerEvent.operation(true, CausingRequest.current(), instanceId, operation, null));
    }

    private static String actor(String who) {
        return who == null || who.isBlank() ? "unknown" : who;
    }

    private static String reason(String what, String comment) {
        return comment == null || comment.isBlank() ? what : what + ": " + comment;
    }
}
