package io.binlake.tower.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.binlake.tower.binlog.BinaryLog;
import io.binlake.tower.monitor.DumpStatus.Lag;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinlogLagTest {
    /** Newest first, as SHOW BINARY LOGS is reversed by StartPositionReader. */
    private static final List<BinaryLog> LOGS = List.of(new BinaryLog("mysql-bin.000010", 700),
            new BinaryLog("mysql-bin.000009", 5000), new BinaryLog("mysql-bin.000008", 3000),
            new BinaryLog("mysql-bin.000007", 2000));

    @Test
    void inOneFileItIsTheByteDifference() {
        assertThat(BinlogLag.sameFile(400, 1000)).isEqualTo(new Lag(0, 600L, null));
        assertThat(BinlogLag.sameFile(1000, 1000)).isEqualTo(new Lag(0, 0L, null));
    }

    @Test
    void aDumpPastTheMastersEndHasNoFigures() {
        Lag lag = BinlogLag.sameFile(1200, 1000);
        assertThat(lag.bytesBehind()).isNull();
        assertThat(lag.note()).isEqualTo(BinlogLag.AHEAD);
    }

    @Test
    void acrossFilesItAddsTheRestOfTheDumpsFileTheFilesBetweenAndTheMastersPart() {
        Lag lag = BinlogLag.acrossFiles("mysql-bin.000007", 1500, "mysql-bin.000010", 650, LOGS, null);

        assertThat(lag.filesBehind()).isEqualTo(3);
        assertThat(lag.bytesBehind()).isEqualTo((2000 - 1500) + 3000 + 5000 + 650);
        assertThat(lag.note()).isNull();
    }

    @Test
    void theNextFileHasNothingInBetween() {
        Lag lag = BinlogLag.acrossFiles("mysql-bin.000009", 4990, "mysql-bin.000010", 650, LOGS, null);

        assertThat(lag).isEqualTo(new Lag(1, 10L + 650, null));
    }

    @Test
    void withoutTheSizesOnlyTheFilesAreCounted() {
        Lag lag = BinlogLag.acrossFiles("mysql-bin.000007", 1500, "mysql-bin.000010", 650, null, "access denied");

        assertThat(lag.filesBehind()).isEqualTo(3);
        assertThat(lag.bytesBehind()).isNull();
        assertThat(lag.note()).contains("access denied");
    }

    @Test
    void aPurgedDumpFileIsSaidSo() {
        Lag lag = BinlogLag.acrossFiles("mysql-bin.000003", 1500, "mysql-bin.000010", 650, LOGS, null);

        assertThat(lag.filesBehind()).isEqualTo(7);
        assertThat(lag.bytesBehind()).isNull();
        assertThat(lag.note()).contains("mysql-bin.000003", "not among the master's binary logs");
    }

    @Test
    void aDumpInANewerFileThanTheMastersIsAhead() {
        assertThat(BinlogLag.acrossFiles("mysql-bin.000010", 4, "mysql-bin.000009", 650, LOGS, null))
                .isEqualTo(new Lag(null, null, BinlogLag.AHEAD));
        assertThat(BinlogLag.acrossFiles("mysql-bin.000012", 4, "mysql-bin.000010", 650, LOGS, null))
                .isEqualTo(new Lag(null, null, BinlogLag.AHEAD));
    }

    @Test
    void aMasterFileMissingFromTheListStillCountsFiles() {
        Lag lag = BinlogLag.acrossFiles("mysql-bin.000009", 100, "mysql-bin.000011", 40, LOGS, null);

        assertThat(lag.filesBehind()).isEqualTo(2);
        assertThat(lag.bytesBehind()).isNull();
        assertThat(lag.note()).contains("mysql-bin.000011");
    }

    @Test
    void aPositionPastTheEndOfItsFileGivesNoBytes() {
        Lag lag = BinlogLag.acrossFiles("mysql-bin.000009", 6000, "mysql-bin.000010", 650, LOGS, null);

        assertThat(lag.filesBehind()).isEqualTo(1);
        assertThat(lag.bytesBehind()).isNull();
        assertThat(lag.note()).contains("past the end");
    }

    @Test
    void filesAreComparedBySuffixOnlyWithinOneBaseName() {
        assertThat(BinlogLag.suffixDistance("mysql-bin.000007", "mysql-bin.000010")).isEqualTo(3);
        assertThat(BinlogLag.suffixDistance("mysql-bin.000007", "binlog.000010")).isNull();
        assertThat(BinlogLag.suffixDistance("mysql-bin.log", "mysql-bin.000010")).isNull();
        assertThat(BinlogLag.suffixDistance("nodot", "mysql-bin.000010")).isNull();
        assertThat(BinlogLag.acrossFiles("a.000001", 4, "b.000002", 4, List.of(), null).filesBehind()).isNull();
    }
}
