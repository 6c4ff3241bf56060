package io.binlake.tower.monitor;

import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.manager.NodeState;
import java.time.Instant;
import java.util.List;

/**
 * One instance's dump as an operator reads it (tower-spec §9 items 40 and 41): where the wave is (from the manager),
 * where the master is (from the instance), the lag between them and the health rule of §7.3. Each half is read on its
 * own: when one fails it is null and its error says why, and the other is still shown.
 *
 * @param checkedAt        when Tower read both halves
 * @param dump             the manager's {@code slave/status}; null when it could not be read ({@code dumpError})
 * @param master           the instance's current binary log end; null when it could not be read ({@code masterError})
 * @param lag              how far the dump is behind the master; null unless both halves were read
 * @param healthy          tower-spec §7.3 on the dump half; null when the dump half is unknown
 * @param unhealthyReasons every part of the rule that failed, empty when healthy or unknown
 */
public record DumpStatus(String instanceId, String host, int port, String group, String cluster,
        InstanceStatus status, Instant checkedAt, Dump dump, OutsideError dumpError, Master master,
        OutsideError masterError, Lag lag, Boolean healthy, List<HealthReason> unhealthyReasons) {

    /**
     * The dump's progress as the manager stores it.
     *
     * @param state      the node's ONLINE/OFFLINE switch
     * @param leader     the wave dumping it as {@code ip:port}, null before a wave took it
     * @param binlogWhen time of the last dumped binlog event, null before the first one (or after set/binlog)
     * @param retryTimes how often a wave retried; a stopped dump adds 100
     * @param candidates waves allowed to dump the instance
     * @param lastError  the wave's last error, null when it reported none
     */
    public record Dump(NodeState state, String binlogFile, long binlogPos, String executedGtidSets, boolean withGtid,
            String leader, Instant binlogWhen, int retryTimes, int killTimes, List<String> candidates,
            WaveError lastError) {
    }

    /** The wave's {@code error} node: 1000x retried, 2xxxx-4xxxx stopped. */
    public record WaveError(int code, String message) {
    }

    /** Where the instance's binary log ends now ({@code SHOW MASTER STATUS} with the cluster's dump account). */
    public record Master(String binlogFile, long binlogPos, String executedGtidSets, boolean withGtid) {
    }

    /**
     * How far the dump is behind the master.
     *
     * @param filesBehind binary log files between the dump's file and the master's (0 = same file); null when not
     *                    comparable
     * @param bytesBehind bytes of binary log the dump has still to read: the rest of its file, every file between
     *                    (sizes from {@code SHOW BINARY LOGS}) and the master's current file up to its position; null
     *                    when not knowable
     * @param note        why a figure is missing or suspicious, null when both are plain
     */
    public record Lag(Integer filesBehind, Long bytesBehind, String note) {
    }

    /** One failed part of the health rule. */
    public record HealthReason(Reason code, String message) {
    }

    /** The parts of tower-spec §7.3's rule. */
    public enum Reason {
        NO_BINLOG_FILE, NO_POSITION, NO_EVENT_TIME, TOO_MANY_RETRIES
    }
}
