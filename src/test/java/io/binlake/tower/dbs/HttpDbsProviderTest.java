package io.binlake.tower.dbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.binlake.tower.dbs.simulator.DbsSimulator;
import io.binlake.tower.dbs.simulator.DbsSimulator.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The http provider against a real {@link DbsSimulator} over HTTP (and a few raw servers for odd answers). */
class HttpDbsProviderTest {

    private static final String TOKEN = "sim-token-5f2c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DbsSimulator dbs;
    private static HttpDbsProvider provider;

    @BeforeAll
    static void startSimulator() {
        dbs = new DbsSimulator(0, TOKEN).start();
        provider = new HttpDbsProvider(new DbsProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), null, null));
    }

    @AfterAll
    static void stopSimulator() {
        dbs.stop();
    }

    @BeforeEach
    void clean() {
        dbs.reset();
    }

    private static DbsTarget target(String host, int port) {
        return new DbsTarget(host, port, DbsEndpoint.http(dbs.baseUrl(), TOKEN));
    }

    private static DbsTarget wrongToken(String host, int port) {
        return new DbsTarget(host, port, DbsEndpoint.http(dbs.baseUrl() + "/", "not-the-token-91ab"));
    }

    @Test
    void verifyReplica_acceptsAReplica_sendingTheDocumentedBodyAndHeaders() throws Exception {
        provider.verifyReplica(target("10.0.0.1", 3306));

        DbsSimulator.Call call = dbs.journal(Route.VERIFY_MASTER).get(0);
        assertThat(call.tokenAccepted()).isTrue();
        assertThat(call.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(call.answerStatus()).isZero();
        assertThat(JSON.readTree(call.body()))
                .isEqualTo(JSON.readTree("{\"hosts\":[{\"dbidx\":0,\"host\":\"10.0.0.1\",\"port\":3306}]}"));
    }

    @Test
    void verifyReplica_refusesAMaster() {
        dbs.markMaster("10.0.0.2", 3306);

        DbsRefusedException e = catchThrowableOfType(DbsRefusedException.class,
                () -> provider.verifyReplica(target("10.0.0.2", 3306)));

        assertThat(e.dbsMessage()).isEqualTo("host 10.0.0.2:3306 is on the master role");
        assertThat(e.operation()).isEqualTo(DbsOperation.VERIFY_REPLICA);
        assertThat(e.target()).isEqualTo("10.0.0.2:3306");
        assertThat(e).hasMessageContaining("10.0.0.2:3306 is on the master role");
    }

    @Test
    void openOrder_returnsDbsOrderIdAndUrl_andDbsStoresTheOrder() throws Exception {
        DbsOrder order = provider.openOrder(target("10.0.0.3", 3307),
                new OrderRequest("inst-1", "payments", "erp-alice", List.of("orders_binlog", "pay_binlog"), null));

        assertThat(order.orderId()).startsWith("DBS-");
        assertThat(order.url()).isEqualTo(dbs.baseUrl() + "/orders/" + order.orderId());
        DbsSimulator.Order stored = dbs.order(order.orderId()).orElseThrow();
        assertThat(stored.towerId()).isEqualTo("inst-1");
        assertThat(stored.host()).isEqualTo("10.0.0.3");
        assertThat(stored.port()).isEqualTo(3307);
        assertThat(stored.group()).isEqualTo("payments");
        assertThat(stored.requestedBy()).isEqualTo("erp-alice");
        assertThat(stored.topics()).containsExactly("orders_binlog", "pay_binlog");
        assertThat(stored.state()).isEqualTo(DbsSimulator.OrderState.OPEN);
        assertThat(JSON.readTree(dbs.journal(Route.ORDER_CREATE).get(0).body()).has("callbackHint")).isFalse();
    }

    @Test
    void openOrder_sendsTheCallbackHintWhenGiven() {
        DbsOrder order = provider.openOrder(target("10.0.0.3", 3307),
                new OrderRequest("inst-2", "payments", "erp-alice", List.of(), "http://tower/api/v1/dbs/callback"));

        assertThat(dbs.order(order.orderId()).orElseThrow().callbackHint()).isEqualTo("http://tower/api/v1/dbs/callback");
    }

    @Test
    void grantDumpAccount_sendsAuthHostsWithAFreshRequestIdRepeatedAsDbsid() throws Exception {
        provider.grantDumpAccount(target("10.0.0.4", 3306), "binlake", "ignored-by-http", List.of("10.%", "172.%", "10.%"));

        assertThat(dbs.grants()).singleElement().satisfies(g -> {
            assertThat(g.authHosts()).containsExactly("10.%", "172.%");
            assertThat(g.host()).isEqualTo("10.0.0.4");
            assertThat(g.port()).isEqualTo(3306);
        });
        JsonNode body = JSON.readTree(dbs.journal(Route.GRANT_BINLAKE).get(0).body());
        assertThat(body.get("hosts").get(0).get("dbsid").longValue()).isEqualTo(body.get("requestId").longValue());
        assertThat(body.toString()).doesNotContain("ignored-by-http").doesNotContain("binlake\"");
    }

    @Test
    void grantDumpAccount_usesAUniqueRequestIdForEveryCall() {
        for (int i = 0; i < 50; i++) {
            provider.grantDumpAccount(target("10.0.1." + i, 3306), "binlake", "pw", List.of("10.%"));
        }

        Set<Long> ids = new HashSet<>();
        dbs.grants().forEach(g -> ids.add(g.requestId()));
        assertThat(ids).hasSize(50);
        // A DBS that reads JSON numbers as doubles must still see them exactly.
        assertThat(ids).allSatisfy(id -> assertThat(id).isPositive().isLessThan(1L << 53));
        assertThat(dbs.journal(Route.GRANT_BINLAKE)).allSatisfy(c -> assertThat(c.answerStatus()).isZero());
    }

    @Test
    void grantDumpAccount_rejectsBadHostPatternsBeforeSending() {
        assertThatThrownBy(() -> provider.grantDumpAccount(target("10.0.0.4", 3306), "binlake", "pw", List.of("10.%' OR 1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.grantDumpAccount(target("10.0.0.4", 3306), "binlake", "pw", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dbs.journal()).isEmpty();
    }

    @Test
    void forceRowFormat_asksDbsForTheHost() throws Exception {
        provider.forceRowFormat(target("10.0.0.5", 3306));

        assertThat(dbs.rowFormatted()).containsExactly("10.0.0.5:3306");
        assertThat(JSON.readTree(dbs.journal(Route.BINLOG_FORMAT).get(0).body()))
                .isEqualTo(JSON.readTree("{\"host\":\"10.0.0.5\",\"port\":3306}"));
    }

    @Test
    void wrongToken_isRefusedWithDbsMessage_onEveryRoute_andTheTokenNeverAppears() {
        DbsTarget target = wrongToken("10.0.0.6", 3306);
        List<Runnable> calls = List.of(
                () -> provider.verifyReplica(target),
                () -> provider.openOrder(target, new OrderRequest("i", "g", "u", List.of(), null)),
                () -> provider.grantDumpAccount(target, "binlake", "pw", List.of("10.%")),
                () -> provider.forceRowFormat(target));

        for (Runnable call : calls) {
            DbsRefusedException e = catchThrowableOfType(DbsRefusedException.class, call::run);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.dbsMessage()).isEqualTo("need Token in Header");
            assertThat(e.getMessage()).contains("need Token in Header").doesNotContain("not-the-token-91ab");
        }
        assertThat(dbs.journal()).hasSize(4).allSatisfy(c -> assertThat(c.tokenAccepted()).isFalse());
        assertThat(dbs.grants()).isEmpty();
    }

    @Test
    void dbsErrorCode_isRefusedWithStatusAndMessage() {
        dbs.failNext(Route.GRANT_BINLAKE, 7, "instance 10.0.0.7:3306 unknown to DBS");
        dbs.failNext(Route.ORDER_CREATE, 3, "group not registered");

        DbsRefusedException grant = catchThrowableOfType(DbsRefusedException.class,
                () -> provider.grantDumpAccount(target("10.0.0.7", 3306), "binlake", "pw", List.of("10.%")));
        DbsRefusedException order = catchThrowableOfType(DbsRefusedException.class,
                () -> provider.openOrder(target("10.0.0.7", 3306), new OrderRequest("i", "g", "u", List.of(), null)));

        assertThat(grant.status()).isEqualTo(7);
        assertThat(grant.dbsMessage()).isEqualTo("instance 10.0.0.7:3306 unknown to DBS");
        assertThat(grant.operation()).isEqualTo(DbsOperation.GRANT_DUMP_ACCOUNT);
        assertThat(order.status()).isEqualTo(3);
        assertThat(order.getMessage()).contains("open-order", "group not registered", "status 3");
        // The failure was used up: the next call succeeds.
        provider.grantDumpAccount(target("10.0.0.7", 3306), "binlake", "pw", List.of("10.%"));
    }

    @Test
    void dbsDown_closedPort_isUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DbsTarget target = new DbsTarget("10.0.0.8", 3306, DbsEndpoint.http("http://127.0.0.1:" + closedPort, TOKEN));

        assertThatThrownBy(() -> provider.verifyReplica(target))
                .isInstanceOf(DbsUnavailableException.class)
                .hasMessageContaining("cannot connect to 127.0.0.1:" + closedPort)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void slowDbs_beyondTheReadTimeout_isUnavailable() {
        HttpDbsProvider impatient = new HttpDbsProvider(
                new DbsProperties(Duration.ofSeconds(1), Duration.ofMillis(300), null, null));
        dbs.delay(Duration.ofMillis(3000));

        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.forceRowFormat(target("10.0.0.9", 3306)))
                .isInstanceOf(DbsUnavailableException.class)
                .hasMessageContaining("no answer")
                .hasMessageContaining("PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        awaitJournalEntry(Route.BINLOG_FORMAT); // the late answer must not land in the next test's journal
    }

    @Test
    void httpStatusOtherThan200_isUnavailable() {
        dbs.unavailable(true);
        assertThatThrownBy(() -> provider.verifyReplica(target("10.0.0.10", 3306)))
                .isInstanceOf(DbsUnavailableException.class)
                .hasMessageContaining("HTTP 503");

        dbs.unavailable(false);
        dbs.failNextHttp(Route.BINLOG_FORMAT, 500);
        assertThatThrownBy(() -> provider.forceRowFormat(target("10.0.0.10", 3306)))
                .isInstanceOf(DbsUnavailableException.class)
                .hasMessageContaining("HTTP 500");
        provider.forceRowFormat(target("10.0.0.10", 3306));
    }

    @Test
    void unreadableOrIncompleteAnswers_areUnavailable() throws IOException {
        assertAnswer(200, "<html>gateway</html>", e -> assertThat(e)
                .isInstanceOf(DbsUnavailableException.class).hasMessageContaining("not a JSON object"));
        assertAnswer(200, "{\"message\":\"\"}", e -> assertThat(e)
                .isInstanceOf(DbsUnavailableException.class).hasMessageContaining("no integer code or Status"));
        assertAnswer(200, "{\"code\":0,\"message\":\"\",\"hosts\":[]}", e -> assertThat(e)
                .isInstanceOf(DbsUnavailableException.class).hasMessageContaining("lists no hosts"));
        assertAnswer(200, "{\"code\":0,\"hosts\":[{\"host\":\"h\",\"port\":1,\"isMaster\":\"no\"}]}", e -> assertThat(e)
                .isInstanceOf(DbsUnavailableException.class).hasMessageContaining("boolean isMaster"));
        assertAnswer(302, "", e -> assertThat(e)
                .isInstanceOf(DbsUnavailableException.class).hasMessageContaining("HTTP 302"));
    }

    @Test
    void answerKeys_matchCaseInsensitively_andANumericOrderIdIsText() throws IOException {
        try (RawServer raw = new RawServer(200, "{\"CODE\":0,\"Message\":\"\",\"OrderId\":4711,\"URL\":null}")) {
            DbsTarget target = new DbsTarget("10.0.0.11", 3306, DbsEndpoint.http(raw.url(), TOKEN));
            DbsOrder order = provider.openOrder(target, new OrderRequest("i", "g", "u", List.of(), null));
            assertThat(order).isEqualTo(new DbsOrder("4711", null));
            assertThat(raw.lastPath).isEqualTo("/order/create");
            assertThat(raw.lastToken).isEqualTo(TOKEN);
        }
        try (RawServer raw = new RawServer(200, "{\"error\":true,\"status\":12,\"MESSAGE\":\"busy\"}")) {
            DbsTarget target = new DbsTarget("10.0.0.11", 3306, DbsEndpoint.http(raw.url(), TOKEN));
            DbsRefusedException e = catchThrowableOfType(DbsRefusedException.class, () -> provider.forceRowFormat(target));
            assertThat(e.status()).isEqualTo(12);
            assertThat(e.dbsMessage()).isEqualTo("busy");
        }
    }

    @Test
    void orderPath_isConfigurable_andAPathPrefixOfTheApiUrlIsKept() throws IOException {
        HttpDbsProvider custom = new HttpDbsProvider(new DbsProperties(null, null, "/v2/orders", null));
        try (RawServer raw = new RawServer(200, "{\"code\":0,\"message\":\"\",\"orderId\":\"A-1\",\"url\":\"http://dbs/A-1\"}")) {
            DbsTarget target = new DbsTarget("10.0.0.12", 3306, DbsEndpoint.http(raw.url() + "/dbs-api/", TOKEN));
            assertThat(custom.openOrder(target, new OrderRequest("i", "g", "u", List.of(), null)))
                    .isEqualTo(new DbsOrder("A-1", "http://dbs/A-1"));
            assertThat(raw.lastPath).isEqualTo("/dbs-api/v2/orders");
        }
    }

    @Test
    void aJdbcTarget_isNotForTheHttpProvider() {
        DbsTarget jdbc = new DbsTarget("10.0.0.13", 3306, DbsEndpoint.jdbc("root", "secret"));
        assertThatThrownBy(() -> provider.verifyReplica(jdbc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    private static void awaitJournalEntry(Route route) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (dbs.journal(route).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void assertAnswer(int status, String body, Consumer<Throwable> check) throws IOException {
        try (RawServer raw = new RawServer(status, body)) {
            DbsTarget target = new DbsTarget("10.0.0.14", 3306, DbsEndpoint.http(raw.url(), TOKEN));
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> provider.verifyReplica(target));
            check.accept(thrown);
            assertThat(thrown.getMessage()).doesNotContain(TOKEN);
        }
    }

    /** A server that gives every request the same answer (for answers the simulator never gives). */
    private static final class RawServer implements AutoCloseable {
        private final HttpServer server;
        volatile String lastPath;
        volatile String lastToken;

        RawServer(int status, String body) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/", exchange -> {
                lastPath = exchange.getRequestURI().getPath();
                lastToken = exchange.getRequestHeaders().getFirst("token");
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                if (status == 302) {
                    exchange.getResponseHeaders().set("Location", "/elsewhere");
                }
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
