package io.binlake.tower.monitor;

import io.binlake.tower.monitor.DumpStatus.HealthReason;
import io.binlake.tower.monitor.DumpStatus.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * tower-spec §7.3: a dump is unhealthy when it has no binlog file, is at position 0, has not dumped an event yet, or
 * its waves retried more than six times. Every failed part is listed, so the operator sees all of them at once.
 */
final class DumpHealth {
    /** The original's threshold; a stopped dump adds 100, so it always trips this. */
    static final int MAX_RETRIES = 6;

    private DumpHealth() {
    }

    static List<HealthReason> unhealthyReasons(String binlogFile, long binlogPos, long binlogWhen, int retryTimes) {
        List<HealthReason> reasons = new ArrayList<>();
        if (binlogFile == null || binlogFile.isBlank()) {
            reasons.add(new HealthReason(Reason.NO_BINLOG_FILE, "The dump has no binlog file."));
        }
        if (binlogPos == 0) {
            reasons.add(new HealthReason(Reason.NO_POSITION, "The dump is at position 0."));
        }
        if (binlogWhen == 0) {
            reasons.add(new HealthReason(Reason.NO_EVENT_TIME, "No binlog event has been dumped yet "
                    + "(no event time; set/binlog also clears it until the wave dumps again)."));
        }
        if (retryTimes > MAX_RETRIES) {
            reasons.add(new HealthReason(Reason.TOO_MANY_RETRIES, "The waves retried " + retryTimes
                    + " times (more than " + MAX_RETRIES + "); a stopped dump counts 100. Fix the cause shown in "
                    + "lastError, then reset the counter."));
        }
        return List.copyOf(reasons);
    }
}
