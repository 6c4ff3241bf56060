package io.binlake.tower.binlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads where a MySQL/MariaDB binary log ends, the start position of a new dump, over a short-lived JDBC connection
 * (needs REPLICATION CLIENT on MySQL, BINLOG MONITOR or REPLICATION CLIENT on MariaDB).
 *
 * <p>GTID: on MySQL with {@code gtid_mode=ON} the position carries the {@code Executed_Gtid_Set} and
 * {@code withGtid=true}. On MariaDB it never does: MariaDB GTIDs ({@code domain-server-seq}, {@code @@gtid_current_pos})
 * are not MySQL GTID sets and binlake-wave only speaks MySQL's, so a MariaDB dump always starts from file/position
 * with {@code executedGtidSets=""}.
 *
 * <p>Stateless; never logs the password.
 */
@Component
public class StartPositionReader {

    private static final Logger log = LoggerFactory.getLogger(StartPositionReader.class);

    /** Host names, IPv4 and IPv6 literals; nothing that could smuggle URL parameters into the JDBC URL. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\-]+|\\[[0-9A-Fa-f:.%]+]");

    private static final int ER_PARSE_ERROR = 1064;
    private static final int ER_SPECIFIC_ACCESS_DENIED = 1227;
    private static final int ER_ACCESS_DENIED = 1045;
    private static final int ER_NO_BINARY_LOGGING = 1381;
    private static final int ER_UNKNOWN_SYSTEM_VARIABLE = 1193;

    /**
     * The current end of the server's binary log.
     *
     * @throws BinlogUnavailableException when binary logging is off
     * @throws BinlogReadException        when the server cannot be reached or refuses the account or the query
     */
    public BinlogPosition read(String host, int port, String user, String password, Duration timeout) {
        String where = host + ":" + port;
        try (Connection connection = connect(host, port, user, password, timeout)) {
            boolean mariaDb = version(connection).toLowerCase(Locale.ROOT).contains("mariadb");
            Status status = status(connection, where);
            BinlogPosition position;
            if (mariaDb) {
                position = new BinlogPosition(status.file(), status.position(), "", false);
            } else {
                boolean gtid = "ON".equalsIgnoreCase(gtidMode(connection));
                position = gtid
                        ? new BinlogPosition(status.file(), status.position(), normalizeGtidSet(status.executedGtidSet()), true)
                        : new BinlogPosition(status.file(), status.position(), "", false);
            }
            log.info("binlog position of {} ({}): {}:{} gtid={}", where, mariaDb ? "MariaDB" : "MySQL",
                    position.binlogFile(), position.binlogPos(), position.withGtid());
            return position;
        } catch (SQLException e) {
            throw failure("read the binlog position of", where, user, e);
        }
    }

    /**
     * The server's binary log files, newest first.
     *
     * @throws BinlogUnavailableException when binary logging is off
     * @throws BinlogReadException        when the server cannot be reached or refuses the account or the query
     */
    public List<BinaryLog> binaryLogs(String host, int port, String user, String password, Duration timeout) {
        String where = host + ":" + port;
        try (Connection connection = connect(host, port, user, password, timeout);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            List<BinaryLog> logs = new ArrayList<>();
            while (rs.next()) {
                logs.add(new BinaryLog(rs.getString(1), rs.getLong(2)));
            }
            Collections.reverse(logs);
            return List.copyOf(logs);
        } catch (SQLException e) {
            if (e.getErrorCode() == ER_NO_BINARY_LOGGING) {
                throw new BinlogUnavailableException("binary logging is disabled on " + where
                        + ": start the server with log_bin (and binlog_format=ROW)", e);
            }
            throw failure("list the binary logs of", where, user, e);
        }
    }

    private record Status(String file, long position, String executedGtidSet) {
    }

    /** SHOW BINARY LOG STATUS (MySQL 8.2+, the only form on 8.4+), else SHOW MASTER STATUS (older MySQL, MariaDB). */
    private static Status status(Connection connection, String where) throws SQLException {
        Status status;
        String statement = "SHOW BINARY LOG STATUS";
        try {
            status = queryStatus(connection, statement);
        } catch (SQLException e) {
            if (e.getErrorCode() != ER_PARSE_ERROR) {
                throw e;
            }
            statement = "SHOW MASTER STATUS";
            status = queryStatus(connection, statement);
        }
        if (status == null) {
            throw new BinlogUnavailableException("binary logging is disabled on " + where + " (" + statement
                    + " returned no row): start the server with log_bin (and binlog_format=ROW)", null);
        }
        return status;
    }

    private static Status queryStatus(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            String file = rs.getString(1);
            if (file == null || file.isEmpty()) {
                return null;
            }
            return new Status(file, rs.getLong(2), column(rs, "Executed_Gtid_Set"));
        }
    }

    private static String column(ResultSet rs, String label) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (label.equalsIgnoreCase(meta.getColumnLabel(i))) {
                return rs.getString(i);
            }
        }
        return null;
    }

    /** MySQL prints one UUID set per line; the wave wants the plain comma-separated set. */
    private static String normalizeGtidSet(String set) {
        return set == null ? "" : set.replaceAll("\\s+", "");
    }

    private static String version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            return rs.next() ? Objects.requireNonNullElse(rs.getString(1), "") : "";
        }
    }

    private static String gtidMode(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.gtid_mode")) {
            return rs.next() ? rs.getString(1) : "OFF";
        } catch (SQLException e) {
            if (e.getErrorCode() == ER_UNKNOWN_SYSTEM_VARIABLE) {
                return "OFF"; // MySQL before 5.6
            }
            throw e;
        }
    }

    private static Connection connect(String host, int port, String user, String password, Duration timeout)
            throws SQLException {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("not a host name or IP: '" + host + "'");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(timeout, "timeout");
        long millis = Math.max(1, timeout.toMillis());
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String url = "jdbc:mysql://" + hostPart + ":" + port + "/?connectTimeout=" + millis + "&socketTimeout=" + millis
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true";
        Properties properties = new Properties();
        properties.setProperty("user", Objects.requireNonNull(user, "user"));
        properties.setProperty("password", password == null ? "" : password);
        return DriverManager.getConnection(url, properties);
    }

    private static BinlogReadException failure(String action, String where, String user, SQLException e) {
        String reason = switch (e.getErrorCode()) {
            case ER_ACCESS_DENIED -> "access denied for user '" + user + "' (wrong password or no such account): ";
            case ER_SPECIFIC_ACCESS_DENIED -> "user '" + user
                    + "' lacks the privilege (REPLICATION CLIENT on MySQL, BINLOG MONITOR on MariaDB): ";
            default -> "08".equals(sqlStateClass(e)) ? "cannot connect: " : "";
        };
        String message = "cannot " + action + " " + where + " as '" + user + "': " + reason
                + firstLine(e.getMessage()) + rootCause(e) + " (SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + ")";
        log.warn(message);
        return new BinlogReadException(message, e);
    }

    /** The driver's "Communications link failure" hides the useful part ("Connection refused") in its causes. */
    private static String rootCause(SQLException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? "" : " [" + firstLine(root.getMessage()) + "]";
    }

    private static String sqlStateClass(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().length() < 2 ? "" : e.getSQLState().substring(0, 2);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
