package io.binlake.tower.monitor;

import io.binlake.tower.binlog.BinaryLog;
import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.binlog.BinlogReadException;
import io.binlake.tower.binlog.BinlogUnavailableException;
import io.binlake.tower.binlog.StartPositionReader;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.dump.DumpPlanner;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.Counter;
import io.binlake.tower.manager.ErrorInfo;
import io.binlake.tower.manager.ManagerClient;
import io.binlake.tower.manager.ManagerRefusedException;
import io.binlake.tower.manager.ManagerUnavailableException;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.monitor.DumpStatus.Dump;
import io.binlake.tower.monitor.DumpStatus.HealthReason;
import io.binlake.tower.monitor.DumpStatus.Lag;
import io.binlake.tower.monitor.DumpStatus.Master;
import io.binlake.tower.monitor.DumpStatus.WaveError;
import io.binlake.tower.monitor.OutsideError.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Reads an instance's dump status for an operator: the manager's {@code slave/status} and the master's binary log
 * position, side by side, with the lag and the health rule (tower-spec §2.4.8, §7.3).
 *
 * <p>Unlike the lifecycle, which calls outside systems only from asynchronous BPMN steps, these reads run in the
 * HTTP request thread: they are read-only, change nothing that a retry or an incident would have to repair, and the
 * answer is only useful now. Each call is bounded by a timeout (the manager client's, and
 * {@code tower.monitor.mysql-timeout} per MySQL query), and each failure is caught and shown next to the half that
 * did answer, so an outside failure is never a 500. No database transaction is held open across those calls.
 *
 * <p>Each outside read is timed in {@code tower.monitor.outside.reads} (tags {@code system}, {@code outcome}); nothing
 * is read on a metrics scrape.
 */
@Service
public class DumpStatusService {
    /** The znodes exist from agree on (agree creates them; online dumps); before that there is nothing to read. */
    private static final Set<InstanceStatus> READABLE = EnumSet.of(InstanceStatus.agree, InstanceStatus.online);
    private static final int NODE_ABSENT = 115;
    private static final String METRIC = "tower.monitor.outside.reads";

    private final InstanceService instances;
    private final GroupAccess access;
    private final ClusterCatalog clusters;
    private final ManagerClient manager;
    private final StartPositionReader mysql;
    private final MonitorProperties properties;
    private final MeterRegistry meters;

