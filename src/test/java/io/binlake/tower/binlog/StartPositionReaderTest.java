package io.binlake.tower.binlog;

import io.binlake.tower.testsupport.BinlogMariaDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real MariaDB with binary logging ({@link BinlogMariaDb}). */
class StartPositionReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final StartPositionReader reader = new StartPositionReader();
    private static BinlogMariaDb db;

    @BeforeAll
    static void server() {
        db = BinlogMariaDb.get();
    }

    @Test
    void readsTheCurrentEndOfTheBinaryLogWithoutGtidOnMariaDb() {
        BinlogPosition position = reader.read(db.host(), db.port(), db.user(), db.password(), TIMEOUT);

        assertThat(position.binlogFile()).matches("mysql-bin\\.\\d{6}");
        assertThat(position.binlogPos()).isGreaterThanOrEqualTo(4);
        assertThat(position.executedGtidSets()).isEmpty();
        assertThat(position.withGtid()).isFalse();
        // the newest binary log is the one being written
        List<BinaryLog> logs = reader.binaryLogs(db.host(), db.port(), db.user(), db.password(), TIMEOUT);
        assertThat(position.binlogFile()).isEqualTo(logs.get(0).name());
        assertThat(position.binlogPos()).isEqualTo(logs.get(0).size());
    }

    @Test
    void aFreshServerStartsAtMysqlBin000001() {
        List<BinaryLog> logs = reader.binaryLogs(db.host(), db.port(), db.user(), db.password(), TIMEOUT);

        assertThat(logs).isNotEmpty();
        assertThat(logs.get(logs.size() - 1).name()).isEqualTo("mysql-bin.000001");
        assertThat(logs).allSatisfy(log -> assertThat(log.size()).isGreaterThanOrEqualTo(4));
    }

    @Test
    void thePositionMovesWhenTheServerWrites() throws Exception {
        BinlogPosition before = reader.read(db.host(), db.port(), db.user(), db.password(), TIMEOUT);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS tower_binlog_probe");
            s.execute("DROP DATABASE tower_binlog_probe");
        }

        BinlogPosition after = reader.read(db.host(), db.port(), db.user(), db.password(), TIMEOUT);

        assertThat(after.binlogFile().compareTo(before.binlogFile()) > 0
                || after.binlogPos() > before.binlogPos()).as("%s after %s", after, before).isTrue();
    }

    @Test
    void binaryLogsAreNewestFirst() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("FLUSH BINARY LOGS"); // starts a new file
        }

        List<BinaryLog> logs = reader.binaryLogs(db.host(), db.port(), db.user(), db.password(), TIMEOUT);

        assertThat(logs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(logs.get(0).name()).isGreaterThan(logs.get(1).name());
        assertThat(reader.read(db.host(), db.port(), db.user(), db.password(), TIMEOUT).binlogFile())
                .isEqualTo(logs.get(0).name());
    }

    @Test
    void aWrongPasswordIsAClearAccessDenied() {
        assertThatThrownBy(() -> reader.read(db.host(), db.port(), db.user(), "wrong-Pa55word", TIMEOUT))
                .isInstanceOf(BinlogReadException.class)
                .isNotInstanceOf(BinlogUnavailableException.class)
                .hasMessageContaining("access denied for user 'root'")
                .hasMessageContaining(db.host() + ":" + db.port())
                .hasMessageNotContaining("wrong-Pa55word");
    }

    @Test
    void anAccountWithoutReplicationClientIsToldSo() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE USER 'tower_noprivs'@'%' IDENTIFIED BY 'np-Pa55'");
        }
        try {
            assertThatThrownBy(() -> reader.read(db.host(), db.port(), "tower_noprivs", "np-Pa55", TIMEOUT))
                    .isInstanceOf(BinlogReadException.class)
                    .hasMessageContaining("lacks the privilege");
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP USER IF EXISTS 'tower_noprivs'@'%'");
            }
        }
    }

    @Test
    void aClosedPortIsAClearConnectFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> reader.read("127.0.0.1", closed, "root", "", TIMEOUT))
                .isInstanceOf(BinlogReadException.class)
                .hasMessageContaining("cannot connect")
                .hasMessageContaining("Connection refused")
                .hasMessageContaining("127.0.0.1:" + closed);
        assertThatThrownBy(() -> reader.binaryLogs("127.0.0.1", closed, "root", "", TIMEOUT))
                .isInstanceOf(BinlogReadException.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void aHostThatCouldCarryUrlParametersIsRejected() {
        assertThatThrownBy(() -> reader.read("db1/?allowLoadLocalInfile=true", 3306, "u", "p", TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positionsNeverCarryANullGtidSet() {
        assertThat(new BinlogPosition("mysql-bin.000001", 4, null, false).executedGtidSets()).isEmpty();
    }
}
