package io.binlake.tower.dbs;

import io.binlake.tower.testsupport.BinlogMariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The jdbc provider against the real binary-logging MariaDB of {@link BinlogMariaDb}.
 *
 * <p>Fixture usage — state left behind: no replication configuration (the replica test runs {@code RESET SLAVE ALL}
 * in a finally block, so the server is a standalone master again, as the fixture starts it), global
 * {@code binlog_format} ROW and the original global {@code sql_mode} (both restored in finally blocks), and none of
 * the dump accounts these tests create (each test uses unique {@code tdump_*} names and drops them afterwards).
 */
class JdbcDbsProviderTest {

    private static BinlogMariaDb db;
    private static JdbcDbsProvider provider;

    private final List<String> accounts = new ArrayList<>();

    @BeforeAll
    static void fixture() {
        db = BinlogMariaDb.get();
        provider = new JdbcDbsProvider(new DbsProperties(null, null, null, Duration.ofSeconds(5)));
    }

    @AfterEach
    void dropAccounts() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String account : accounts) {
                s.execute("DROP USER IF EXISTS " + account);
            }
        }
    }

    private static DbsTarget target() {
        return new DbsTarget(db.host(), db.port(), DbsEndpoint.jdbc(db.user(), db.password()));
    }

    private String dumpUser() {
        String user = "tdump_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        accounts.add("'" + user + "'@'127.0.0.1'");
        accounts.add("'" + user + "'@'10.%'");
        return user;
    }

    private static void rootExecute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String rootQuery(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static List<String> grantsOf(String user, String host) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW GRANTS FOR '" + user + "'@'" + host + "'")) {
            while (r.next()) {
                grants.add(r.getString(1));
            }
        }
        return grants;
    }

    private static Connection loginAs(String user, String password) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), user, password);
    }

    @Test
    void verifyReplica_refusesTheServerWithoutReplicationConfiguration_andAcceptsItOnceConfigured() throws SQLException {
        rootExecute("RESET SLAVE ALL"); // a crashed earlier run may have left a configuration behind
        DbsRefusedException refused = catchThrowableOfType(DbsRefusedException.class, () -> provider.verifyReplica(target()));
        assertThat(refused.dbsMessage()).contains(db.host() + ":" + db.port() + " is not a replica");
        assertThat(refused.operation()).isEqualTo(DbsOperation.VERIFY_REPLICA);

        try {
            rootExecute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=3306, MASTER_USER='x', MASTER_PASSWORD='y'");
            provider.verifyReplica(target()); // configured, not started: still a replica
        } finally {
            rootExecute("RESET SLAVE ALL");
        }
        assertThatThrownBy(() -> provider.verifyReplica(target())).isInstanceOf(DbsRefusedException.class);
    }

    @Test
    void grantDumpAccount_createsTheAccount_andTheDumpUserCanReadTheMasterStatus() throws SQLException {
        String user = dumpUser();
        String password = "pw'with\\back\"slash-" + UUID.randomUUID();

        provider.grantDumpAccount(target(), user, password, List.of("127.0.0.1", "10.%"));
        provider.grantDumpAccount(target(), user, password, List.of("127.0.0.1", "10.%")); // idempotent

        for (String host : List.of("127.0.0.1", "10.%")) {
            String grants = String.join("\n", grantsOf(user, host));
            assertThat(grants).contains("SELECT", "REPLICATION SLAVE");
            // MariaDB 10.5+ calls REPLICATION CLIENT "BINLOG MONITOR".
            assertThat(grants).containsAnyOf("REPLICATION CLIENT", "BINLOG MONITOR");
        }
        try (Connection dump = loginAs(user, password); Statement s = dump.createStatement();
             ResultSet r = s.executeQuery("SHOW MASTER STATUS")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).startsWith("mysql-bin.");
            assertThat(r.getLong(2)).isPositive();
        }
    }

    @Test
    void grantDumpAccount_setsThePasswordOfAnExistingAccount() throws SQLException {
        String user = dumpUser();
        rootExecute("CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY 'old-password'");

        provider.grantDumpAccount(target(), user, "new-password-42", List.of("127.0.0.1"));

        try (Connection dump = loginAs(user, "new-password-42")) {
            assertThat(dump.isValid(2)).isTrue();
        }
        assertThatThrownBy(() -> loginAs(user, "old-password")).isInstanceOf(SQLException.class);
    }

    @Test
    void grantDumpAccount_escapesThePasswordUnderNoBackslashEscapes() throws SQLException {
        String user = dumpUser();
        String password = "a\\b'c\\";
        String original = rootQuery("SELECT @@GLOBAL.sql_mode");
        try {
            rootExecute("SET GLOBAL sql_mode = CONCAT_WS(',', NULLIF(@@GLOBAL.sql_mode, ''), 'NO_BACKSLASH_ESCAPES')");
            provider.grantDumpAccount(target(), user, password, List.of("127.0.0.1"));
        } finally {
            try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SET GLOBAL sql_mode = ?")) {
                p.setString(1, original);
                p.execute();
            }
        }
        try (Connection dump = loginAs(user, password)) {
            assertThat(dump.isValid(2)).isTrue();
        }
    }

    @Test
    void grantDumpAccount_refusesAHostileUserNameBeforeAnySql() throws IOException, SQLException {
        // A closed port: had the provider tried to connect, this would be a DbsUnavailableException.
        DbsTarget nowhere = new DbsTarget("127.0.0.1", closedPort(), DbsEndpoint.jdbc("root", ""));

        assertThatThrownBy(() -> provider.grantDumpAccount(nowhere, "a'; DROP USER root; --", "pw", List.of("%")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dump user name must match");
        assertThatThrownBy(() -> provider.grantDumpAccount(nowhere, "binlake", "pw", List.of("%'; DROP USER root; --")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client host pattern must match");
        assertThatThrownBy(() -> provider.grantDumpAccount(nowhere, "binlake", "p\nw", List.of("%")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("p\nw");
        assertThat(rootQuery("SELECT COUNT(*) FROM mysql.user WHERE User = 'root'")).isNotEqualTo("0");
    }

    @Test
    void forceRowFormat_setsRow_andIsIdempotent() throws SQLException {
        try {
            rootExecute("SET GLOBAL binlog_format = 'MIXED'");

            provider.forceRowFormat(target());
            assertThat(rootQuery("SELECT @@GLOBAL.binlog_format")).isEqualTo("ROW");

            provider.forceRowFormat(target());
            assertThat(rootQuery("SELECT @@GLOBAL.binlog_format")).isEqualTo("ROW");
        } finally {
            rootExecute("SET GLOBAL binlog_format = 'ROW'");
        }
    }

    @Test
    void wrongAdminPassword_isRefusedWithAClearMessage_withoutThePassword() {
        DbsTarget wrong = new DbsTarget(db.host(), db.port(), DbsEndpoint.jdbc("root", "wrong-admin-pw-93"));

        DbsRefusedException e = catchThrowableOfType(DbsRefusedException.class, () -> provider.verifyReplica(wrong));

        assertThat(e.status()).isEqualTo(1045);
        assertThat(e.getMessage())
                .contains("denied the cluster's DBS admin account 'root'", "Access denied",
                        "check the cluster's DBS admin user, password and privileges")
                .doesNotContain("wrong-admin-pw-93");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void closedPort_isUnavailable() throws IOException {
        int port = closedPort();
        DbsTarget nowhere = new DbsTarget("127.0.0.1", port, DbsEndpoint.jdbc("root", "admin-pw-55"));

        assertThatThrownBy(() -> provider.forceRowFormat(nowhere))
                .isInstanceOf(DbsUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining("admin-pw-55");
    }

    @Test
    void aServerThatNeverAnswers_isUnavailableAfterTheJdbcTimeout() throws IOException {
        JdbcDbsProvider impatient = new JdbcDbsProvider(new DbsProperties(null, null, null, Duration.ofSeconds(1)));
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept and never speak: the MySQL greeting never comes
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DbsTarget silentTarget = new DbsTarget("127.0.0.1", silent.getLocalPort(), DbsEndpoint.jdbc("root", ""));

            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.verifyReplica(silentTarget)).isInstanceOf(DbsUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void openOrder_isLocal_withAUniqueIdAndNoUrl() {
        OrderRequest request = new OrderRequest("inst-1", "payments", "erp-alice", List.of("t"), null);

        DbsOrder first = provider.openOrder(target(), request);
        DbsOrder second = provider.openOrder(target(), request);

        assertThat(first.orderId()).startsWith("jdbc-").hasSizeLessThanOrEqualTo(DbsOrder.MAX_ID_LENGTH);
        assertThat(first.orderId()).isNotEqualTo(second.orderId());
        assertThat(first.url()).isNull();
    }

    @Test
    void anHttpTarget_isNotForTheJdbcProvider() {
        DbsTarget http = new DbsTarget("h", 3306, DbsEndpoint.http("http://dbs", "tok-secret"));
        assertThatThrownBy(() -> provider.forceRowFormat(http))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("tok-secret");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
