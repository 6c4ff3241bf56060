package io.binlake.tower.instance;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.TowerException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;

/**
 * A MySQL replica Tower dumps. Id = md5(normalised host + ":" + port) (tower-spec §1.4, with the host trimmed and
 * lower-cased so one server has one id). Belongs to one group and one cluster for its whole life.
 */
@Entity
@Table(name = "mysql_instance")
public class MysqlInstance {
    static final int REASON_LENGTH = 1024;
    static final int ACTOR_LENGTH = 64;

    @Id
    @Column(length = 32)
    private String id;
    @Column(name = "group_id", nullable = false, length = 32)
    private String groupId;
    @Column(name = "cluster_keyword", nullable = false, length = 32)
    private String clusterKeyword;
    @Column(nullable = false, length = 255)
    private String host;
    @Column(nullable = false)
    private int port;
    @Column(name = "slave_id", nullable = false)
    private long slaveId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private InstanceStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "dump_state", nullable = false, length = 16)
    private DumpState dumpState;
    @Column(name = "dbs_order_id", length = 64)
    private String dbsOrderId;
    @Column(name = "dbs_order_url", length = 512)
    private String dbsOrderUrl;
    @Column(name = "requested_by", nullable = false, length = 64)
    private String requestedBy;
    @Column(name = "status_actor", length = 64)
    private String statusActor;
    @Column(name = "status_reason", length = 1024)
    private String statusReason;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected MysqlInstance() {
    }

    MysqlInstance(String groupId, String clusterKeyword, String host, int port, long slaveId, String requestedBy) {
        this.host = Ids.normaliseHost(host);
        this.port = port;
        this.id = Ids.instance(this.host, port);
        this.createdAt = Instant.now();
        register(groupId, clusterKeyword, slaveId, requestedBy);
    }

    /**
     * A removed instance's row is reused when the same host:port is registered again, possibly by another group:
     * everything of its former life is reset, the id stays (it is derived from host:port).
     */
    void reRegister(String groupId, String clusterKeyword, long slaveId, String requestedBy) {
        if (status != InstanceStatus.removed) {
            throw new IllegalStateException("only a removed instance is registered again");
        }
        register(groupId, clusterKeyword, slaveId, requestedBy);
    }

    private void register(String groupId, String clusterKeyword, long slaveId, String requestedBy) {
        this.groupId = groupId;
        this.clusterKeyword = clusterKeyword;
        this.slaveId = slaveId;
        this.requestedBy = requestedBy;
        this.status = InstanceStatus.init;
        this.dumpState = DumpState.UNKNOWN;
        this.dbsOrderId = null;
        this.dbsOrderUrl = null;
        this.statusActor = requestedBy;
        this.statusReason = "registered";
        this.updatedAt = Instant.now();
    }

    /** Moves along the state machine or refuses; returns the state it left. */
    InstanceStatus moveTo(InstanceStatus to, String actor, String reason) {
        InstanceStatus from = status;
        if (!from.canMoveTo(to)) {
            throw new TowerException(ErrorCode.INSTANCE_BUSY, "Instance " + hostPort() + " is " + from
                    + " and cannot become " + to + ".", Map.of("instanceId", id, "status", from.name(),
                    "requested", to.name()));
        }
        status = to;
        statusActor = truncate(actor, ACTOR_LENGTH);
        statusReason = truncate(reason, REASON_LENGTH);
        if (to == InstanceStatus.init) {
            // Re-applying opens a new DBS order; the rejected one must no longer correlate with this instance.
            dbsOrderId = null;
            dbsOrderUrl = null;
        }
        updatedAt = Instant.now();
        return from;
    }

    void recordDbsOrder(String orderId, String orderUrl) {
        this.dbsOrderId = orderId;
        this.dbsOrderUrl = orderUrl;
        this.updatedAt = Instant.now();
    }

    void recordDumpState(DumpState state) {
        if (state != dumpState) {
            this.dumpState = state;
            this.updatedAt = Instant.now();
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public String hostPort() {
        return host + ":" + port;
    }

    public String id() {
        return id;
    }

    public String groupId() {
        return groupId;
    }

    public String clusterKeyword() {
        return clusterKeyword;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long slaveId() {
        return slaveId;
    }

    public InstanceStatus status() {
        return status;
    }

    public DumpState dumpState() {
        return dumpState;
    }

    public String dbsOrderId() {
        return dbsOrderId;
    }

    public String dbsOrderUrl() {
        return dbsOrderUrl;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public String statusActor() {
        return statusActor;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
