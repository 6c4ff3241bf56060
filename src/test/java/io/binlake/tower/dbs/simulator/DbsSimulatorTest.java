package io.binlake.tower.dbs.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.binlake.tower.dbs.simulator.DbsSimulator.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator over raw HTTP: its strictness, its records, and decisions reaching a callback server. */
class DbsSimulatorTest {

    private static final String TOKEN = "sim-token-77";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DbsSimulator dbs;
    private CallbackServer tower;

    @BeforeEach
    void start() throws IOException {
        dbs = new DbsSimulator(0, TOKEN).start();
        tower = new CallbackServer();
    }

    @AfterEach
    void stop() {
        dbs.stop();
        tower.close();
    }

    private record Answer(int status, JsonNode json, String body) {
    }

    private Answer post(String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dbs.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("token", token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException ignored) {
            // not JSON: the test looks at body
        }
        return new Answer(response.statusCode(), json, response.body());
    }

    private Answer api(String path, String body) throws Exception {
        return post(path, TOKEN, "application/json; charset=utf-8", body);
    }

    private String openOrder() throws Exception {
        Answer answer = api("/order/create", "{\"towerId\":\"inst-9\",\"host\":\"10.0.0.1\",\"port\":3306,"
                + "\"group\":\"payments\",\"requestedBy\":\"erp-bob\",\"topics\":[\"t1\"]}");
        assertThat(answer.json().get("code").intValue()).isZero();
        return answer.json().get("orderId").textValue();
    }

