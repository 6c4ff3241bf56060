package io.binlake.tower.manager.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.binlake.tower.manager.Alarm;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.Candidate;
import io.binlake.tower.manager.Counter;
import io.binlake.tower.manager.DbInfo;
import io.binlake.tower.manager.ErrorInfo;
import io.binlake.tower.manager.Filter;
import io.binlake.tower.manager.MQRule;
import io.binlake.tower.manager.ManagerCodec;
import io.binlake.tower.manager.ManagerRoute;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.manager.NodeState;
import io.binlake.tower.manager.Rule;
import io.binlake.tower.manager.StorageType;
import io.binlake.tower.manager.Terminal;
import io.binlake.tower.manager.ZK;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory BinLake manager that obeys the real one's wire contract (reference/binlake-manager-contract.md) as
 * strictly as it can: same routes, trailing-slash redirects, hex/gzip/strict-JSON decoding with the same failure
 * codes and messages, the same ZooKeeper layout and version bumps, the OFFLINE→write→ONLINE bracketing, the
 * create/znodes update-path diff (including its filter quirk and its failure to remove a topic).
 *
 * <p>Differences, on purpose: there is no ZooKeeper and no wave, so nothing waits (offline+wait returns at once; see
 * {@link #holdLock} to get the "ephemeral node disappeared too long" failure), an unreachable ZooKeeper cannot be
 * simulated except with {@link #failNext}, and every meta root counts as present unless {@link #requireRoot(boolean)}
 * is on (the real manager never creates the root, the wave does; with requireRoot, create/znodes answers
 * {@code 102 KeeperErrorCode = NoNode} until {@link #createRoot} was called).
 *
 * <p>Usage: {@code var sim = new ManagerSimulator(0).start(); ... sim.url() ... sim.stop();}. Thread-safe.
 */
public final class ManagerSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagerSimulator.class);

    static {
        // The JDK server writes headers and body as separate segments; with Nagle on, each answer then waits for the
        // client's delayed ACK (~40 ms). The property is read once, when the server classes initialize.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    static final String NO_DATA = "Cannot read the array length because \"data\" is null";
    static final String POS_ZERO = "binlog position == 0 error default value should be set to 4!!";
    static final String ONLINE_REMOVE = "node 节点信息状态为 online 不能直接删除";
    static final String LOCK_TIMEOUT = "ephemeral node disappeared too long after set offline";
    static final String CANDIDATE_NULL = "Cannot invoke \"java.util.Collection.toArray()\" because \"c\" is null";
    static final String TERMINAL_NULL = "Cannot invoke \"Object.toString()\" because \"terminal\" is null";

    /** The journal keeps the newest entries only, so a long-running local profile does not grow without bound. */
    public static final int JOURNAL_LIMIT = 10_000;

    private final String bindAddress;
    private final int requestedPort;
    private final ObjectMapper json = ManagerCodec.strictMapper();

    private final Object lock = new Object();
    // guarded by lock
    private final Map<RootKey, Map<String, Instance>> roots = new HashMap<>();
    private final Set<RootKey> createdRoots = new HashSet<>();
    private final Map<ManagerRoute, Deque<Outcome>> injected = new EnumMap<>(ManagerRoute.class);
    private final Deque<JournalEntry> journal = new ArrayDeque<>();
    private boolean requireRoot;

    private volatile boolean unavailable;
    private volatile Duration delay = Duration.ZERO;

    private HttpServer server;
    private ExecutorService executor;

    /** A simulator on 127.0.0.1; port 0 picks a free one (see {@link #port()} after {@link #start()}). */
    public ManagerSimulator(int port) {
        this("127.0.0.1", port);
    }

    public ManagerSimulator(String bindAddress, int port) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.requestedPort = port;
    }

    /** Runs a simulator from the command line: {@code ManagerSimulator [port] [bindAddress]} (defaults 9096, 127.0.0.1). */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9096;
        String bind = args.length > 1 ? args[1] : "127.0.0.1";
        ManagerSimulator simulator = new ManagerSimulator(bind, port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "manager-simulator-stop"));
        System.out.println("BinLake manager simulator listening on " + simulator.url());
        Thread.currentThread().join();
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    public synchronized ManagerSimulator start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, requestedPort), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the manager simulator on " + bindAddress + ":" + requestedPort
                    + " (port in use?)", e);
        }
        AtomicInteger threads = new AtomicInteger();
        // Several threads: a delayed request must not hold up the others.
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "manager-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("BinLake manager simulator listening on {}", url());
        return this;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
        log.info("BinLake manager simulator stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound port (after {@link #start()}). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return server.getAddress().getPort();
    }

    /** The base URL to configure as {@code tower.manager.url}, e.g. {@code http://127.0.0.1:9096/}. */
    public URI url() {
        String host = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress;
        return URI.create("http://" + host + ":" + port() + "/");
    }

    // ---------------------------------------------------------------------------------------------- test controls

    /** With {@code true}, create/znodes needs the meta root to exist ({@link #createRoot}), as on the real manager. */
    public ManagerSimulator requireRoot(boolean require) {
        synchronized (lock) {
            this.requireRoot = require;
        }
        return this;
    }

    /** Creates a meta root, as binlake-wave does at its start. */
    public void createRoot(String servers, String path) {
        synchronized (lock) {
            createdRoots.add(RootKey.of(new ZK(servers, path)));
        }
    }

    /** The next request on {@code route} is answered {@code {"code":code,"message":message}} and changes nothing. */
    public void failNext(ManagerRoute route, int code, String message) {
        enqueue(route, new Outcome(200, code, message == null ? "" : message, null, null));
    }

    /**
     * The next request on {@code route} is answered with this HTTP status and body (empty: no body). A 3xx gets a
     * {@code Location} pointing at the route.
     */
    public void failNextHttp(ManagerRoute route, int httpStatus, String body) {
        enqueue(route, new Outcome(httpStatus, 0, "", body == null || body.isEmpty() ? null : body, null));
    }

    private void enqueue(ManagerRoute route, Outcome outcome) {
        synchronized (lock) {
            injected.computeIfAbsent(route, r -> new ArrayDeque<>()).add(outcome);
        }
    }

    /** While true, every request is answered HTTP 503 with an empty body. */
    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** Every request waits this long before it is processed (to test client timeouts). */
    public void delay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
    }

    /**
     * Pretends a wave holds its leader lock on the instance and does not let go: every offline+wait (set/binlog,
     * set/leader, set/candidate, set/terminal, a changing create/znodes) then fails like the real manager after its
     * ~5 s wait (without waiting), leaving the instance OFFLINE.
     */
    public void holdLock(String servers, String path, String host, int port, boolean held) {
        synchronized (lock) {
            requireInstance(servers, path, host, port).lockHeld = held;
        }
    }

    /**
     * Writes what a wave writes while dumping: {@code dynamic}, {@code counter}, {@code error} (null arguments leave a
     * node as it is). No version bump of the instance node, as with the wave.
     */
    public void waveReport(String servers, String path, String host, int port, BinlogInfo dynamic, Counter counter,
                           ErrorInfo error) {
        synchronized (lock) {
            Instance instance = requireInstance(servers, path, host, port);
            if (dynamic != null) {
                instance.dynamic = dynamic;
            }
            if (counter != null) {
                instance.counter = counter;
            }
            if (error != null) {
                instance.error = error;
            }
        }
    }

    /** A copy of the instance's znodes, empty when it does not exist. */
    public Optional<InstanceSnapshot> snapshot(String servers, String path, String host, int port) {
        synchronized (lock) {
            Instance instance = instance(RootKey.of(new ZK(servers, path)), host + ":" + port);
            return Optional.ofNullable(instance).map(Instance::snapshot);
        }
    }

    /** The instance keys ({@code host:port}) under a meta root. */
    public Set<String> instances(String servers, String path) {
        synchronized (lock) {
            return new TreeSet<>(roots.getOrDefault(RootKey.of(new ZK(servers, path)), Map.of()).keySet());
        }
    }

    /** The requests received so far (the newest {@value #JOURNAL_LIMIT}), oldest first. */
    public List<JournalEntry> journal() {
        synchronized (lock) {
            return List.copyOf(journal);
        }
    }

    public void clearJournal() {
        synchronized (lock) {
            journal.clear();
        }
    }

    /** Forgets all instances, roots, injected failures and the journal; clears delay and unavailability. */
    public void reset() {
        synchronized (lock) {
            roots.clear();
            createdRoots.clear();
            injected.clear();
            journal.clear();
        }
        unavailable = false;
        delay = Duration.ZERO;
    }

    private Instance requireInstance(String servers, String path, String host, int port) {
        Instance instance = instance(RootKey.of(new ZK(servers, path)), host + ":" + port);
        if (instance == null) {
            throw new IllegalStateException("no instance " + host + ":" + port + " under " + servers + path);
        }
        return instance;
    }

    private Instance instance(RootKey root, String key) {
        Map<String, Instance> instances = roots.get(root);
        return instances == null ? null : instances.get(key);
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    /**
     * What to answer: HTTP status, and either a code answer (status 200, body {@code {code,message}}), a raw body, or
     * a hex MetaData body.
     */
    private record Outcome(int httpStatus, int code, String message, String rawBody, String metaHex) {

        static Outcome answer(int code, String message) {
            return new Outcome(200, code, message, null, null);
        }

        static Outcome http(int status) {
            return new Outcome(status, 0, "", null, null);
        }
    }

    private static final Outcome OK = Outcome.answer(1000, "");

    private void handle(HttpExchange exchange) {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            ManagerRoute route = null;
            for (ManagerRoute candidate : ManagerRoute.values()) {
                String context = candidate.path().substring(0, candidate.path().length() - 1);
                if (path.equals(context)) {
                    // Jetty's ContextHandler: the context path without its slash is redirected, the POST body is lost.
                    record(path, null, null, 302, 0, "");
                    redirect(exchange, candidate.path());
                    return;
                }
                if (path.startsWith(candidate.path())) {
                    route = candidate;
                    break;
                }
            }
            if (route == null) {
                record(path, null, null, 404, 0, "");
                notFound(exchange, path);
                return;
            }
            if (unavailable) {
                record(path, route, null, 503, 0, "");
                send(exchange, Outcome.http(503), route);
                return;
            }
            Duration wait = delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // stopping
                }
            }
            send(exchange, process(path, route, raw), route);
        } catch (IOException | RuntimeException e) {
            log.warn("manager simulator: request failed: {}", e.toString());
        }
    }

    private void redirect(HttpExchange exchange, String target) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = bindAddress + ":" + exchange.getLocalAddress().getPort();
        }
        exchange.getResponseHeaders().set("Location", "http://" + host + target);
        exchange.sendResponseHeaders(302, -1);
    }

    private void notFound(HttpExchange exchange, String path) throws IOException {
        String html = "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=ISO-8859-1\"/>\n"
                + "<title>Error 404 Not Found</title>\n</head>\n<body><h2>HTTP ERROR 404</h2>\n<p>Problem accessing "
                + path.replace("<", "&lt;") + ". Reason:\n<pre>    Not Found</pre></p>\n</body>\n</html>\n";
        byte[] bytes = html.getBytes(StandardCharsets.ISO_8859_1);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=ISO-8859-1");
        exchange.sendResponseHeaders(404, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void send(HttpExchange exchange, Outcome outcome, ManagerRoute route) throws IOException {
        String body;
        if (outcome.metaHex() != null) {
            body = outcome.metaHex() + "\n";
        } else if (outcome.rawBody() != null) {
            body = outcome.rawBody();
        } else if (outcome.httpStatus() == 200) {
            body = ManagerCodec.answerJson(outcome.code(), outcome.message()) + "\n";
        } else {
            body = null;
        }
        if (outcome.httpStatus() >= 300 && outcome.httpStatus() < 400) {
            exchange.getResponseHeaders().set("Location", route.path());
        }
        if (body == null) {
            exchange.sendResponseHeaders(outcome.httpStatus(), -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
        exchange.sendResponseHeaders(outcome.httpStatus(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void record(String path, ManagerRoute route, JsonNode request, int status, int code, String message) {
        synchronized (lock) {
            if (journal.size() >= JOURNAL_LIMIT) {
                journal.removeFirst();
            }
            journal.addLast(new JournalEntry(path, route, request, status, code, message));
        }
    }

    private Outcome process(String path, ManagerRoute route, byte[] raw) {
        Outcome injectedOutcome;
        synchronized (lock) {
            Deque<Outcome> queue = injected.get(route);
            injectedOutcome = queue == null ? null : queue.poll();
        }
        Decoded decoded = decode(raw);
        Outcome outcome;
        if (injectedOutcome != null) {
            outcome = injectedOutcome;
        } else if (decoded.failure() != null) {
            outcome = decoded.failure();
        } else {
            synchronized (lock) {
                outcome = apply(route, decoded.meta());
            }
        }
        int code = outcome.metaHex() != null ? 1000 : outcome.httpStatus() == 200 ? outcome.code() : 0;
        record(path, route, decoded.tree(), outcome.httpStatus(), code, outcome.message());
        return outcome;
    }

    private record Decoded(MetaData meta, JsonNode tree, Outcome failure) {
    }

    /** hex → gunzip → strict JSON, with the real manager's answers for each way it can fail (contract §0.1). */
    private Decoded decode(byte[] raw) {
        // The manager concatenates the body's lines.
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "");
        if (text.isEmpty()) {
            return new Decoded(null, null, Outcome.answer(128, NO_DATA));
        }
        byte[] gz;
        try {
            gz = java.util.HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return new Decoded(null, null, Outcome.http(500)); // "not hex character value" escapes the handler
        }
        byte[] jsonBytes;
        try {
            jsonBytes = ManagerCodec.gunzip(gz);
        } catch (IOException e) {
            return new Decoded(null, null, Outcome.answer(128, String.valueOf(e.getMessage())));
        }
        MetaData meta;
        JsonNode tree;
        try {
            meta = json.readValue(jsonBytes, MetaData.class);
            tree = json.readTree(jsonBytes);
        } catch (IOException e) {
            return new Decoded(null, null, Outcome.answer(128, jackson19Message(e)));
        }
        if (meta == null || meta.zk() == null) {
            return new Decoded(meta, tree, Outcome.http(500)); // NPE on getZk() escapes the handler
        }
        return new Decoded(meta, tree, null);
    }

    /** The message Jackson 1.9 (the real manager's) gives for the common failures. */
    static String jackson19Message(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "Unrecognized field \"" + u.getPropertyName() + "\" (Class com.jd.binlog.meta.Meta$"
                    + metaName(u.getReferringClass()) + "), not marked as ignorable";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "Can not construct instance of com.jd.binlog.meta.Meta$" + metaName(f.getTargetType())
                    + " from String value '" + f.getValue() + "': value not one of declared Enum instance names";
        }
        if (e instanceof JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static String metaName(Class<?> type) {
        if (type == null) {
            return "MetaData";
        }
        return type == ErrorInfo.class ? "Error" : type.getSimpleName();
    }

    // ---------------------------------------------------------------------------------------------- the manager

    /** A ZooKeeper failure inside a route, answered with the route's failure code. */
    private static final class ZkFailure extends Exception {
        ZkFailure(String message) {
            super(message, null, false, false);
        }
    }

    private Outcome apply(ManagerRoute route, MetaData meta) {
        ZK zk = meta.zk();
        if (zk.path() == null || !zk.path().startsWith("/")) {
            String message = zk.path() == null ? "Path cannot be null" : "Path must start with / character";
            return Outcome.answer(queryFailureCode(route), message);
        }
        RootKey root = RootKey.of(zk);
        if (zk.servers() == null || zk.servers().isBlank()) {
            return Outcome.answer(queryFailureCode(route), "KeeperErrorCode = ConnectionLoss for " + root.path());
        }
        if (route == ManagerRoute.SET_ADMIN) {
            String admin = zk.path() + "//admin";
            return Outcome.answer(113, "Invalid path string \"" + admin + "\" caused by empty node name specified @"
                    + (zk.path().length() + 1));
        }
        DbInfo db = meta.dbInfo();
        if (db == null) {
            return switch (route) {
                case EXIST_NODE, REMOVE_NODE -> Outcome.http(500);
                case CREATE_ZNODES -> Outcome.answer(102, npe("DbInfo.getHost()", "MetaData.getDbInfo()"));
                default -> Outcome.answer(queryFailureCode(route), npe("DbInfo.getHost()", "MetaData.getDbInfo()"));
            };
        }
        String key = db.host() + ":" + db.port();
        Instance instance = instance(root, key);
        if (route == ManagerRoute.CREATE_ZNODES) {
            return create(root, key, instance, meta);
        }
        if (route == ManagerRoute.EXIST_NODE) {
            return instance != null ? OK : Outcome.answer(1, "");
        }
        if (route == ManagerRoute.REMOVE_NODE) {
            if (instance == null) {
                return OK;
            }
            if (instance.dbInfo.state() == NodeState.ONLINE) {
                return Outcome.answer(113, ONLINE_REMOVE);
            }
            roots.get(root).remove(key);
            return OK;
        }
        if (instance == null) {
            return Outcome.answer(115, "znode : " + key + " not exist");
        }
        try {
            return switch (route) {
                case SET_ONLINE -> setState(instance, NodeState.ONLINE, true);
                case SET_OFFLINE -> setState(instance, NodeState.OFFLINE, false);
                case SET_BINLOG -> setBinlog(instance, meta.slave());
                case SET_LEADER -> setLeader(instance, meta.slave());
                case SET_CANDIDATE -> bracket(instance, 126, () -> instance.candidate = new Candidate(meta.candidate()));
                case SET_TERMINAL -> setTerminal(instance, meta.terminal());
                case RESET_COUNTER -> {
                    instance.write(instance.dbInfo); // same bytes: a version bump that re-triggers the wave
                    instance.counter = Counter.ZERO;
                    yield OK;
                }
                case SLAVE_STATUS -> slaveStatus(instance, meta);
                default -> throw new IllegalStateException("unhandled route " + route);
            };
        } catch (JsonProcessingException e) {
            return Outcome.answer(104, e.getOriginalMessage());
        }
    }

    /** The code a route answers when reading ZooKeeper fails. */
    private static int queryFailureCode(ManagerRoute route) {
        return switch (route) {
            case EXIST_NODE -> 1;
            case REMOVE_NODE, SET_ADMIN -> 113;
            case SET_LEADER, SET_TERMINAL -> 118;
            case SET_CANDIDATE -> 126;
            default -> 104;
        };
    }

    /** Java 17's helpful NullPointerException text, as the real manager returns it. */
    private static String npe(String method, String returnedBy) {
        return "Cannot invoke \"com.jd.binlog.meta.Meta$" + method + "\" because the return value of "
                + "\"com.jd.binlog.meta.Meta$" + returnedBy + "\" is null";
    }

    private static Outcome setState(Instance instance, NodeState state, boolean always) {
        if (instance.dbInfo.state() == null) {
            return Outcome.answer(103, npe("NodeState.equals(Object)", "DbInfo.getState()"));
        }
        if (always || instance.dbInfo.state() != state) {
            instance.write(instance.dbInfo.withState(state));
        }
        return OK;
    }

    private Outcome setBinlog(Instance instance, BinlogInfo slave) {
        if (slave == null) {
            return Outcome.answer(103, npe("BinlogInfo.getBinlogFile()", "MetaData.getSlave()"));
        }
        BinlogInfo old = instance.dynamic;
        return bracket(instance, 103, () -> instance.dynamic = new BinlogInfo(slave.binlogFile(), slave.binlogPos(),
                slave.executedGtidSets(), old.leader(), old.leaderVersion(), 0, old.transactionId(), old.instanceIp(),
                old.withGTID(), old.preLeader(), old.msgid()));
    }

    private Outcome setLeader(Instance instance, BinlogInfo slave) {
        if (slave == null || slave.leader() == null) {
            String npe = slave == null ? npe("BinlogInfo.getLeader()", "MetaData.getSlave()")
                    : "Cannot invoke \"String.getBytes()\" because the return value of "
                    + "\"com.jd.binlog.meta.Meta$BinlogInfo.getLeader()\" is null";
            return Outcome.answer(118, npe);
        }
        return bracket(instance, 118, () -> instance.leader = slave.leader());
    }

    private Outcome setTerminal(Instance instance, Terminal terminal) {
        if (terminal == null) {
            return Outcome.answer(118, TERMINAL_NULL);
        }
        return bracket(instance, 118, () -> instance.terminal = terminal);
    }

    /** The manager's OFFLINE → write → ONLINE around every change the wave only sees on (re)election (contract §0.9). */
    private static Outcome bracket(Instance instance, int failureCode, Runnable write) {
        try {
            offlineAndWait(instance);
        } catch (ZkFailure e) {
            return Outcome.answer(failureCode, e.getMessage());
        }
        write.run();
        instance.write(instance.dbInfo.withState(NodeState.ONLINE));
        return OK;
    }

    /** {@code ZkService.setOffline(host, port, true)}: write OFFLINE unless already so, then wait for the lock holders. */
    private static void offlineAndWait(Instance instance) throws ZkFailure {
        if (instance.dbInfo.state() == null) {
            throw new ZkFailure(npe("NodeState.equals(Object)", "DbInfo.getState()"));
        }
        if (instance.dbInfo.state() != NodeState.OFFLINE) {
            instance.write(instance.dbInfo.withState(NodeState.OFFLINE));
            if (instance.lockHeld) {
                throw new ZkFailure(LOCK_TIMEOUT);
            }
        }
    }

    private Outcome create(RootKey root, String key, Instance instance, MetaData meta) {
        BinlogInfo slave = meta.slave();
        if (slave == null) {
            return Outcome.answer(102, npe("BinlogInfo.getBinlogPos()", "MetaData.getSlave()"));
        }
        if (slave.binlogPos() == 0) {
            return Outcome.answer(102, POS_ZERO);
        }
        DbInfo db = meta.dbInfo();
        String instancePath = root.path() + "/" + key;
        if (instance == null) {
            if (requireRoot && !createdRoots.contains(root)) {
                return Outcome.answer(102, "KeeperErrorCode = NoNode");
            }
            TreeMap<String, JsonNode> tree;
            try {
                tree = flatten(instancePath, db.rule());
            } catch (ZkFailure e) {
                return Outcome.answer(102, e.getMessage());
            }
            Instance created = new Instance(db.withRules(null));
            created.ruleTree.putAll(tree);
            created.dynamic = slave;
            created.counter = Counter.ZERO;
            created.error = ErrorInfo.NONE;
            created.alarm = meta.alarm();
            created.candidate = new Candidate(meta.candidate());
            roots.computeIfAbsent(root, r -> new HashMap<>()).put(key, created);
            return OK;
        }
        return update(instancePath, instance, db);
    }

    /** {@code ZkService.setDbInfo}: contract §3.1. */
    private Outcome update(String instancePath, Instance instance, DbInfo db) {
        if (instance.dbInfo.state() == null) {
            return Outcome.answer(113, npe("NodeState.equals(Object)", "DbInfo.getState()"));
        }
        TreeMap<String, JsonNode> wanted;
        try {
            wanted = flatten(instancePath, db.rule());
        } catch (ZkFailure e) {
            return Outcome.answer(113, e.getMessage());
        }
        DbInfo newNode = db.withRules(null);
        boolean nodeChanged = !tree(instance.dbInfo).equals(tree(newNode));
        // The manager reads the old tree back without filters (MetaUtils.getFilter returns null), so stored filters
        // never compare equal and are never deleted.
        Map<String, JsonNode> old = new TreeMap<>();
        instance.ruleTree.forEach((path, node) -> {
            if (depth(path) < 2) {
                old.put(path, node);
            }
        });
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        wanted.forEach((path, node) -> {
            if (!node.equals(old.get(path))) {
                changes.put(path, node);
            }
        });
        List<String> deletes = old.keySet().stream().filter(path -> !wanted.containsKey(path)).toList();
        if (!nodeChanged && changes.isEmpty() && deletes.isEmpty()) {
            log.warn("manager simulator: no need rules to add and no rule to delete ({})", instancePath);
            return OK;
        }
        try {
            offlineAndWait(instance);
        } catch (ZkFailure e) {
            return Outcome.answer(113, e.getMessage());
        }
        if (!deletes.isEmpty()) {
            // Deletes are issued parent first, so the transaction fails on the rule node's MQRule child.
            return Outcome.answer(113, "KeeperErrorCode = Directory not empty");
        }
        if (nodeChanged) {
            instance.write(newNode);
        }
        instance.ruleTree.putAll(changes);
        instance.write(instance.dbInfo.withState(NodeState.ONLINE));
        return OK;
    }

    private static int depth(String relativePath) {
        return (int) relativePath.chars().filter(c -> c == '/').count();
    }

    /** The rule subtree as stored (contract §4): relative path → node JSON. KV rules are dropped. */
    private TreeMap<String, JsonNode> flatten(String instancePath, List<Rule> rules) throws ZkFailure {
        TreeMap<String, JsonNode> tree = new TreeMap<>();
        if (rules == null) {
            return tree;
        }
        for (Rule rule : rules) {
            if (rule.storage() == StorageType.KV_STORAGE) {
                continue;
            }
            if (rule.any() == null) {
                throw new ZkFailure("Cannot invoke \"java.io.InputStream.read(byte[])\" because \"in\" is null");
            }
            MQRule mq;
            try {
                mq = json.readValue(ManagerCodec.gunzip(rule.any()), MQRule.class);
            } catch (IOException e) {
                throw new ZkFailure(jackson19Message(e));
            }
            String ruleName = rule.storage() + ":" + mq.topic();
            String ruleNode = put(tree, instancePath, ruleName, new Rule(rule.storage(), rule.convertClass(), null));
            String mqNode = put(tree, instancePath, ruleNode + "/" + mq.topic(), new MQRule(mq.topic(),
                    mq.withTransaction(), mq.withUpdateBefore(), mq.producerClass(), mq.order(), mq.para(), null, null));
            for (Filter filter : Objects.requireNonNullElse(mq.white(), List.<Filter>of())) {
                put(tree, instancePath, mqNode + "/white:" + filter.table(), filter);
            }
            for (Filter filter : Objects.requireNonNullElse(mq.black(), List.<Filter>of())) {
                put(tree, instancePath, mqNode + "/black:" + filter.table(), filter);
            }
        }
        return tree;
    }

    private String put(TreeMap<String, JsonNode> tree, String instancePath, String relative, Object value) throws ZkFailure {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        String expectedParent = relative.lastIndexOf('/') < 0 ? "" : relative.substring(0, relative.lastIndexOf('/'));
        if (name.isEmpty() || !tree.containsKey(expectedParent) && !expectedParent.isEmpty()) {
            throw new ZkFailure("Invalid path string \"" + instancePath + "/" + relative + "\"");
        }
        // A '/' inside a topic or table regex would add a path level.
        if (depthOf(value) != depth(relative)) {
            throw new ZkFailure("Invalid path string \"" + instancePath + "/" + relative + "\" caused by '/' in a name");
        }
        if (tree.put(relative, tree(value)) != null) {
            throw new ZkFailure("KeeperErrorCode = NodeExists for " + instancePath + "/" + relative);
        }
        return relative;
    }

    private static int depthOf(Object value) {
        return value instanceof Rule ? 0 : value instanceof MQRule ? 1 : 2;
    }

    private JsonNode tree(Object value) {
        return json.valueToTree(value);
    }

    /** slave/status: the stored instance plus request echoes (contract §3, slave/status). */
    private Outcome slaveStatus(Instance instance, MetaData request) throws JsonProcessingException {
        if (instance.candidate == null || instance.candidate.host() == null) {
            return Outcome.answer(104, CANDIDATE_NULL);
        }
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : instance.ruleTree.entrySet()) {
            if (depth(entry.getKey()) != 0) {
                continue;
            }
            Rule rule = json.treeToValue(entry.getValue(), Rule.class);
            String topic = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
            MQRule mq = json.treeToValue(instance.ruleTree.get(entry.getKey() + "/" + topic), MQRule.class);
            // Filters are never read back: the real answer has empty white/black lists.
            MQRule readBack = new MQRule(mq.topic(), mq.withTransaction(), mq.withUpdateBefore(), mq.producerClass(),
                    mq.order(), mq.para(), List.of(), List.of());
            rules.add(new Rule(rule.storage(), rule.convertClass(), ManagerCodec.gzip(json.writeValueAsBytes(readBack))));
        }
        MetaData answer = new MetaData(instance.dbInfo.withRules(rules), instance.dynamic, request.master(),
                instance.counter, request.terminal(), instance.candidate.host(), request.alarm(), instance.error,
                request.admin(), request.zk());
        String hex = java.util.HexFormat.of().formatHex(ManagerCodec.gzip(json.writeValueAsBytes(answer)));
        return new Outcome(200, 1000, "", null, hex);
    }

    // ---------------------------------------------------------------------------------------------- storage

    /** A meta root; a trailing slash of the path does not make another root. */
    private record RootKey(String servers, String path) {
        static RootKey of(ZK zk) {
            String path = zk.path() == null ? "" : zk.path();
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new RootKey(zk.servers(), path);
        }
    }

    /** One instance's znodes (contract §4). Guarded by the simulator's lock. */
    private final class Instance {
        DbInfo dbInfo;
        int version;
        final List<NodeState> stateWrites = new ArrayList<>();
        final TreeMap<String, JsonNode> ruleTree = new TreeMap<>();
        BinlogInfo dynamic;
        Counter counter;
        ErrorInfo error;
        Alarm alarm;
        Candidate candidate;
        String leader;
        Terminal terminal;
        boolean lockHeld;

        Instance(DbInfo created) {
            this.dbInfo = created;
            this.version = 0;
            stateWrites.add(created.state());
        }

        /** A setData on the instance node: what the wave's PathChildrenCache sees as CHILD_UPDATED. */
        void write(DbInfo node) {
            dbInfo = node;
            version++;
            stateWrites.add(node.state());
        }

        InstanceSnapshot snapshot() {
            Map<String, JsonNode> rules = new TreeMap<>();
            ruleTree.forEach((k, v) -> rules.put(k, v.deepCopy()));
            return new InstanceSnapshot(dbInfo, version, Collections.unmodifiableList(new ArrayList<>(stateWrites)),
                    Collections.unmodifiableMap(rules), dynamic, counter, error, alarm, candidate, leader, terminal);
        }
    }
}
