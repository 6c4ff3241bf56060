package io.binlake.tower.dbs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * DBS by straight SQL on the instance, with the cluster's admin account (MySQL 5.7+/8.x, MariaDB 10.5+). There is
 * no outside order system: the DBA's approval is a Camunda user task of the lifecycle, so {@link #openOrder} only
 * hands out a local order id.
 *
 * <p>Each call opens one connection ({@code connectTimeout}/{@code socketTimeout} = {@code tower.dbs.jdbc-timeout},
 * no TLS, public key retrieval allowed) and closes it. The admin password travels in the connection properties,
 * never in the URL.
 *
 * <p>Failures: no connection, a timeout, a lost connection or a transient server condition (too many connections,
 * lock wait, deadlock, shutdown) are {@link DbsUnavailableException} (worth a retry). Any other answer of the server
 * is a {@link DbsRefusedException} carrying the MySQL error number as status — in particular a wrong admin
 * user/password (1045) or missing privileges: retrying cannot help until an operator fixes the cluster's settings,
 * and the message says so.
 *
 * <p>Account statements cannot take bind parameters: MariaDB refuses to prepare {@code CREATE USER ?@?}, and
 * Connector/J's client-side emulation writes strings as hex literals under {@code NO_BACKSLASH_ESCAPES}, which
 * {@code IDENTIFIED BY} rejects. So user name and host patterns are validated to characters that need no quoting
 * ({@link DumpAccounts}), and the password is written as a string literal escaped for the session's sql_mode.
 * Statements with the password are never logged; their server errors are reported without the SQLException as
 * cause, and a server message quoting the password is withheld.
 */
public class JdbcDbsProvider implements DbsProvider {

    private static final Logger log = LoggerFactory.getLogger(JdbcDbsProvider.class);

    /** MySQL/MariaDB error numbers meaning "try again later", not "no". */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(
            1040, // too many connections
            1053, // server shutdown in progress
            1205, // lock wait timeout
            1213, // deadlock
            1927, // MariaDB: connection killed
            2002, 2003, 2006, 2013);
    private static final Set<Integer> ACCESS_ERRORS = Set.of(1044, 1045, 1142, 1227, 1370, 1410, 1698);
    private static final int PARSE_ERROR = 1064;

    private final int timeoutMillis;