    DumpStatusService(InstanceService instances, GroupAccess access, ClusterCatalog clusters, ManagerClient manager,
            StartPositionReader mysql, MonitorProperties properties, MeterRegistry meters) {
        this.instances = instances;
        this.access = access;
        this.clusters = clusters;
        this.manager = manager;
        this.mysql = mysql;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * The dump status of an agree or online instance, for a member of its group or a super admin.
     *
     * @throws TowerException INSTANCE_NOT_FOUND, FORBIDDEN, INSTANCE_BUSY (another status); never for an outside
     *                        failure
     */
    public DumpStatus dumpStatus(String instanceId) {
        InstanceSpec instance = readable(instanceId, "dump status");
        ClusterSpec cluster = cluster(instance);
        String group = access.byId(instance.groupId()).name();

        Half<MetaData> slave = readDump(instance, cluster);
        Half<BinlogPosition> position = readMaster(instance, cluster);

        Dump dump = slave.value() == null ? null : dump(slave.value());
        Master master = position.value() == null ? null : new Master(position.value().binlogFile(),
                position.value().binlogPos(), position.value().executedGtidSets(), position.value().withGtid());
        Lag lag = dump == null || master == null ? null : lag(instance, cluster, dump, master);
        Boolean healthy = null;
        List<HealthReason> reasons = List.of();
        if (dump != null) {
            BinlogInfo s = slave.value().slave();
            reasons = DumpHealth.unhealthyReasons(dump.binlogFile(), dump.binlogPos(), s == null ? 0 : s.binlogWhen(),
                    dump.retryTimes());
            healthy = reasons.isEmpty();
        }
        return new DumpStatus(instance.id(), instance.host(), instance.port(), group, instance.clusterKeyword(),
                instance.status(), Instant.now(), dump, slave.error(), master, position.error(), lag, healthy,
                reasons);
    }

    /**
     * The instance's binary logs, newest first, one page of them (the server lists them all at once).
     *
     * @throws TowerException INSTANCE_NOT_FOUND, FORBIDDEN, INSTANCE_BUSY (before agree the dump account is not
     *                        granted); never for an outside failure
     */
    public BinaryLogs binaryLogs(String instanceId, int page, int size) {
        InstanceSpec instance = readable(instanceId, "binary logs");
        ClusterSpec cluster = cluster(instance);
        Half<List<BinaryLog>> logs = readBinaryLogs(instance, cluster);
        if (logs.value() == null) {
            return new BinaryLogs(instance.id(), instance.host(), instance.port(), null, logs.error());
        }
        List<BinaryLog> all = logs.value();
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new BinaryLogs(instance.id(), instance.host(), instance.port(),
                new PageResponse<>(List.copyOf(all.subList(from, to)), page, size, all.size()), null);
    }

    // -------------------------------------------------------------------------------------------- the two halves

    /** One half of the answer: a value, or why there is none. */
    private record Half<T>(T value, OutsideError error) {
        static <T> Half<T> of(T value) {
            return new Half<>(value, null);
        }

        static <T> Half<T> failed(Kind kind, Integer code, String message) {
            return new Half<>(null, new OutsideError(kind, code, message));
        }
    }

    private Half<MetaData> readDump(InstanceSpec instance, ClusterSpec cluster) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return Half.of(manager.slaveStatus(DumpPlanner.zk(cluster), instance.host(), instance.port()));
        } catch (ManagerRefusedException e) {
            if (e.code() == NODE_ABSENT) {
                outcome = "absent";
                return Half.failed(Kind.NODE_NOT_CREATED, e.code(), "The dump of " + instance.hostPort()
                        + " is not created in ZooKeeper yet: the manager has no node for it under "
                        + cluster.zkServers() + cluster.zkPath() + (instance.status() == InstanceStatus.agree
                        ? " (the onboarding creates it after the grant)." : "."));
            }
            outcome = "refused";
            return Half.failed(Kind.MANAGER_REFUSED, e.code(), e.getMessage());
        } catch (ManagerUnavailableException e) {
            outcome = "unavailable";
            return Half.failed(Kind.MANAGER_UNAVAILABLE, null, e.getMessage());
        } finally {
            time("manager", outcome, start);
        }
    }

    private Half<BinlogPosition> readMaster(InstanceSpec instance, ClusterSpec cluster) {
        return readMysql(instance, cluster, () -> mysql.read(instance.host(), instance.port(), cluster.dumpUser(),
                cluster.dumpPassword(), properties.mysqlTimeout()));
    }

    private Half<List<BinaryLog>> readBinaryLogs(InstanceSpec instance, ClusterSpec cluster) {
        return readMysql(instance, cluster, () -> mysql.binaryLogs(instance.host(), instance.port(),
                cluster.dumpUser(), cluster.dumpPassword(), properties.mysqlTimeout()));
    }

    private <T> Half<T> readMysql(InstanceSpec instance, ClusterSpec cluster, Supplier<T> read) {
        if (cluster.dumpUser() == null || cluster.dumpUser().isBlank()) {
            return Half.failed(Kind.NO_DUMP_ACCOUNT, null, "Cluster '" + cluster.keyword()
                    + "' has no dump account to read " + instance.hostPort() + " with.");
        }
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return Half.of(read.get());
        } catch (BinlogUnavailableException e) {
            outcome = "binlog_disabled";
            return Half.failed(Kind.BINLOG_DISABLED, mysqlErrorCode(e), e.getMessage());
        } catch (BinlogReadException e) {
            outcome = "unavailable";
            return Half.failed(Kind.MYSQL_UNAVAILABLE, mysqlErrorCode(e), e.getMessage());
        } finally {
            time("mysql", outcome, start);
        }
    }

    /** The lag needs the sizes of the files in between only when the dump is in an older file than the master. */
    private Lag lag(InstanceSpec instance, ClusterSpec cluster, Dump dump, Master master) {
        if (dump.binlogFile() == null || dump.binlogFile().isBlank()) {
            return new Lag(null, null, "The dump has no binlog file yet.");
        }
        if (dump.binlogFile().equals(master.binlogFile())) {
            return BinlogLag.sameFile(dump.binlogPos(), master.binlogPos());
        }
        Half<List<BinaryLog>> logs = readBinaryLogs(instance, cluster);
        return BinlogLag.acrossFiles(dump.binlogFile(), dump.binlogPos(), master.binlogFile(), master.binlogPos(),
                logs.value(), logs.error() == null ? null : logs.error().message());
    }

    // -------------------------------------------------------------------------------------------- helpers

    private InstanceSpec readable(String instanceId, String what) {
        InstanceSpec instance = instances.find(instanceId)
                .orElseThrow(() -> TowerException.notFound(ErrorCode.INSTANCE_NOT_FOUND, String.valueOf(instanceId)));
        access.requireMemberById(instance.groupId());
        if (!READABLE.contains(instance.status())) {
            throw new TowerException(ErrorCode.INSTANCE_BUSY, "Instance " + instance.hostPort() + " is "
                    + instance.status() + ": its " + what + " can be read from agree on (the dump account is granted "
                    + "and the dump created then), that is in status agree or online.",
                    Map.of("instanceId", instance.id(), "status", instance.status().name()));
        }
        return instance;
    }

    private ClusterSpec cluster(InstanceSpec instance) {
        return clusters.find(instance.clusterKeyword())
                .orElseThrow(() -> TowerException.notFound(ErrorCode.CLUSTER_NOT_FOUND, instance.clusterKeyword()));
    }

    private static Dump dump(MetaData meta) {
        BinlogInfo s = meta.slave();
        Counter counter = meta.counter() == null ? Counter.ZERO : meta.counter();
        ErrorInfo error = meta.error();
        WaveError lastError = error == null || (error.code() == 0 && error.text().isEmpty()) ? null
                : new WaveError(error.code(), error.text());
        return new Dump(meta.dbInfo() == null ? null : meta.dbInfo().state(),
                s == null ? null : s.binlogFile(),
                s == null ? 0 : s.binlogPos(),
                s == null ? null : s.executedGtidSets(),
                s != null && s.withGTID(),
                s == null || s.leader() == null || s.leader().isBlank() ? null : s.leader(),
                s == null || s.binlogWhen() == 0 ? null : Instant.ofEpochSecond(s.binlogWhen()),
                counter.retryTimes(), counter.killTimes(),
                meta.candidate() == null ? List.of() : List.copyOf(meta.candidate()),
                lastError);
    }

    /** The server's error number (1045 access denied, 1227 privilege missing), when the driver got that far. */
    private static Integer mysqlErrorCode(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
        }
        return null;
    }

    private void time(String system, String outcome, long startNanos) {
        Timer.builder(METRIC).description("Outside reads of the dump status view (manager slave/status, MySQL)")
                .tag("system", system).tag("outcome", outcome).register(meters)
                .record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
