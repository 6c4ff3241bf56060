package io.binlake.tower.dbs.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DBS that keeps to the contract as strictly as the real one would (tower-spec §3.4 plus Tower's assumed order
 * and callback contracts, see {@code HttpDbsProvider}), for tests and the local profile. Plain JDK HTTP server on
 * the loopback address: {@code new DbsSimulator(0, token).start()}, {@link #port()}, {@link #stop()}.
 *
 * <p>API routes (all {@code POST}, JSON, header {@code token}):
 * <ul>
 * <li>{@code /grant/verifymaster/} — {@code isMaster} is true for the host:ports marked with {@link #markMaster}.</li>
 * <li>{@code /grant/binlake} — records a {@link Grant} per host; a repeated {@code requestId} is refused.</li>
 * <li>{@code /grant/binlogformat} — records the host:port as ROW-formatted.</li>
 * <li>the order path (default {@code /order/create}) — stores an {@link Order} {@code DBS-<n>} with URL
 *     {@code http://127.0.0.1:<port>/orders/DBS-<n>} (which answers the order as JSON to a {@code GET}).</li>
 * </ul>
 * A missing or wrong token is answered HTTP 200 {@code {"Status":400,"Message":"need Token in Header"}} as the real
 * DBS does; a body that is not JSON, lacks a field, has an unknown field or a field of the wrong type is answered
 * HTTP 200 with the route's error shape and status 400 ({@code {"code":400,"message":..}} for verifymaster and
 * orders, {@code {"error":true,"Status":400,"message":..}} for the grant routes).
 *
 * <p>Decisions: {@link #approve}/{@link #reject} POST {@code {"orderId","approved","approver","comment"}} with header
 * {@code X-DBS-Token} to the callback URL ({@link #callbackUrl(String, String)}; else the order's
 * {@code callbackHint} when that is an absolute http(s) URL). The order is decided only when the callback answers
 * 2xx, so a failed callback can be repeated. For people: {@code GET /sim/orders},
 * {@code POST /sim/orders/{id}/approve} and {@code /reject} with an optional {@code {"approver","comment"}} body,
 * e.g. {@code curl -X POST localhost:9097/sim/orders/DBS-1/approve -d '{"approver":"dba"}'}.
 *
 * <p>For failure tests: {@link #failNext}, {@link #failNextHttp}, {@link #unavailable(boolean)}, {@link #delay}.
 * Every received API call is in the {@link #journal()}. Thread-safe.
 */
public final class DbsSimulator {

    /** The API routes (the order route's path can be moved with {@link #orderPath(String)}). */
    public enum Route {
        VERIFY_MASTER("/grant/verifymaster/", false),
        GRANT_BINLAKE("/grant/binlake", true),
        BINLOG_FORMAT("/grant/binlogformat", true),
        ORDER_CREATE("/order/create", false);

        private final String defaultPath;
        private final boolean grantShape;

        Route(String defaultPath, boolean grantShape) {
            this.defaultPath = defaultPath;
            this.grantShape = grantShape;
        }

        public String defaultPath() {
            return defaultPath;
        }
    }

    public enum OrderState { OPEN, APPROVED, REJECTED }

    /**
     * One received API call.
     *
     * @param tokenAccepted whether the {@code token} header was present and right
     * @param answerStatus  the status in the answer body (0 = success), or the HTTP status when it was not 200
     */
    public record Call(Route route, String contentType, boolean tokenAccepted, String body, int httpStatus,
                       int answerStatus, String answerMessage, Instant at) {
    }

    /** One host granted by {@code /grant/binlake}. */
    public record Grant(long requestId, List<String> authHosts, String host, int port, Instant at) {
    }

    public record Order(String orderId, String towerId, String host, int port, String group, String requestedBy,
                        List<String> topics, String callbackHint, String url, OrderState state, String approver,
                        String comment, Instant createdAt, Instant decidedAt) {

        Order decided(boolean approved, String approver, String comment) {
            return new Order(orderId, towerId, host, port, group, requestedBy, topics, callbackHint, url,
                    approved ? OrderState.APPROVED : OrderState.REJECTED, approver, comment, createdAt, Instant.now());
        }
    }

    /** The outcome of a decision: the callback was answered 2xx. */
    public record Decision(String orderId, boolean approved, String approver, String comment, URI callback,
                           int callbackStatus, String callbackBody) {
    }

    /** The decision could not be delivered; the order stays open. */
    public static final class CallbackFailedException extends RuntimeException {
        public CallbackFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DbsSimulator.class);

    static {
        // The JDK server writes response headers and body as two packets; with Nagle on, the body waits for the
        // client's delayed ACK, about 40 ms per call. Read once when the first JDK HttpServer starts in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final int JOURNAL_LIMIT = 1000;
    private static final Pattern SIM_DECISION = Pattern.compile("/sim/orders/([^/]+)/(approve|reject)");
    private static final Pattern ORDER_PAGE = Pattern.compile("/orders/([^/]+)");

    private final int requestedPort;
    private final String expectedToken;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private final HttpClient callbackClient = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    // All mutable state below is guarded by `this`, except the decision lock which serialises decisions only.
    private final Object decisionLock = new Object();
    private final Set<String> masters = new HashSet<>();
    private final Map<Route, Deque<Failure>> failures = new EnumMap<>(Route.class);
    private final Deque<Call> journal = new ArrayDeque<>();
    private final List<Grant> grants = new ArrayList<>();
    private final Set<Long> requestIds = new HashSet<>();
    private final Set<String> rowFormatted = new HashSet<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final AtomicLong orderSequence = new AtomicLong();
    private String orderPath = Route.ORDER_CREATE.defaultPath();
    private boolean unavailable;
    private Duration delay = Duration.ZERO;
    private URI callbackUrl;
    private String callbackToken;
    private HttpServer server;
    private ExecutorService executor;

    private record Failure(Integer dbsStatus, String message, Integer httpStatus) {
    }

    /**
     * @param port          TCP port on 127.0.0.1, 0 for any free one
     * @param expectedToken the {@code token} header every API call must carry
     */
    public DbsSimulator(int port, String expectedToken) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (expectedToken == null || expectedToken.isBlank()) {
            throw new IllegalArgumentException("the simulator needs the token its callers must send");
        }
        this.requestedPort = port;
        this.expectedToken = expectedToken;
    }

    // ---------------------------------------------------------------- lifecycle

    public synchronized DbsSimulator start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 50);
        } catch (IOException e) {
            throw new IllegalStateException("DBS simulator cannot listen on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dbs-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("DBS simulator listening on {}", baseUrl());
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    /** The bound port (the real one when constructed with 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the DBS simulator is not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the dbsApiUrl of a cluster that uses this simulator. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    // ---------------------------------------------------------------- configuration and failure injection

    /** Where the order route listens (Tower's {@code tower.dbs.order-path}). */
    public synchronized DbsSimulator orderPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("the order path must start with /");
        }
        this.orderPath = path;
        return this;
    }

    /** Where decisions are POSTed, with {@code X-DBS-Token: token}; null clears it. */
    public synchronized DbsSimulator callbackUrl(String url, String token) {
        if (url == null) {
            this.callbackUrl = null;
            this.callbackToken = null;
            return this;
        }
        URI uri = URI.create(url);
        if (!uri.isAbsolute() || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
            throw new IllegalArgumentException("the callback URL must be an absolute http(s) URL, got '" + url + "'");
        }
        this.callbackUrl = uri;
        this.callbackToken = token;
        return this;
    }

    /** The configured callback URL, if any. */
    public synchronized Optional<URI> callbackUrl() {
        return Optional.ofNullable(callbackUrl);
    }

    /** verifymaster answers {@code isMaster:true} for this host:port from now on. */
    public synchronized DbsSimulator markMaster(String host, int port) {
        masters.add(key(host, port));
        return this;
    }

    public synchronized DbsSimulator unmarkMaster(String host, int port) {
        masters.remove(key(host, port));
        return this;
    }

    /** The next call of the route is answered HTTP 200 with this DBS status and message (a refusal). */
    public synchronized DbsSimulator failNext(Route route, int status, String message) {
        if (status == 0) {
            throw new IllegalArgumentException("status 0 is success");
        }
        failures.computeIfAbsent(route, r -> new ArrayDeque<>()).add(new Failure(status, message, null));
        return this;
    }

    /** The next call of the route is answered with this HTTP status and a plain-text body. */
    public synchronized DbsSimulator failNextHttp(Route route, int httpStatus) {
        if (httpStatus == 200) {
            throw new IllegalArgumentException("HTTP 200 is not a failure");
        }
        failures.computeIfAbsent(route, r -> new ArrayDeque<>()).add(new Failure(null, null, httpStatus));
        return this;
    }

    /** While true, every API call is answered HTTP 503 (as a proxy in front of a down DBS would). */
    public synchronized DbsSimulator unavailable(boolean unavailable) {
        this.unavailable = unavailable;
        return this;
    }

    /** Every API call waits this long before it is answered. */
    public synchronized DbsSimulator delay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
        return this;
    }

    /** Forgets calls, grants, orders, masters and pending failures; keeps port, token, order path and callback. */
    public synchronized void reset() {
        masters.clear();
        failures.clear();
        journal.clear();
        grants.clear();
        requestIds.clear();
        rowFormatted.clear();
        orders.clear();
        unavailable = false;
        delay = Duration.ZERO;
    }

    // ---------------------------------------------------------------- what happened

    /** The received API calls, oldest first (the last 1000). */
    public synchronized List<Call> journal() {
        return List.copyOf(journal);
    }

    public synchronized List<Call> journal(Route route) {
        return journal.stream().filter(c -> c.route() == route).toList();
    }

    public synchronized List<Grant> grants() {
        return List.copyOf(grants);
    }

    /** The host:ports {@code /grant/binlogformat} was called for. */
    public synchronized Set<String> rowFormatted() {
        return Set.copyOf(rowFormatted);
    }

    public synchronized List<Order> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized Optional<Order> order(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    // ---------------------------------------------------------------- decisions

    /** Approves an open order and reports it to the callback. */
    public Decision approve(String orderId, String approver, String comment) {
        return decide(orderId, true, approver, comment);
    }

    /** Rejects an open order and reports it to the callback. */
    public Decision reject(String orderId, String approver, String comment) {
        return decide(orderId, false, approver, comment);
    }

    /**
     * @throws NoSuchElementException for an unknown order
     * @throws IllegalStateException            when the order is decided already or there is no callback URL
     * @throws CallbackFailedException          when the callback was not answered 2xx (the order stays open)
     */
    private Decision decide(String orderId, boolean approved, String approver, String comment) {
        synchronized (decisionLock) {
            Order order;
            URI target;
            String token;
            synchronized (this) {
                order = orders.get(orderId);
                if (order == null) {
                    throw new NoSuchElementException("no order " + orderId);
                }
                if (order.state() != OrderState.OPEN) {
                    throw new IllegalStateException("order " + orderId + " is " + order.state() + " already");
                }
                target = callbackUrl != null ? callbackUrl : hintUrl(order.callbackHint());
                token = callbackToken;
            }
            if (target == null) {
                throw new IllegalStateException("no callback URL configured, so the decision on " + orderId + " cannot be reported");
            }
            String who = approver == null || approver.isBlank() ? "dbs-simulator" : approver;
            String why = comment == null ? "" : comment;
            ObjectNode body = json.createObjectNode()
                    .put("orderId", orderId).put("approved", approved).put("approver", who).put("comment", why);
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            if (token != null) {
                request.header("X-DBS-Token", token);
            }
            HttpResponse<String> response;
            try {
                response = callbackClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new CallbackFailedException("callback " + target + " for " + orderId + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallbackFailedException("interrupted while calling back " + target, e);
            }
            if (response.statusCode() / 100 != 2) {
                throw new CallbackFailedException("callback " + target + " for " + orderId + " answered HTTP "
                        + response.statusCode() + ": " + response.body(), null);
            }
            synchronized (this) {
                orders.computeIfPresent(orderId, (id, o) -> o.decided(approved, who, why));
            }
            log.info("DBS simulator: order {} {} by {}, callback HTTP {}", orderId,
                    approved ? "approved" : "rejected", who, response.statusCode());
            return new Decision(orderId, approved, who, why, target, response.statusCode(), response.body());
        }
    }

    private static URI hintUrl(String hint) {
        if (hint == null) {
            return null;
        }
        try {
            URI uri = URI.create(hint);
            return uri.isAbsolute() && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http") ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Matcher decision = SIM_DECISION.matcher(path);
            Matcher page = ORDER_PAGE.matcher(path);
            if ("/sim/orders".equals(path) && "GET".equals(method)) {
                ArrayNode list = json.createArrayNode();
                orders().forEach(o -> list.add(orderJson(o)));
                send(exchange, 200, list.toString());
            } else if (decision.matches()) {
                handleDecision(exchange, method, decision.group(1), "approve".equals(decision.group(2)));
            } else if (page.matches() && "GET".equals(method)) {
                Optional<Order> order = order(page.group(1));
                if (order.isPresent()) {
                    send(exchange, 200, orderJson(order.get()).toString());
                } else {
                    send(exchange, 404, json.createObjectNode().put("message", "no order " + page.group(1)).toString());
                }
            } else {
                Route route = route(path);
                if (route == null) {
                    send(exchange, 404, "{\"message\":\"no such route\"}");
                } else if (!"POST".equals(method)) {
                    send(exchange, 405, "{\"message\":\"POST only\"}");
                } else {
                    handleApi(exchange, route);
                }
            }
        } catch (RuntimeException e) {
            log.warn("DBS simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            send(exchange, 500, "{\"message\":\"simulator error\"}");
        } finally {
            exchange.close();
        }
    }

    private synchronized Route route(String path) {
        for (Route route : Route.values()) {
            String routePath = route == Route.ORDER_CREATE ? orderPath : route.defaultPath();
            if (routePath.equals(path)) {
                return route;
            }
        }
        return null;
    }

    private void handleApi(HttpExchange exchange, Route route) throws IOException {
        String body = new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String token = exchange.getRequestHeaders().getFirst("token");
        boolean tokenAccepted = expectedToken.equals(token);
        Duration wait;
        Failure failure = null;
        synchronized (this) {
            wait = delay;
            if (unavailable) {
                failure = new Failure(null, null, 503);
            } else if (tokenAccepted) {
                Deque<Failure> pending = failures.get(route);
                failure = pending == null ? null : pending.poll();
            }
        }
        sleep(wait);
        if (failure != null && failure.httpStatus() != null) {
            record(new Call(route, contentType, tokenAccepted, body, failure.httpStatus(), failure.httpStatus(),
                    "HTTP failure", Instant.now()));
            send(exchange, failure.httpStatus(), "DBS simulator: HTTP " + failure.httpStatus());
            return;
        }
        ObjectNode answer;
        if (!tokenAccepted) {
            // The real DBS's answer, capital M included.
            answer = json.createObjectNode().put("Status", 400).put("Message", "need Token in Header");
        } else if (failure != null) {
            answer = error(route, failure.dbsStatus(), failure.message() == null ? "" : failure.message());
        } else if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            answer = error(route, 400, "Content-Type must be application/json");
        } else {
            answer = answer(route, body);
        }
        JsonNode status = answer.has("code") ? answer.get("code") : answer.get("Status");
        JsonNode message = answer.has("message") ? answer.get("message") : answer.get("Message");
        record(new Call(route, contentType, tokenAccepted, body, 200, status.intValue(), message.asText(), Instant.now()));
        send(exchange, 200, answer.toString());
    }

    private ObjectNode answer(Route route, String body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            return error(route, 400, "request body is not JSON");
        }
        if (request == null || !request.isObject()) {
            return error(route, 400, "request body must be a JSON object");
        }
        try {
            return switch (route) {
                case VERIFY_MASTER -> verifyMaster(request);
                case GRANT_BINLAKE -> grant(request);
                case BINLOG_FORMAT -> binlogFormat(request);
                case ORDER_CREATE -> createOrder(request);
            };
        } catch (BadRequest e) {
            return error(route, 400, e.getMessage());
        }
    }

    private ObjectNode verifyMaster(JsonNode request) {
        only(request, "", Set.of("hosts"), Set.of());
        ArrayNode out = json.createArrayNode();
        List<JsonNode> hosts = array(request, "", "hosts", true);
        for (int i = 0; i < hosts.size(); i++) {
            JsonNode host = object(hosts.get(i), "hosts[" + i + "]");
            only(host, "hosts[" + i + "].", Set.of("dbidx", "host", "port"), Set.of());
            integer(host, "hosts[" + i + "].", "dbidx", 0, Integer.MAX_VALUE);
            String name = text(host, "hosts[" + i + "].", "host");
            int port = (int) integer(host, "hosts[" + i + "].", "port", 1, 65535);
            boolean master;
            synchronized (this) {
                master = masters.contains(key(name, port));
            }
            out.addObject().put("host", name).put("port", port).put("isMaster", master);
        }
        ObjectNode answer = json.createObjectNode().put("code", 0).put("message", "");
        answer.set("hosts", out);
        return answer;
    }

    private ObjectNode grant(JsonNode request) {
        only(request, "", Set.of("requestId", "authHosts", "hosts"), Set.of());
        long requestId = integer(request, "", "requestId", 1, Long.MAX_VALUE);
        List<String> authHosts = new ArrayList<>();
        for (JsonNode authHost : array(request, "", "authHosts", true)) {
            if (!authHost.isTextual() || authHost.textValue().isBlank()) {
                throw new BadRequest("authHosts must hold non-empty strings");
            }
            authHosts.add(authHost.textValue());
        }
        List<Grant> granted = new ArrayList<>();
        List<JsonNode> hosts = array(request, "", "hosts", true);
        for (int i = 0; i < hosts.size(); i++) {
            String prefix = "hosts[" + i + "].";
            JsonNode host = object(hosts.get(i), "hosts[" + i + "]");
            only(host, prefix, Set.of("dbsid", "host", "port"), Set.of());
            if (integer(host, prefix, "dbsid", 1, Long.MAX_VALUE) != requestId) {
                throw new BadRequest(prefix + "dbsid must repeat requestId");
            }
            granted.add(new Grant(requestId, List.copyOf(authHosts), text(host, prefix, "host"),
                    (int) integer(host, prefix, "port", 1, 65535), Instant.now()));
        }
        synchronized (this) {
            if (!requestIds.add(requestId)) {
                return json.createObjectNode().put("error", true).put("Status", 409)
                        .put("message", "duplicate requestId " + requestId);
            }
            grants.addAll(granted);
        }
        return success(Route.GRANT_BINLAKE);
    }

    private ObjectNode binlogFormat(JsonNode request) {
        only(request, "", Set.of("host", "port"), Set.of());
        String host = text(request, "", "host");
        int port = (int) integer(request, "", "port", 1, 65535);
        synchronized (this) {
            rowFormatted.add(key(host, port));
        }
        return success(Route.BINLOG_FORMAT);
    }

    private ObjectNode createOrder(JsonNode request) {
        only(request, "", Set.of("towerId", "host", "port", "group", "requestedBy", "topics"), Set.of("callbackHint"));
        String towerId = text(request, "", "towerId");
        String host = text(request, "", "host");
        int port = (int) integer(request, "", "port", 1, 65535);
        String group = text(request, "", "group");
        String requestedBy = text(request, "", "requestedBy");
        List<String> topics = new ArrayList<>();
        for (JsonNode topic : array(request, "", "topics", false)) {
            if (!topic.isTextual() || topic.textValue().isBlank()) {
                throw new BadRequest("topics must hold non-empty strings");
            }
            topics.add(topic.textValue());
        }
        JsonNode hint = request.get("callbackHint");
        if (hint != null && !hint.isNull() && !hint.isTextual()) {
            throw new BadRequest("callbackHint must be a string");
        }
        String orderId = "DBS-" + orderSequence.incrementAndGet();
        String url = baseUrl() + "/orders/" + orderId;
        Order order = new Order(orderId, towerId, host, port, group, requestedBy, List.copyOf(topics),
                hint == null || hint.isNull() ? null : hint.textValue(), url, OrderState.OPEN, null, null, Instant.now(), null);
        synchronized (this) {
            orders.put(orderId, order);
        }
        return json.createObjectNode().put("code", 0).put("message", "").put("orderId", orderId).put("url", url);
    }

    private void handleDecision(HttpExchange exchange, String method, String orderId, boolean approved) throws IOException {
        if (!"POST".equals(method)) {
            send(exchange, 405, "{\"message\":\"POST only\"}");
            return;
        }
        String body = new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8);
        String approver = null;
        String comment = null;
        if (!body.isBlank()) {
            try {
                JsonNode request = json.readTree(body);
                if (request == null || !request.isObject()) {
                    throw new BadRequest("the body must be a JSON object");
                }
                only(request, "", Set.of(), Set.of("approver", "comment"));
                approver = optionalText(request, "approver");
                comment = optionalText(request, "comment");
            } catch (JsonProcessingException e) {
                send(exchange, 400, json.createObjectNode().put("message", "the body is not JSON").toString());
                return;
            } catch (BadRequest e) {
                send(exchange, 400, json.createObjectNode().put("message", e.getMessage()).toString());
                return;
            }
        }
        try {
            Decision decision = decide(orderId, approved, approver, comment);
            send(exchange, 200, json.createObjectNode()
                    .put("orderId", orderId).put("approved", approved)
                    .put("approver", decision.approver()).put("comment", decision.comment())
                    .put("callback", decision.callback().toString())
                    .put("callbackStatus", decision.callbackStatus()).toString());
        } catch (NoSuchElementException e) {
            send(exchange, 404, json.createObjectNode().put("message", e.getMessage()).toString());
        } catch (IllegalStateException e) {
            send(exchange, 409, json.createObjectNode().put("message", e.getMessage()).toString());
        } catch (CallbackFailedException e) {
            send(exchange, 502, json.createObjectNode().put("message", e.getMessage()).toString());
        }
    }

    // ---------------------------------------------------------------- strict JSON checks

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private static void only(JsonNode object, String prefix, Set<String> required, Set<String> optional) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!required.contains(name) && !optional.contains(name)) {
                throw new BadRequest("unknown field " + prefix + name);
            }
        }
        for (String name : required) {
            if (!object.has(name) || object.get(name).isNull()) {
                throw new BadRequest("missing field " + prefix + name);
            }
        }
    }

    private static List<JsonNode> array(JsonNode object, String prefix, String name, boolean nonEmpty) {
        JsonNode node = object.get(name);
        if (node == null || !node.isArray()) {
            throw new BadRequest(prefix + name + " must be an array");
        }
        if (nonEmpty && node.isEmpty()) {
            throw new BadRequest(prefix + name + " must not be empty");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private static JsonNode object(JsonNode node, String name) {
        if (!node.isObject()) {
            throw new BadRequest(name + " must be an object");
        }
        return node;
    }

    private static String text(JsonNode object, String prefix, String name) {
        JsonNode node = object.get(name);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new BadRequest(prefix + name + " must be a non-empty string");
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequest(name + " must be a string");
        }
        return node.textValue();
    }

    private static long integer(JsonNode object, String prefix, String name, long min, long max) {
        JsonNode node = object.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < min || node.longValue() > max) {
            throw new BadRequest(prefix + name + " must be an integer in " + min + ".." + max);
        }
        return node.longValue();
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode success(Route route) {
        return route.grantShape
                ? json.createObjectNode().put("error", false).put("Status", 0).put("message", "")
                : json.createObjectNode().put("code", 0).put("message", "");
    }

    private ObjectNode error(Route route, int status, String message) {
        return route.grantShape
                ? json.createObjectNode().put("error", true).put("Status", status).put("message", message)
                : json.createObjectNode().put("code", status).put("message", message);
    }

    private ObjectNode orderJson(Order order) {
        ObjectNode node = json.createObjectNode()
                .put("orderId", order.orderId()).put("towerId", order.towerId())
                .put("host", order.host()).put("port", order.port())
                .put("group", order.group()).put("requestedBy", order.requestedBy());
        ArrayNode topics = node.putArray("topics");
        order.topics().forEach(topics::add);
        node.put("callbackHint", order.callbackHint()).put("url", order.url()).put("state", order.state().name())
                .put("approver", order.approver()).put("comment", order.comment())
                .put("createdAt", order.createdAt().toString())
                .put("decidedAt", order.decidedAt() == null ? null : order.decidedAt().toString());
        return node;
    }

    private synchronized void record(Call call) {
        if (journal.size() >= JOURNAL_LIMIT) {
            journal.pollFirst();
        }
        journal.addLast(call);
        log.info("DBS simulator {} -> HTTP {} status {}{}", call.route().name(), call.httpStatus(), call.answerStatus(),
                call.tokenAccepted() ? "" : " (token missing or wrong)");
    }

    private static String key(String host, int port) {
        return Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static void sleep(Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                body.startsWith("{") || body.startsWith("[") ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
