package io.binlake.tower.dbs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JD's DBS API (tower-spec §3.4). Every call is a {@code POST} of JSON below the cluster's API URL with the headers
 * {@code Content-Type: application/json; charset=utf-8} and {@code token: <token>}; only HTTP 200 with a JSON object
 * counts as an answer. DBS answers a missing or wrong token with HTTP 200 {@code {"Status":400,"Message":"need Token
 * in Header"}}, so status and message keys are matched case-insensitively and {@code code}/{@code Status} are read
 * alike on every route.
 *
 * <ol>
 * <li>{@code /grant/verifymaster/} {@code {"hosts":[{"dbidx":0,"host":..,"port":..}]}} →
 *     {@code {"code":0,"message":"","hosts":[{"host":..,"port":..,"isMaster":false}]}}; a code other than 0 or any
 *     {@code isMaster:true} is a refusal.</li>
 * <li>{@code /grant/binlake} {@code {"requestId":n,"authHosts":[..],"hosts":[{"dbsid":n,"host":..,"port":..}]}} →
 *     {@code {"error":false,"Status":0,"message":""}}, success iff Status is 0. DBS grants the BinLake dump account it
 *     is configured with: the dump user and password passed here are not sent (the cluster's stored dump password
 *     must be the one DBS sets). {@code requestId} comes from {@link RequestIds}, unique per call.</li>
 * <li>{@code /grant/binlogformat} {@code {"host":..,"port":..}} → as 2.</li>
 * <li><b>Tower's assumption</b> (the original source has no order call; agree it with the DBS owners):
 *     {@code POST {api}{tower.dbs.order-path}} (default {@code /order/create}) with
 *     {@code {"towerId":"<instance id>","host":..,"port":..,"group":..,"requestedBy":..,"topics":[..]}} plus
 *     {@code "callbackHint":".."} when the caller gives one → {@code {"code":0,"message":"","orderId":"<string>",
 *     "url":"<string or null>"}}. A numeric orderId is taken as its decimal text. DBS later reports the decision to
 *     Tower's callback (or over Kafka) naming the orderId; {@code towerId} lets DBS recognise a repeated order after
 *     a timeout.</li>
 * </ol>
 * Redirects are never followed (a redirected POST would be re-sent as a body-less GET). Logs route, instance,
 * status and time, never bodies or the token.
 */
public class HttpDbsProvider implements DbsProvider {

    static final String VERIFY_MASTER_PATH = "/grant/verifymaster/";
    static final String GRANT_PATH = "/grant/binlake";
    static final String BINLOG_FORMAT_PATH = "/grant/binlogformat";

    private static final Logger log = LoggerFactory.getLogger(HttpDbsProvider.class);
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final HttpClient http;
    private final Duration readTimeout;
    private final String orderPath;
    private final ObjectMapper json = new ObjectMapper();
    private final RequestIds requestIds = new RequestIds();

    public HttpDbsProvider(DbsProperties properties) {
        Objects.requireNonNull(properties, "properties");
        this.readTimeout = properties.readTimeout();
        this.orderPath = properties.orderPath();
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public DbsKind kind() {
        return DbsKind.HTTP;
    }

    @Override
    public void verifyReplica(DbsTarget target) {
        DbsOperation op = DbsOperation.VERIFY_REPLICA;
        DbsEndpoint.Http endpoint = endpoint(target);
        ObjectNode body = json.createObjectNode();
        body.putArray("hosts").addObject().put("dbidx", 0).put("host", target.host()).put("port", target.port());
        JsonNode answer = post(op, target, endpoint, VERIFY_MASTER_PATH, body);
        expectStatusZero(op, target, endpoint, answer);

        JsonNode hosts = field(answer, "hosts");
        if (hosts == null || !hosts.isArray() || hosts.isEmpty()) {
            throw unavailable(op, target, "the answer lists no hosts, so it does not say whether "
                    + target.address() + " is a master", null);
        }
        for (JsonNode host : hosts) {
            JsonNode isMaster = host.isObject() ? field(host, "isMaster") : null;
            if (isMaster == null || !isMaster.isBoolean()) {
                throw unavailable(op, target, "a host in the answer has no boolean isMaster", null);
            }
            if (isMaster.booleanValue()) {
                JsonNode name = field(host, "host");
                JsonNode port = field(host, "port");
                throw new DbsRefusedException(op, target.address(), null, String.format("host %s:%d is on the master role",
                        name != null && name.isTextual() ? name.textValue() : target.host(),
                        port != null && port.canConvertToInt() ? port.intValue() : target.port()));
            }
        }
    }

    @Override
    public DbsOrder openOrder(DbsTarget target, OrderRequest request) {
        DbsOperation op = DbsOperation.OPEN_ORDER;
        DbsEndpoint.Http endpoint = endpoint(target);
        Objects.requireNonNull(request, "request");
        ObjectNode body = json.createObjectNode()
                .put("towerId", request.instanceId())
                .put("host", target.host())
                .put("port", target.port())
                .put("group", request.group())
                .put("requestedBy", request.requestedBy());
        ArrayNode topics = body.putArray("topics");
        request.topics().forEach(topics::add);
        if (request.callbackHint() != null) {
            body.put("callbackHint", request.callbackHint());
        }
        JsonNode answer = post(op, target, endpoint, orderPath, body);
        expectStatusZero(op, target, endpoint, answer);

        JsonNode id = field(answer, "orderId");
        String orderId = id == null ? null : id.isTextual() ? id.textValue() : id.isIntegralNumber() ? id.asText() : null;
        if (orderId == null || orderId.isBlank()) {
            throw unavailable(op, target, "the answer has no orderId", null);
        }
        if (orderId.length() > DbsOrder.MAX_ID_LENGTH) {
            throw unavailable(op, target, "the orderId is longer than " + DbsOrder.MAX_ID_LENGTH + " characters", null);
        }
        JsonNode urlNode = field(answer, "url");
        String url = urlNode != null && urlNode.isTextual() && !urlNode.textValue().isBlank() ? urlNode.textValue() : null;
        if (url != null && url.length() > DbsOrder.MAX_URL_LENGTH) {
            // The order exists at DBS now; failing here would make a retry open a second one. Only the link is lost.
            log.warn("DBS order {} for {}: url longer than {} characters, kept without url",
                    orderId, target.address(), DbsOrder.MAX_URL_LENGTH);
            url = null;
        }
        return new DbsOrder(orderId, url);
    }

    @Override
    public void grantDumpAccount(DbsTarget target, String dumpUser, String dumpPassword, List<String> clientHostPatterns) {
        DbsOperation op = DbsOperation.GRANT_DUMP_ACCOUNT;
        DbsEndpoint.Http endpoint = endpoint(target);
        List<String> patterns = DumpAccounts.hostPatterns(clientHostPatterns);
        long requestId = requestIds.next();
        ObjectNode body = json.createObjectNode().put("requestId", requestId);
        ArrayNode authHosts = body.putArray("authHosts");
        patterns.forEach(authHosts::add);
        body.putArray("hosts").addObject().put("dbsid", requestId).put("host", target.host()).put("port", target.port());
        expectStatusZero(op, target, endpoint, post(op, target, endpoint, GRANT_PATH, body));
    }

    @Override
    public void forceRowFormat(DbsTarget target) {
        DbsOperation op = DbsOperation.FORCE_ROW_FORMAT;
        DbsEndpoint.Http endpoint = endpoint(target);
        ObjectNode body = json.createObjectNode().put("host", target.host()).put("port", target.port());
        expectStatusZero(op, target, endpoint, post(op, target, endpoint, BINLOG_FORMAT_PATH, body));
    }

    private DbsEndpoint.Http endpoint(DbsTarget target) {
        Objects.requireNonNull(target, "target");
        if (!(target.endpoint() instanceof DbsEndpoint.Http endpoint)) {
            throw new IllegalArgumentException("the http DBS provider cannot serve " + target);
        }
        return endpoint;
    }

    private void expectStatusZero(DbsOperation op, DbsTarget target, DbsEndpoint.Http endpoint, JsonNode answer) {
        JsonNode status = field(answer, "code");
        if (status == null) {
            status = field(answer, "status");
        }
        if (status == null || !status.isIntegralNumber() || !status.canConvertToInt()) {
            throw unavailable(op, target, "the answer has no integer code or Status", null);
        }
        if (status.intValue() != 0) {
            JsonNode message = field(answer, "message");
            String text = message == null || message.isNull() ? "" : message.isValueNode() ? message.asText() : message.toString();
            throw new DbsRefusedException(op, target.address(), status.intValue(), redact(text, endpoint.token()));
        }
    }

    private JsonNode post(DbsOperation op, DbsTarget target, DbsEndpoint.Http endpoint, String path, JsonNode body) {
        URI uri = URI.create(endpoint.apiUrl() + path);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a DBS request body", e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("token", endpoint.token())
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unavailable(op, target, "connect to " + uri.getAuthority() + " timed out", e);
        } catch (HttpTimeoutException e) {
            throw unavailable(op, target, "no answer from " + uri.getAuthority() + " within " + readTimeout
                    + " (the call may still have been applied)", e);
        } catch (ConnectException e) {
            throw unavailable(op, target, "cannot connect to " + uri.getAuthority() + " (refused or unreachable)", e);
        } catch (IOException e) {
            throw unavailable(op, target, "I/O error talking to " + uri.getAuthority() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(op, target, "interrupted while waiting for DBS", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String answer = response.body() == null ? "" : response.body();
        if (response.statusCode() != 200) {
            log.warn("DBS {} {} -> HTTP {} in {} ms", path, target.address(), response.statusCode(), millis);
            throw unavailable(op, target, "HTTP " + response.statusCode() + " from " + uri
                    + (answer.isBlank() ? "" : ": " + snippet(redact(answer, endpoint.token()))), null);
        }
        JsonNode node;
        try {
            node = json.readTree(answer);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            log.warn("DBS {} {} -> unreadable answer in {} ms", path, target.address(), millis);
            throw unavailable(op, target, "the answer from " + uri + " is not a JSON object: "
                    + snippet(redact(answer, endpoint.token())), null);
        }
        log.info("DBS {} {} -> HTTP 200 in {} ms", path, target.address(), millis);
        return node;
    }

    /** The field whose name matches case-insensitively (DBS mixes {@code Status} and {@code message}). */
    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static DbsUnavailableException unavailable(DbsOperation op, DbsTarget target, String why, Throwable cause) {
        log.warn("DBS {} {} failed: {}", op.label(), target.address(), why);
        return new DbsUnavailableException(op, target.address(), why, cause);
    }

    private static String redact(String text, String token) {
        return token == null || token.isEmpty() ? text : text.replace(token, "***");
    }

    private static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