    public JdbcDbsProvider(DbsProperties properties) {
        Objects.requireNonNull(properties, "properties");
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, properties.jdbcTimeout().toMillis());
    }

    @Override
    public DbsKind kind() {
        return DbsKind.JDBC;
    }

    /**
     * Accepted when the server has a replication configuration ({@code SHOW REPLICA STATUS}, or {@code SHOW SLAVE
     * STATUS} before MySQL 8.0.22; on MariaDB also named connections of {@code SHOW ALL SLAVES STATUS}), whether or
     * not replication is running. A server without one is a master or standalone and refused.
     */
    @Override
    public void verifyReplica(DbsTarget target) {
        DbsOperation op = DbsOperation.VERIFY_REPLICA;
        DbsEndpoint.Jdbc endpoint = endpoint(target);
        try (Connection connection = connect(op, target, endpoint)) {
            boolean replica;
            try {
                replica = hasRow(connection, "SHOW REPLICA STATUS");
            } catch (SQLException e) {
                if (e.getErrorCode() != PARSE_ERROR) {
                    throw e;
                }
                replica = hasRow(connection, "SHOW SLAVE STATUS");
            }
            if (!replica && isMariaDb(connection)) {
                replica = hasRow(connection, "SHOW ALL SLAVES STATUS");
            }
            if (!replica) {
                throw new DbsRefusedException(op, target.address(), null, target.address()
                        + " is not a replica: it has no replication configuration (a master or a standalone server);"
                        + " BinLake dumps replicas only");
            }
            log.info("jdbc DBS {}: {} is a replica", op.label(), target.address());
        } catch (SQLException e) {
            throw failure(op, target, endpoint, e, null);
        }
    }

    /** No outside order system: a local id ({@code jdbc-<uuid>}) and no URL; approval is the lifecycle's user task. */
    @Override
    public DbsOrder openOrder(DbsTarget target, OrderRequest request) {
        endpoint(target);
        Objects.requireNonNull(request, "request");
        return new DbsOrder("jdbc-" + UUID.randomUUID(), null);
    }

    /**
     * Per host pattern: {@code CREATE USER IF NOT EXISTS ... IDENTIFIED BY}, or {@code ALTER USER ... IDENTIFIED BY}
     * when {@code mysql.user} has the account already, so the given password is the one that works; then
     * {@code GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.*}. Idempotent. The admin account needs SELECT
     * on {@code mysql.user}, CREATE USER, and those privileges with grant option.
     *
     * @throws IllegalArgumentException for a user name, pattern or password that fails {@link DumpAccounts}, before
     *                                  any connection is opened
     */
    @Override
    public void grantDumpAccount(DbsTarget target, String dumpUser, String dumpPassword, List<String> clientHostPatterns) {
        DbsOperation op = DbsOperation.GRANT_DUMP_ACCOUNT;
        DbsEndpoint.Jdbc endpoint = endpoint(target);
        String user = DumpAccounts.user(dumpUser);
        String password = DumpAccounts.password(dumpPassword);
        List<String> patterns = DumpAccounts.hostPatterns(clientHostPatterns);
        try (Connection connection = connect(op, target, endpoint)) {
            boolean noBackslashEscapes = sqlMode(connection).contains("NO_BACKSLASH_ESCAPES");
            String identifiedBy = " IDENTIFIED BY " + stringLiteral(password, noBackslashEscapes);
            for (String pattern : patterns) {
                String account = "'" + user + "'@'" + pattern + "'";
                boolean existed = accountExists(connection, user, pattern);
                try (Statement statement = connection.createStatement()) {
                    // IF NOT EXISTS: another Tower node may create the same account at the same moment.
                    statement.execute((existed ? "ALTER USER " : "CREATE USER IF NOT EXISTS ") + account + identifiedBy);
                } catch (SQLException e) {
                    throw failure(op, target, endpoint, e, password);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + account);
                }
                log.info("jdbc DBS {}: {} granted {}@{} ({})", op.label(), target.address(), user, pattern,
                        existed ? "existing account, password set" : "account created");
            }
        } catch (SQLException e) {
            throw failure(op, target, endpoint, e, password);
        }
    }

    /**
     * {@code SET GLOBAL binlog_format = 'ROW'} unless it is ROW already; refused when binary logging is off (there
     * is nothing to dump then). Sessions that are open keep their format until they reconnect — a running
     * replication applier until it is restarted, which stays the DBA's decision. Not persisted across a server
     * restart: the server's configuration file should say ROW as well.
     */
    @Override
    public void forceRowFormat(DbsTarget target) {
        DbsOperation op = DbsOperation.FORCE_ROW_FORMAT;
        DbsEndpoint.Jdbc endpoint = endpoint(target);
        try (Connection connection = connect(op, target, endpoint)) {
            String logBin;
            String format;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT @@GLOBAL.log_bin, @@GLOBAL.binlog_format")) {
                rows.next();
                logBin = rows.getString(1);
                format = rows.getString(2);
            }
            if (!"1".equals(logBin) && !"ON".equalsIgnoreCase(logBin)) {
                throw new DbsRefusedException(op, target.address(), null,
                        "binary logging is off on " + target.address() + " (log_bin=" + logBin + "): there is no binlog to dump");
            }
            if ("ROW".equalsIgnoreCase(format)) {
                log.info("jdbc DBS {}: {} has binlog_format ROW already", op.label(), target.address());
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET GLOBAL binlog_format = 'ROW'");
            }
            log.info("jdbc DBS {}: {} binlog_format {} -> ROW", op.label(), target.address(), format);
        } catch (SQLException e) {
            throw failure(op, target, endpoint, e, null);
        }
    }

    private DbsEndpoint.Jdbc endpoint(DbsTarget target) {
        Objects.requireNonNull(target, "target");
        if (!(target.endpoint() instanceof DbsEndpoint.Jdbc endpoint)) {
            throw new IllegalArgumentException("the jdbc DBS provider cannot serve " + target);
        }
        return endpoint;
    }

    /** The URL the provider connects with (no credentials in it). */
    String url(DbsTarget target) {
        String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
        return "jdbc:mysql://" + host + ":" + target.port() + "/"
                + "?connectTimeout=" + timeoutMillis + "&socketTimeout=" + timeoutMillis
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&useServerPrepStmts=false&characterEncoding=UTF-8&allowLoadLocalInfile=false"
                + "&autoReconnect=false&connectionAttributes=program_name:binlake-tower";
    }

    private Connection connect(DbsOperation op, DbsTarget target, DbsEndpoint.Jdbc endpoint) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", endpoint.adminUser());
        credentials.setProperty("password", endpoint.adminPassword());
        try {
            return DriverManager.getConnection(url(target), credentials);
        } catch (SQLException e) {
            throw failure(op, target, endpoint, e, null);
        }
    }

    private static boolean hasRow(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next();
        }
    }

    private static boolean accountExists(Connection connection, String user, String host) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM mysql.user WHERE User = ? AND Host = ?")) {
            statement.setString(1, user);
            statement.setString(2, host);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private static boolean isMariaDb(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
    }

    private static String sqlMode(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
            rows.next();
            String mode = rows.getString(1);
            return mode == null ? "" : mode.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * A single-quoted SQL string literal. Quotes are doubled (valid in every mode); backslashes are doubled only when
     * they are escape characters, i.e. without {@code NO_BACKSLASH_ESCAPES}. The connection speaks UTF-8, so no
     * multi-byte charset can swallow a quote. Control characters are rejected earlier ({@link DumpAccounts}).
     */
    static String stringLiteral(String value, boolean noBackslashEscapes) {
        StringBuilder sb = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                sb.append("''");
            } else if (c == '\\' && !noBackslashEscapes) {
                sb.append("\\\\");
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * Classifies an SQL failure. With {@code secret} (the statement carried the dump password) the cause is dropped,
     * and a server message that quotes the secret is withheld rather than masked: masking a short password would
     * mangle the message, and the error number still tells what happened.
     */
    private DbsException failure(DbsOperation op, DbsTarget target, DbsEndpoint.Jdbc endpoint, SQLException e, String secret) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ").trim();
        if (secret != null && message.contains(secret)) {
            message = "(server message withheld: it quotes the statement)";
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        Throwable cause = secret == null ? e : null;
        if (e instanceof SQLTimeoutException || e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || state.startsWith("08") || TRANSIENT_ERRORS.contains(code)) {
            log.warn("jdbc DBS {} {} unavailable: {} (error {}, state {})", op.label(), target.address(), message, code, state);
            return new DbsUnavailableException(op, target.address(), "MySQL at " + target.address()
                    + " unreachable, timed out (jdbc timeout " + timeoutMillis + " ms) or busy: " + message
                    + " (error " + code + ", state " + state + ")", cause);
        }
        if (ACCESS_ERRORS.contains(code) || state.startsWith("28")) {
            log.warn("jdbc DBS {} {} access denied for admin account {}: {}", op.label(), target.address(),
                    endpoint.adminUser(), message);
            return new DbsRefusedException(op, target.address(), code, "MySQL at " + target.address()
                    + " denied the cluster's DBS admin account '" + endpoint.adminUser() + "': " + message
                    + " - check the cluster's DBS admin user, password and privileges");
        }
        log.warn("jdbc DBS {} {} refused: {} (error {}, state {})", op.label(), target.address(), message, code, state);
        return new DbsRefusedException(op, target.address(), code, "MySQL at " + target.address() + " answered: " + message);
    }
}
