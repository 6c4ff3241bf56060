package io.binlake.tower.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.binlake.tower.monitor.DumpStatus.HealthReason;
import io.binlake.tower.monitor.DumpStatus.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tower-spec §7.3: abnormal if no binlog file, position 0, no event time yet, or retryTimes > 6. */
class DumpHealthTest {

    @Test
    void aDumpThatProgressesIsHealthy() {
        assertThat(DumpHealth.unhealthyReasons("mysql-bin.000007", 8812, 1764101234, 6)).isEmpty();
    }

    @Test
    void everyFailedPartIsListed() {
        assertThat(reasons(null, 0, 0, 7)).containsExactly(Reason.NO_BINLOG_FILE, Reason.NO_POSITION,
                Reason.NO_EVENT_TIME, Reason.TOO_MANY_RETRIES);
        assertThat(reasons(" ", 4, 1764101234, 0)).containsExactly(Reason.NO_BINLOG_FILE);
        assertThat(reasons("mysql-bin.000007", 0, 1764101234, 0)).containsExactly(Reason.NO_POSITION);
        assertThat(reasons("mysql-bin.000007", 4, 0, 0)).containsExactly(Reason.NO_EVENT_TIME);
    }

    @Test
    void moreThanSixRetriesIsUnhealthyAndAStoppedDumpAlwaysIs() {
        assertThat(reasons("mysql-bin.000007", 4, 1764101234, 7)).containsExactly(Reason.TOO_MANY_RETRIES);
        assertThat(reasons("mysql-bin.000007", 4, 1764101234, 100)).containsExactly(Reason.TOO_MANY_RETRIES);
        assertThat(DumpHealth.unhealthyReasons("mysql-bin.000007", 4, 1764101234, 100).get(0).message())
                .contains("100 times");
    }

    private static List<Reason> reasons(String file, long pos, long when, int retries) {
        return DumpHealth.unhealthyReasons(file, pos, when, retries).stream().map(HealthReason::code).toList();
    }
}