    @Test
    void missingOrWrongToken_isAnsweredLikeTheRealDbs() throws Exception {
        Answer missing = post("/grant/verifymaster/", null, "application/json",
                "{\"hosts\":[{\"dbidx\":0,\"host\":\"h\",\"port\":1}]}");
        Answer wrong = post("/grant/binlake", "nope", "application/json", "{}");

        for (Answer answer : List.of(missing, wrong)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).isEqualTo(JSON.readTree("{\"Status\":400,\"Message\":\"need Token in Header\"}"));
        }
        assertThat(dbs.journal()).extracting(DbsSimulator.Call::tokenAccepted).containsExactly(false, false);
    }

    @Test
    void unknownFieldWrongTypeMissingFieldAndNonJson_areErrorAnswers() throws Exception {
        Answer unknown = api("/grant/verifymaster/", "{\"hosts\":[{\"dbidx\":0,\"host\":\"h\",\"port\":1,\"role\":\"x\"}]}");
        Answer wrongType = api("/grant/binlogformat", "{\"host\":\"h\",\"port\":\"3306\"}");
        Answer missing = api("/order/create", "{\"towerId\":\"i\",\"host\":\"h\",\"port\":1,\"group\":\"g\",\"topics\":[]}");
        Answer notJson = api("/grant/binlake", "requestId=1");
        Answer duplicateKey = api("/grant/binlogformat", "{\"host\":\"h\",\"port\":1,\"port\":2}");
        Answer notJsonContent = post("/grant/binlogformat", TOKEN, "text/plain", "{\"host\":\"h\",\"port\":1}");

        assertThat(unknown.json().get("code").intValue()).isEqualTo(400);
        assertThat(unknown.json().get("message").textValue()).isEqualTo("unknown field hosts[0].role");
        assertThat(wrongType.json().get("Status").intValue()).isEqualTo(400);
        assertThat(wrongType.json().get("error").booleanValue()).isTrue();
        assertThat(wrongType.json().get("message").textValue()).contains("port must be an integer");
        assertThat(missing.json().get("message").textValue()).isEqualTo("missing field requestedBy");
        assertThat(notJson.json().get("Status").intValue()).isEqualTo(400);
        assertThat(notJson.json().get("message").textValue()).isEqualTo("request body is not JSON");
        assertThat(duplicateKey.json().get("Status").intValue()).isEqualTo(400);
        assertThat(notJsonContent.json().get("message").textValue()).contains("Content-Type");
        assertThat(List.of(unknown, wrongType, missing, notJson, duplicateKey, notJsonContent))
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(dbs.rowFormatted()).isEmpty();
        assertThat(dbs.orders()).isEmpty();
    }

    @Test
    void grant_isRecorded_aRepeatedRequestIdAndAForeignDbsidAreRefused() throws Exception {
        String grant = "{\"requestId\":42,\"authHosts\":[\"10.%\"],\"hosts\":[{\"dbsid\":42,\"host\":\"10.0.0.1\",\"port\":3306}]}";
        Answer first = api("/grant/binlake", grant);
        Answer repeated = api("/grant/binlake", grant);
        Answer foreign = api("/grant/binlake",
                "{\"requestId\":43,\"authHosts\":[\"10.%\"],\"hosts\":[{\"dbsid\":44,\"host\":\"10.0.0.1\",\"port\":3306}]}");

        assertThat(first.json()).isEqualTo(JSON.readTree("{\"error\":false,\"Status\":0,\"message\":\"\"}"));
        assertThat(repeated.json().get("Status").intValue()).isEqualTo(409);
        assertThat(foreign.json().get("message").textValue()).contains("dbsid must repeat requestId");
        assertThat(dbs.grants()).singleElement().satisfies(g -> {
            assertThat(g.requestId()).isEqualTo(42);
            assertThat(g.authHosts()).containsExactly("10.%");
        });
    }

    @Test
    void verifyMaster_answersFromTheConfiguredMasters() throws Exception {
        dbs.markMaster("DB1.example.com", 3306);
        Answer answer = api("/grant/verifymaster/", "{\"hosts\":[{\"dbidx\":0,\"host\":\"db1.example.com\",\"port\":3306},"
                + "{\"dbidx\":1,\"host\":\"db2.example.com\",\"port\":3306}]}");

        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"code\":0,\"message\":\"\",\"hosts\":["
                + "{\"host\":\"db1.example.com\",\"port\":3306,\"isMaster\":true},"
                + "{\"host\":\"db2.example.com\",\"port\":3306,\"isMaster\":false}]}"));
    }

    @Test
    void unknownPathAndWrongMethod_areHttpErrors() throws Exception {
        assertThat(api("/grant/verifymaster", "{}").status()).isEqualTo(404);
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(dbs.baseUrl() + "/grant/binlake")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void orderPage_showsTheOrder() throws Exception {
        String orderId = openOrder();

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(dbs.order(orderId).orElseThrow().url()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(dbs.baseUrl() + "/sim/orders"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(page.body()).get("state").textValue()).isEqualTo("OPEN");
        assertThat(JSON.readTree(page.body()).get("towerId").textValue()).isEqualTo("inst-9");
        assertThat(JSON.readTree(list.body())).hasSize(1);
    }

    @Test
    void approve_postsTheDecisionToTheCallback_withTheTokenHeader() throws Exception {
        dbs.callbackUrl(tower.url("/api/v1/dbs/callback"), "callback-secret");
        String orderId = openOrder();

        DbsSimulator.Decision decision = dbs.approve(orderId, "dba-carol", "looks fine");

        CallbackServer.Received received = tower.received.poll(5, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.path()).isEqualTo("/api/v1/dbs/callback");
        assertThat(received.token()).isEqualTo("callback-secret");
        assertThat(received.contentType()).startsWith("application/json");
        assertThat(JSON.readTree(received.body())).isEqualTo(JSON.readTree(
                "{\"orderId\":\"" + orderId + "\",\"approved\":true,\"approver\":\"dba-carol\",\"comment\":\"looks fine\"}"));
        assertThat(decision.callbackStatus()).isEqualTo(200);
        DbsSimulator.Order order = dbs.order(orderId).orElseThrow();
        assertThat(order.state()).isEqualTo(DbsSimulator.OrderState.APPROVED);
        assertThat(order.approver()).isEqualTo("dba-carol");
        assertThatThrownBy(() -> dbs.reject(orderId, "x", "y")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> dbs.approve("DBS-999", "x", "y")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void rejectOverHttp_postsApprovedFalse_andAnswers404And409() throws Exception {
        dbs.callbackUrl(tower.url("/cb"), "callback-secret");
        String orderId = openOrder();

        Answer rejected = post("/sim/orders/" + orderId + "/reject", null, "application/json",
                "{\"approver\":\"dba-dan\",\"comment\":\"not a replica we know\"}");
        Answer again = post("/sim/orders/" + orderId + "/approve", null, null, "");
        Answer unknown = post("/sim/orders/DBS-404/approve", null, null, "");
        Answer badBody = post("/sim/orders/" + orderId + "/approve", null, "application/json", "{\"who\":\"x\"}");

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("approved").booleanValue()).isFalse();
        JsonNode callback = JSON.readTree(tower.received.poll(5, TimeUnit.SECONDS).body());
        assertThat(callback.get("approved").booleanValue()).isFalse();
        assertThat(callback.get("approver").textValue()).isEqualTo("dba-dan");
        assertThat(callback.get("comment").textValue()).isEqualTo("not a replica we know");
        assertThat(again.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(dbs.order(orderId).orElseThrow().state()).isEqualTo(DbsSimulator.OrderState.REJECTED);
    }

    @Test
    void approveWithoutBody_usesDefaults() throws Exception {
        dbs.callbackUrl(tower.url("/cb"), "callback-secret");
        String orderId = openOrder();

        assertThat(post("/sim/orders/" + orderId + "/approve", null, null, "").status()).isEqualTo(200);

        JsonNode callback = JSON.readTree(tower.received.poll(5, TimeUnit.SECONDS).body());
        assertThat(callback.get("approver").textValue()).isEqualTo("dbs-simulator");
        assertThat(callback.get("comment").textValue()).isEmpty();
    }

    @Test
    void aFailedCallback_leavesTheOrderOpen_soTheDecisionCanBeRepeated() throws Exception {
        dbs.callbackUrl(tower.url("/cb"), "callback-secret");
        String orderId = openOrder();
        tower.nextStatus.set(503);

        assertThatThrownBy(() -> dbs.approve(orderId, "dba", ""))
                .isInstanceOf(DbsSimulator.CallbackFailedException.class)
                .hasMessageContaining("503");
        assertThat(dbs.order(orderId).orElseThrow().state()).isEqualTo(DbsSimulator.OrderState.OPEN);

        tower.nextStatus.set(200);
        dbs.approve(orderId, "dba", "");
        assertThat(dbs.order(orderId).orElseThrow().state()).isEqualTo(DbsSimulator.OrderState.APPROVED);
    }

    @Test
    void withoutCallbackUrl_theOrdersCallbackHintIsUsed_orTheDecisionIsRefused() throws Exception {
        String plain = openOrder();
        assertThatThrownBy(() -> dbs.approve(plain, "dba", "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no callback URL");

        Answer hinted = api("/order/create", "{\"towerId\":\"inst-10\",\"host\":\"10.0.0.2\",\"port\":3306,\"group\":\"g\","
                + "\"requestedBy\":\"u\",\"topics\":[],\"callbackHint\":\"" + tower.url("/hinted") + "\"}");
        dbs.approve(hinted.json().get("orderId").textValue(), "dba", "");
        assertThat(tower.received.poll(5, TimeUnit.SECONDS).path()).isEqualTo("/hinted");
    }

    @Test
    void failureInjection_failNextAndUnavailable() throws Exception {
        dbs.failNext(Route.VERIFY_MASTER, 5, "DBS busy");
        String body = "{\"hosts\":[{\"dbidx\":0,\"host\":\"h\",\"port\":1}]}";

        assertThat(api("/grant/verifymaster/", body).json())
                .isEqualTo(JSON.readTree("{\"code\":5,\"message\":\"DBS busy\"}"));
        assertThat(api("/grant/verifymaster/", body).json().get("code").intValue()).isZero();

        dbs.unavailable(true);
        assertThat(api("/grant/verifymaster/", body).status()).isEqualTo(503);
        dbs.unavailable(false);
        assertThat(dbs.journal(Route.VERIFY_MASTER)).extracting(DbsSimulator.Call::httpStatus).containsExactly(200, 200, 503);
    }

    @Test
    void concurrentCalls_areAllRecorded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = new java.util.ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                String grant = "{\"requestId\":" + i + ",\"authHosts\":[\"10.%\"],\"hosts\":[{\"dbsid\":" + i
                        + ",\"host\":\"10.0.0." + i + "\",\"port\":3306}]}";
                answers.add(pool.submit(() -> api("/grant/binlake", grant)));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).json().get("Status").intValue()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dbs.grants()).hasSize(40);
        assertThat(dbs.journal()).hasSize(40);
    }

    /** Tower's side of the callback, as a plain JDK server. */
    private static final class CallbackServer implements AutoCloseable {
        record Received(String path, String token, String contentType, String body) {
        }

        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        final AtomicInteger nextStatus = new AtomicInteger(200);
        private final HttpServer server;

        CallbackServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = nextStatus.get();
                if (status == 200) {
                    received.add(new Received(exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("X-DBS-Token"),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body));
                }
                byte[] answer = "{\"code\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
