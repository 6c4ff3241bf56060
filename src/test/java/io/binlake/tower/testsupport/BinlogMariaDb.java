package io.binlake.tower.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB with binary logging (ROW) for tests, reachable as {@code root} without password over TCP from
 * 127.0.0.1 (so tests can also run GRANTs).
 *
 * <p>Uses the server on 127.0.0.1:3307 when something answers there ({@code .ci/binlog-mariadb.sh start} starts it in
 * CI). Otherwise starts a private {@code mariadbd} in a temporary data directory on a free port, once per JVM, and
 * stops it at JVM exit. Needs MariaDB installed for that (Debian/Ubuntu: {@code apt-get install mariadb-server}).
 *
 * <pre>{@code
 * BinlogMariaDb db = BinlogMariaDb.get();
 * try (Connection c = db.connect()) { ... }
 * }</pre>
 */
public final class BinlogMariaDb {

    public static final String HOST = "127.0.0.1";
    public static final int CI_PORT = 3307;

    private static BinlogMariaDb instance;

    private final String host;
    private final int port;
    private final boolean own;

    private BinlogMariaDb(String host, int port, boolean own) {
        this.host = host;
        this.port = port;
        this.own = own;
    }

    /** The shared server, started on first use. */
    public static synchronized BinlogMariaDb get() {
        if (instance == null) {
            instance = answers(HOST, CI_PORT) ? new BinlogMariaDb(HOST, CI_PORT, false) : startOwn();
        }
        return instance;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code root}: has every privilege, including GRANT OPTION. */
    public String user() {
        return "root";
    }

    /** Empty: root has no password on this server. */
    public String password() {
        return "";
    }

    /** True when this JVM started the server (a fresh data directory), false when it uses the one on port 3307. */
    public boolean ownServer() {
        return own;
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000";
    }

    /** A new root connection. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static BinlogMariaDb startOwn() {
        Path mariadbd = executable("mariadbd", "mysqld");
        Path installDb = executable("mariadb-install-db", "mysql_install_db");
        if (mariadbd == null || installDb == null) {
            throw new IllegalStateException("The binlog tests need a MariaDB with binary logging: nothing answers on "
                    + HOST + ":" + CI_PORT + " and mariadbd/mariadb-install-db are not installed. Install MariaDB "
                    + "(Debian/Ubuntu: apt-get install mariadb-server; macOS: brew install mariadb) or start one with "
                    + ".ci/binlog-mariadb.sh start");
        }
        try {
            Path base = Files.createTempDirectory("tower-binlog-mariadb-");
            Path data = Files.createDirectory(base.resolve("data"));
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> userOption = new ArrayList<>();
            if (root) {
                // mariadbd refuses to run as root; it switches to mysql, which must own its directories.
                userOption.add("--user=mysql");
                chownToMysql(base);
                chownToMysql(data);
            }

            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults"));
            install.addAll(userOption);
            install.addAll(List.of("--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
            run(install, base.resolve("install.log"), Duration.ofMinutes(2));

            int port = freePort();
            List<String> server = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults"));
            server.addAll(userOption);
            server.addAll(List.of("--datadir=" + data, "--port=" + port, "--bind-address=" + HOST,
                    "--socket=" + base.resolve("mysqld.sock"), "--pid-file=" + base.resolve("mysqld.pid"),
                    "--log-bin=mysql-bin", "--server-id=7", "--binlog-format=ROW",
                    "--innodb-buffer-pool-size=32M"));
            Path log = base.resolve("mariadbd.log");
            Process process = new ProcessBuilder(server).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, base), "binlog-mariadb-stop"));

            BinlogMariaDb db = new BinlogMariaDb(HOST, port, true);
            waitUntilReady(db, process, log);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a private MariaDB for the binlog tests", e);
        }
    }

    private static void waitUntilReady(BinlogMariaDb db, Process process, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (answers(db.host, db.port)) {
                try (Connection c = db.connect()) {
                    return;
                } catch (SQLException e) {
                    last = e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for mariadbd", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("mariadbd did not accept root logins within 60 s (" + last + "):\n" + tail(log));
    }

    private static void run(List<String> command, Path log, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout + ":\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed with " + process.exitValue() + ":\n" + tail(log));
        }
    }

    private static void stop(Process process, Path base) {
        process.destroy(); // SIGTERM: a clean shutdown
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static void chownToMysql(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName("mysql"));
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("mysql");
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static Path executable(String... names) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"));
        for (String name : names) {
            for (String dir : dirs) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
