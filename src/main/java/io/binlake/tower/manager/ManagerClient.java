package io.binlake.tower.manager;

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
import java.util.Objects;

/**
 * Calls the BinLake manager (contract §3): one method per route, each taking the cluster's {@link ZK} and the instance.
 *
 * <p>Every method either returns normally (code 1000), or throws {@link ManagerRefusedException} (the manager answered
 * another code) or {@link ManagerUnavailableException} (no usable answer). Redirects are never followed: a 302 means a
 * path without trailing slash, and following it would turn the POST into a body-less GET. Arguments that would make
 * the manager write something the wave chokes on are rejected with {@link IllegalArgumentException} before sending.
 *
 * <p>Thread-safe; one instance per application. Logs route, instance and code, never bodies (they hold the dump
 * password).
 */
public class ManagerClient {

    private static final Logger log = LoggerFactory.getLogger(ManagerClient.class);

    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final HttpClient http;

    public ManagerClient(ManagerProperties properties) {
        URI url = Objects.requireNonNull(properties.url(), "tower.manager.url is required");
        if (!url.isAbsolute() || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException("tower.manager.url must be an absolute http(s) URL, got '" + url + "'");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.baseUrl = path.endsWith("/") ? url : URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + "/");
        this.connectTimeout = properties.connectTimeout();
        this.readTimeout = properties.readTimeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // The manager is an old Jetty; no h2c upgrade attempts.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The base URL routes are resolved against (always ends with {@code /}). */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * {@code /create/znodes/}: creates the instance with its rules, {@code dynamic} = {@code meta.slave}, candidates and
     * alarm; on an existing instance replaces dbInfo and rules (and then always ends ONLINE if anything changed).
     * Null strings of {@code slave} are sent as {@code ""}. To stage, send {@code state=OFFLINE} then {@link #setOnline}.
     *
     * @throws IllegalArgumentException without zk, dbInfo, dbInfo.state, slave, or with no candidate
     */
    public void createZnodes(MetaData meta) {
        Objects.requireNonNull(meta, "meta");
        DbInfo db = meta.dbInfo();
        if (db == null) {
            throw new IllegalArgumentException("create/znodes needs dbInfo");
        }
        requireKey(meta.zk(), db.host(), db.port());
        if (db.state() == null) {
            throw new IllegalArgumentException("create/znodes needs dbInfo.state: a node created without state can only be removed");
        }
        if (meta.slave() == null) {
            throw new IllegalArgumentException("create/znodes needs slave (the start position)");
        }
        requireWaveIps(meta.candidate());
        MetaData body = meta.withSlave(meta.slave().withCreateDefaults());
        expectSuccess(ManagerRoute.CREATE_ZNODES, db.instanceKey(), body);
    }

    /** {@code /exist/node/}: whether the instance node exists under the meta root. */
    public boolean existNode(ZK zk, String host, int port) {
        ManagerCodec.Answer answer = call(ManagerRoute.EXIST_NODE, zk, host, port, MetaData.key(zk, host, port));
        if (answer.success()) {
            return true;
        }
        if (answer.code() == 1 && answer.message().isEmpty()) {
            return false;
        }
        throw new ManagerRefusedException(ManagerRoute.EXIST_NODE, host + ":" + port, answer.code(), answer.message());
    }

    /** {@code /remove/node/}: deletes the instance and everything below it; succeeds when absent; refused (113) while ONLINE. */
    public void removeNode(ZK zk, String host, int port) {
        expectSuccess(ManagerRoute.REMOVE_NODE, zk, host, port, MetaData.key(zk, host, port));
    }

    /** {@code /set/online/}: writes state ONLINE (always, so the wave restarts the dump). */
    public void setOnline(ZK zk, String host, int port) {
        expectSuccess(ManagerRoute.SET_ONLINE, zk, host, port, MetaData.key(zk, host, port));
    }

    /** {@code /set/offline/}: writes state OFFLINE unless already so; does not wait for the wave to stop. */
    public void setOffline(ZK zk, String host, int port) {
        expectSuccess(ManagerRoute.SET_OFFLINE, zk, host, port, MetaData.key(zk, host, port));
    }

    /**
     * {@code /set/binlog/}: moves the dump position (offline, write, ONLINE: the instance ends ONLINE even if it was
     * OFFLINE). Cannot switch GTID mode.
     *
     * @param executedGtidSets GTID set, or null/{@code ""} for a file/position dump
     */
    public void setBinlog(ZK zk, String host, int port, String binlogFile, long binlogPos, String executedGtidSets) {
        requireText(binlogFile, "binlogFile");
        if (binlogPos < 0) {
            throw new IllegalArgumentException("binlogPos must not be negative, got " + binlogPos);
        }
        BinlogInfo slave = new BinlogInfo(binlogFile, binlogPos, executedGtidSets == null ? "" : executedGtidSets,
                null, 0, 0, 0, null, false, null, null);
        expectSuccess(ManagerRoute.SET_BINLOG, zk, host, port, MetaData.key(zk, host, port).withSlave(slave));
    }

    /**
     * {@code /set/leader/}: binds the next election to one wave (offline, write, ONLINE).
     *
     * @param waveIp the wave's bare IP, not {@code ip:port} (the wave compares it with its own IP)
     */
    public void setLeader(ZK zk, String host, int port, String waveIp) {
        requireText(waveIp, "waveIp");
        if (waveIp.matches("[^:]+:\\d+")) {
            throw new IllegalArgumentException("the leader must be the bare wave IP, not ip:port: '" + waveIp + "'");
        }
        BinlogInfo slave = new BinlogInfo(null, 0, null, waveIp, 0, 0, 0, null, false, null, null);
        expectSuccess(ManagerRoute.SET_LEADER, zk, host, port, MetaData.key(zk, host, port).withSlave(slave));
    }

    /** {@code /set/candidate/}: replaces the waves allowed to dump the instance (offline, write, ONLINE). */
    public void setCandidates(ZK zk, String host, int port, List<String> waveIps) {
        requireWaveIps(waveIps);
        expectSuccess(ManagerRoute.SET_CANDIDATE, zk, host, port,
                MetaData.key(zk, host, port).withCandidate(List.copyOf(waveIps)));
    }

    /** {@code /set/terminal/}: where the dump stops and which instances then go ONLINE (offline, write, ONLINE). */
    public void setTerminal(ZK zk, String host, int port, Terminal terminal) {
        Objects.requireNonNull(terminal, "terminal");
        requireText(terminal.binlogFile(), "terminal.binlogFile");
        Terminal body = new Terminal(terminal.binlogFile(), terminal.binlogPos(),
                terminal.gtid() == null ? "" : terminal.gtid(), terminal.newHost());
        expectSuccess(ManagerRoute.SET_TERMINAL, zk, host, port, MetaData.key(zk, host, port).withTerminal(body));
    }

    /** {@code /reset/counter/}: zeroes retry/kill counters and re-triggers the wave; state and error unchanged. */
    public void resetCounter(ZK zk, String host, int port) {
        expectSuccess(ManagerRoute.RESET_COUNTER, zk, host, port, MetaData.key(zk, host, port));
    }

    /**
     * {@code /slave/status/}: the instance as stored: dbInfo with rules (their MQRules without filters), the dump
     * position ({@code slave}), counter, candidates and the wave's last error.
     */
    public MetaData slaveStatus(ZK zk, String host, int port) {
        ManagerRoute route = ManagerRoute.SLAVE_STATUS;
        requireKey(zk, host, port);
        String instance = host + ":" + port;
        Reply reply = exchange(route, instance, MetaData.key(zk, host, port));
        if (ManagerCodec.isAnswer(reply.body())) {
            ManagerCodec.Answer answer = parse(route, instance, reply);
            if (answer.success()) {
                throw unavailable(route, instance, "answered code 1000 without a MetaData", null);
            }
            throw new ManagerRefusedException(route, instance, answer.code(), answer.message());
        }
        try {
            MetaData meta = ManagerCodec.decode(reply.body());
            log.info("manager {} {} -> MetaData in {} ms", route.path(), instance, reply.millis());
            return meta;
        } catch (IllegalArgumentException e) {
            throw unavailable(route, instance, "undecodable answer, neither {code,message} JSON nor hex(gzip(MetaData)): "
                    + e.getMessage(), e);
        }
    }

    private void expectSuccess(ManagerRoute route, ZK zk, String host, int port, MetaData body) {
        ManagerCodec.Answer answer = call(route, zk, host, port, body);
        if (!answer.success()) {
            throw new ManagerRefusedException(route, host + ":" + port, answer.code(), answer.message());
        }
    }

    private void expectSuccess(ManagerRoute route, String instance, MetaData body) {
        ManagerCodec.Answer answer = parse(route, instance, exchange(route, instance, body));
        if (!answer.success()) {
            throw new ManagerRefusedException(route, instance, answer.code(), answer.message());
        }
    }

    private ManagerCodec.Answer call(ManagerRoute route, ZK zk, String host, int port, MetaData body) {
        requireKey(zk, host, port);
        String instance = host + ":" + port;
        return parse(route, instance, exchange(route, instance, body));
    }

    private ManagerCodec.Answer parse(ManagerRoute route, String instance, Reply reply) {
        if (!ManagerCodec.isAnswer(reply.body())) {
            throw unavailable(route, instance, "answer is not a {code,message} JSON (" + reply.body().length() + " chars)", null);
        }
        ManagerCodec.Answer answer;
        try {
            answer = ManagerCodec.parseAnswer(reply.body());
        } catch (IllegalArgumentException e) {
            throw unavailable(route, instance, e.getMessage(), e);
        }
        log.info("manager {} {} -> code {} in {} ms", route.path(), instance, answer.code(), reply.millis());
        return answer;
    }

    private record Reply(String body, long millis) {
    }

    private Reply exchange(ManagerRoute route, String instance, MetaData body) {
        URI uri = baseUrl.resolve(route.path().substring(1));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "text/plain; charset=US-ASCII")
                .POST(HttpRequest.BodyPublishers.ofString(ManagerCodec.encode(body), StandardCharsets.US_ASCII))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unavailable(route, instance, "connect to " + uri.getAuthority() + " timed out after " + connectTimeout, e);
        } catch (HttpTimeoutException e) {
            throw unavailable(route, instance, "no answer within the read timeout of " + readTimeout
                    + " (request timed out; it may still have been applied)", e);
        } catch (ConnectException e) {
            throw unavailable(route, instance, "cannot connect to " + uri.getAuthority() + " (connection refused or unreachable)", e);
        } catch (IOException e) {
            throw unavailable(route, instance, "I/O error talking to " + uri.getAuthority() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(route, instance, "interrupted while waiting for the answer", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            throw unavailable(route, instance, "HTTP " + status + " redirect to "
                    + response.headers().firstValue("Location").orElse("?")
                    + ": missing trailing slash / redirect (redirects are never followed)", null);
        }
        if (status == 404) {
            throw unavailable(route, instance, "HTTP 404 for " + uri + ": no such route (wrong tower.manager.url?)", null);
        }
        if (status != 200) {
            String text = response.body() == null ? "" : response.body();
            String detail = !text.isBlank() ? " (" + text.length() + " chars)"
                    : status == 500 ? " with empty body (the manager's answer to a body it cannot decode or one lacking zk/dbInfo)"
                    : " with empty body";
            throw unavailable(route, instance, "HTTP " + status + detail, null);
        }
        return new Reply(response.body() == null ? "" : response.body(), millis);
    }

    private ManagerUnavailableException unavailable(ManagerRoute route, String instance, String why, Throwable cause) {
        String message = "BinLake manager unavailable for " + route.path() + " " + instance + " at " + baseUrl + ": " + why;
        log.warn("manager {} {} failed: {}", route.path(), instance, why);
        return new ManagerUnavailableException(route, message, cause);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void requireKey(ZK zk, String host, int port) {
        if (zk == null) {
            throw new IllegalArgumentException("zk is required by every manager route");
        }
        requireText(zk.servers(), "zk.servers");
        if (zk.path() == null || !zk.path().startsWith("/")) {
            throw new IllegalArgumentException("zk.path must start with '/', got '" + zk.path() + "'");
        }
        requireText(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static void requireWaveIps(List<String> waveIps) {
        if (waveIps == null || waveIps.isEmpty()) {
            throw new IllegalArgumentException("candidate must list at least one wave IP: with none, no wave ever dumps the instance");
        }
        if (waveIps.stream().anyMatch(ip -> ip == null || ip.isBlank())) {
            throw new IllegalArgumentException("candidate contains a blank wave IP: " + waveIps);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
