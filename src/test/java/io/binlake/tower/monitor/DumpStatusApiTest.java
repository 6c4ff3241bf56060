package io.binlake.tower.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.NetworkAddresses;
import io.binlake.tower.dump.DumpPlanner;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.manager.Alarm;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.Counter;
import io.binlake.tower.manager.DbInfo;
import io.binlake.tower.manager.ErrorInfo;
import io.binlake.tower.manager.ManagerClient;
import io.binlake.tower.manager.ManagerRoute;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.manager.NodeState;
import io.binlake.tower.manager.ZK;
import io.binlake.tower.manager.simulator.ManagerSimulator;
import io.binlake.tower.testsupport.ApiClient.Response;
import io.binlake.tower.testsupport.BinlogMariaDb;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dump status view over real HTTP: the manager simulator holds the dump's znodes (written as a wave would), and the
 * master is the real binary-logging MariaDB, read with a dump account created here.
 *
 * <p>The instance row must point at that MariaDB, whose 127.0.0.1:port is onboarded (and left online) by
 * OnboardingEndToEndTest; instance ids are unique by host:port, so this test registers it under another name of
 * 127.0.0.1 when the machine has one, and removes it at the end either way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DumpStatusApiTest extends TowerIntegrationTest {
    private static final String DUMP_USER = "mon_dump";
    private static final String DUMP_PASSWORD = "mon-Dump-Secret-1";
    private static final String ACTOR = "dump-status-test";
    private static final String WAVE = "10.8.0.1";
    private static final String LEADER = WAVE + ":8083";

    @Autowired
    ManagerSimulator simulator;
    @Autowired
    ManagerClient manager;
    @Autowired
    InstanceService instances;
    @Autowired
    ClusterCatalog clusters;
    @Autowired
    MeterRegistry meters;

    BinlogMariaDb db;
    String root;
    String creator;
    String member;
    String outsider;
    String group;
    String cluster;
    Map<String, Object> clusterBody;
    ZK zk;
    String host;
    String instanceId;

    @BeforeAll
    void onlineInstanceOnTheBinlogMariaDb() throws Exception {
        db = BinlogMariaDb.get();
        rootExecute("CREATE USER IF NOT EXISTS '" + DUMP_USER + "'@'127.0.0.1' IDENTIFIED BY '" + DUMP_PASSWORD + "'",
                "ALTER USER '" + DUMP_USER + "'@'127.0.0.1' IDENTIFIED BY '" + DUMP_PASSWORD + "'",
                "GRANT REPLICATION CLIENT, REPLICATION SLAVE, SELECT ON *.* TO '" + DUMP_USER + "'@'127.0.0.1'",
                "CREATE DATABASE IF NOT EXISTS tower_monitor_probe",
                "CREATE TABLE IF NOT EXISTS tower_monitor_probe.writes (id INT AUTO_INCREMENT PRIMARY KEY, "
                        + "v VARCHAR(200))");

        String suffix = unique("").toLowerCase(Locale.ROOT);
        root = users.superAdmin("monroot" + suffix);
        creator = users.user("moncreator" + suffix);
        member = users.user("monmember" + suffix);
        outsider = users.user("monoutsider" + suffix);
        group = "mon" + suffix;
        assertThat(as(creator).post("/api/v1/groups", Map.of("name", group)).status()).isEqualTo(201);
        assertThat(as(creator).post("/api/v1/groups/" + group + "/members", Map.of("userId", member, "role", "user"))
                .status()).isBetween(200, 201);
        assertThat(as(outsider).post("/api/v1/groups", Map.of("name", "monother" + suffix)).status()).isEqualTo(201);

        cluster = "mon" + suffix;
        clusterBody = new HashMap<>();
        clusterBody.put("keyword", cluster);
        clusterBody.put("displayName", "Monitor " + cluster);
        clusterBody.put("zkServers", "127.0.0.1:2181");
        clusterBody.put("zkPath", "/zk/" + cluster);
        clusterBody.put("slaveId", 4242);
        clusterBody.put("slaveUuid", UUID.randomUUID().toString());
        clusterBody.put("kafkaBootstrapServers", "127.0.0.1:9092");
        clusterBody.put("dbsProvider", "HTTP");
        clusterBody.put("dbsApiUrl", "http://dbs.example.com");
        clusterBody.put("dbsToken", "mon-dbs-Token");
        clusterBody.put("dumpUser", DUMP_USER);
        clusterBody.put("dumpPassword", DUMP_PASSWORD);
        clusterBody.put("waves", List.of(WAVE, "10.8.0.2"));
        Response created = as(root).post("/api/v1/clusters", clusterBody);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        zk = DumpPlanner.zk(clusters.find(cluster).orElseThrow());

        host = loopbackAlias();
        Response registered = register(host, db.port());
        Assumptions.assumeTrue(registered.status() == 201, () -> "No other name of 127.0.0.1 on this machine and "
                + host + ":" + db.port() + " is registered by another test already: " + registered);
        instanceId = registered.json().path("instances").get(0).path("id").asText();
        moveTo(instanceId, InstanceStatus.online);

        BinlogPosition start = masterStatus();
        DbInfo node = new DbInfo(4242, host, db.port(), DUMP_USER, DUMP_PASSWORD, System.currentTimeMillis(),
                NodeState.ONLINE, List.of(), 0, (String) clusterBody.get("slaveUuid"));
        manager.createZnodes(MetaData.create(zk, node, BinlogInfo.start(start.file(), start.pos(), "", false),
                List.of(WAVE, "10.8.0.2"), Alarm.of(List.of())));
    }

    @AfterAll
    void removeTheInstance() throws Exception {
        if (instanceId != null) {
            manager.setOffline(zk, host, db.port());
            manager.removeNode(zk, host, db.port());
            instances.changeStatus(instanceId, InstanceStatus.online, InstanceStatus.removed, ACTOR, "test done");
            instances.delete(instanceId, ACTOR);
        }
        rootExecute("DROP USER IF EXISTS '" + DUMP_USER + "'@'127.0.0.1'",
                "DROP DATABASE IF EXISTS tower_monitor_probe");
    }

    // ------------------------------------------------------------------------------------------------ lag

    @Test
    void inOneFileTheLagIsTheByteDifference() throws Exception {
        BinlogPosition dumped = masterStatus();
        write("same file");
        BinlogPosition written = masterStatus();
        assertThat(written.file()).isEqualTo(dumped.file());
        waveAt(dumped.file(), dumped.pos(), Instant.now().getEpochSecond(), 0, ErrorInfo.NONE);

        JsonNode status = dumpStatus(member);

        JsonNode master = status.path("master");
        assertThat(master.path("binlogFile").asText()).isEqualTo(dumped.file());
        assertThat(master.path("binlogPos").asLong()).isGreaterThanOrEqualTo(written.pos());
        assertThat(master.path("executedGtidSets").asText()).isEmpty();
        assertThat(master.path("withGtid").asBoolean()).isFalse();
        assertThat(status.path("masterError").isNull()).isTrue();
        JsonNode lag = status.path("lag");
        assertThat(lag.path("filesBehind").asInt()).isZero();
        assertThat(lag.path("bytesBehind").asLong()).isEqualTo(master.path("binlogPos").asLong() - dumped.pos())
                .isGreaterThanOrEqualTo(written.pos() - dumped.pos()).isPositive();
        assertThat(lag.path("note").isNull()).isTrue();
    }

    @Test
    void acrossFilesTheLagCountsTheFilesAndAddsUpWhatIsLeftOfThem() throws Exception {
        BinlogPosition dumped = masterStatus();
        write("before the rotation");
        rootExecute("FLUSH BINARY LOGS");
        write("after the rotation");
        waveAt(dumped.file(), dumped.pos(), Instant.now().getEpochSecond(), 0, ErrorInfo.NONE);

        JsonNode status = dumpStatus(creator);

        String masterFile = status.path("master").path("binlogFile").asText();
        long masterPos = status.path("master").path("binlogPos").asLong();
        assertThat(masterFile).isGreaterThan(dumped.file());
        List<String[]> oldestFirst = rootBinaryLogs();
        List<String> names = oldestFirst.stream().map(l -> l[0]).toList();
        int from = names.indexOf(dumped.file());
        int to = names.indexOf(masterFile);
        long expectedBytes = Long.parseLong(oldestFirst.get(from)[1]) - dumped.pos() + masterPos;
        for (int i = from + 1; i < to; i++) {
            expectedBytes += Long.parseLong(oldestFirst.get(i)[1]);
        }
        JsonNode lag = status.path("lag");
        assertThat(lag.path("filesBehind").asInt()).isEqualTo(to - from).isGreaterThanOrEqualTo(1);
        assertThat(lag.path("bytesBehind").asLong()).isEqualTo(expectedBytes);
        assertThat(lag.path("note").isNull()).as(lag.toString()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ health

    @Test
    void aDumpThatProgressesIsHealthyAndShowsWhatTheManagerStores() throws Exception {
        BinlogPosition at = masterStatus();
        long when = Instant.now().getEpochSecond() - 5;
        waveAt(at.file(), at.pos(), when, 2, ErrorInfo.NONE);

        JsonNode status = dumpStatus(root);

        assertThat(status.path("instanceId").asText()).isEqualTo(instanceId);
        assertThat(status.path("host").asText()).isEqualTo(host);
        assertThat(status.path("port").asInt()).isEqualTo(db.port());
        assertThat(status.path("group").asText()).isEqualTo(group);
        assertThat(status.path("cluster").asText()).isEqualTo(cluster);
        assertThat(status.path("status").asText()).isEqualTo("online");
        assertThat(status.path("checkedAt").asText()).isNotEmpty();
        JsonNode dump = status.path("dump");
        assertThat(dump.path("state").asText()).isEqualTo("ONLINE");
        assertThat(dump.path("binlogFile").asText()).isEqualTo(at.file());
        assertThat(dump.path("binlogPos").asLong()).isEqualTo(at.pos());
        assertThat(dump.path("executedGtidSets").asText()).isEmpty();
        assertThat(dump.path("leader").asText()).isEqualTo(LEADER);
        assertThat(dump.path("binlogWhen").asText()).isEqualTo(Instant.ofEpochSecond(when).toString());
        assertThat(dump.path("retryTimes").asInt()).isEqualTo(2);
        assertThat(dump.path("killTimes").asInt()).isEqualTo(1);
        assertThat(texts(dump.path("candidates"))).containsExactly(WAVE, "10.8.0.2");
        assertThat(dump.path("lastError").isNull()).isTrue();
        assertThat(status.path("dumpError").isNull()).isTrue();
        assertThat(status.path("healthy").asBoolean()).isTrue();
        assertThat(status.path("unhealthyReasons").size()).isZero();
        assertThat(status.toString()).doesNotContain(DUMP_PASSWORD);
    }

    @Test
    void retriesOverSixAndNoEventTimeAreUnhealthyWithTheWavesLastError() throws Exception {
        BinlogPosition at = masterStatus();
        waveAt(at.file(), at.pos(), 0, 10, ErrorInfo.of(2003, "connect 127.0.0.1:3306 refused"));

        JsonNode status = dumpStatus(member);

        assertThat(status.path("healthy").asBoolean(true)).isFalse();
        assertThat(codes(status.path("unhealthyReasons"))).containsExactly("NO_EVENT_TIME", "TOO_MANY_RETRIES");
        assertThat(status.path("unhealthyReasons").get(1).path("message").asText()).contains("10 times");
        assertThat(status.path("dump").path("binlogWhen").isNull()).isTrue();
        assertThat(status.path("dump").path("lastError").path("code").asInt()).isEqualTo(2003);
        assertThat(status.path("dump").path("lastError").path("message").asText())
                .isEqualTo("connect 127.0.0.1:3306 refused");
    }

    @Test
    void aDumpWithoutFileOrPositionFailsEveryPartOfTheRule() throws Exception {
        waveAt("", 0, 0, 7, ErrorInfo.NONE);

        JsonNode status = dumpStatus(member);

        assertThat(status.path("healthy").asBoolean(true)).isFalse();
        assertThat(codes(status.path("unhealthyReasons")))
                .containsExactly("NO_BINLOG_FILE", "NO_POSITION", "NO_EVENT_TIME", "TOO_MANY_RETRIES");
        assertThat(status.path("master").path("binlogFile").asText()).isNotEmpty();
        assertThat(status.path("lag").path("filesBehind").isNull()).isTrue();
        assertThat(status.path("lag").path("note").asText()).contains("no binlog file");
    }

    // ------------------------------------------------------------------------------------------------ degrading

    @Test
    void aManagerThatIsDownLeavesTheDumpOutButStillShowsTheMaster() throws Exception {
        BinlogPosition at = masterStatus();
        waveAt(at.file(), at.pos(), Instant.now().getEpochSecond(), 0, ErrorInfo.NONE);
        double before = managerReads("unavailable");
        simulator.failNextHttp(ManagerRoute.SLAVE_STATUS, 503, "");

        Response r = as(member).get(statusPath(instanceId));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode status = r.json();
        assertThat(status.path("dump").isNull()).isTrue();
        assertThat(status.path("dumpError").path("kind").asText()).isEqualTo("MANAGER_UNAVAILABLE");
        assertThat(status.path("dumpError").path("code").isNull()).isTrue();
        assertThat(status.path("dumpError").path("message").asText()).contains("HTTP 503");
        assertThat(status.path("master").path("binlogFile").asText()).isEqualTo(at.file());
        assertThat(status.path("masterError").isNull()).isTrue();
        assertThat(status.path("lag").isNull()).isTrue();
        assertThat(status.path("healthy").isNull()).isTrue();
        assertThat(status.path("unhealthyReasons").size()).isZero();
        assertThat(managerReads("unavailable")).isEqualTo(before + 1);
    }

    @Test
    void aManagerRefusalShowsItsCodeAndMessage() {
        simulator.failNext(ManagerRoute.SLAVE_STATUS, 104, "KeeperErrorCode = ConnectionLoss");

        JsonNode status = dumpStatus(member);

        assertThat(status.path("dump").isNull()).isTrue();
        assertThat(status.path("dumpError").path("kind").asText()).isEqualTo("MANAGER_REFUSED");
        assertThat(status.path("dumpError").path("code").asInt()).isEqualTo(104);
        assertThat(status.path("dumpError").path("message").asText()).contains("ConnectionLoss");
        assertThat(status.path("master").isObject()).isTrue();
    }

    @Test
    void aWrongDumpPasswordLeavesTheMasterOutButStillShowsTheDump() throws Exception {
        BinlogPosition at = masterStatus();
        waveAt(at.file(), at.pos(), Instant.now().getEpochSecond(), 0, ErrorInfo.NONE);
        String wrong = "not-the-Dump-Password-9";
        Map<String, Object> wrongPassword = new HashMap<>(clusterBody);
        wrongPassword.put("dumpPassword", wrong);
        assertThat(as(root).put("/api/v1/clusters/" + cluster, wrongPassword).status()).isEqualTo(200);
        try {
            Response r = as(member).get(statusPath(instanceId));

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode status = r.json();
            assertThat(status.path("master").isNull()).isTrue();
            assertThat(status.path("masterError").path("kind").asText()).isEqualTo("MYSQL_UNAVAILABLE");
            assertThat(status.path("masterError").path("code").asInt()).isEqualTo(1045);
            assertThat(status.path("masterError").path("message").asText()).contains("access denied", DUMP_USER);
            assertThat(status.path("dump").path("binlogFile").asText()).isEqualTo(at.file());
            assertThat(status.path("healthy").asBoolean()).isTrue();
            assertThat(status.path("lag").isNull()).isTrue();
            assertThat(r.body()).doesNotContain(wrong).doesNotContain(DUMP_PASSWORD);

            Response logs = as(member).get(logsPath(instanceId));
            assertThat(logs.status()).as(logs.toString()).isEqualTo(200);
            assertThat(logs.json().path("binaryLogs").isNull()).isTrue();
            assertThat(logs.json().path("error").path("kind").asText()).isEqualTo("MYSQL_UNAVAILABLE");
            assertThat(logs.json().path("error").path("code").asInt()).isEqualTo(1045);
            assertThat(logs.body()).doesNotContain(wrong);
        } finally {
            assertThat(as(root).put("/api/v1/clusters/" + cluster, clusterBody).status()).isEqualTo(200);
        }
    }

    @Test
    void anInstanceWithoutZnodesIs115AndAnUnreachableMasterIsItsOwnError() throws Exception {
        String agreeId = register(host, closedPort()).json().path("instances").get(0).path("id").asText();
        try {
            moveTo(agreeId, InstanceStatus.agree);

            Response r = as(creator).get(statusPath(agreeId));

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode status = r.json();
            assertThat(status.path("status").asText()).isEqualTo("agree");
            assertThat(status.path("dump").isNull()).isTrue();
            assertThat(status.path("dumpError").path("kind").asText()).isEqualTo("NODE_NOT_CREATED");
            assertThat(status.path("dumpError").path("code").asInt()).isEqualTo(115);
            assertThat(status.path("dumpError").path("message").asText()).contains("not created in ZooKeeper yet");
            assertThat(status.path("master").isNull()).isTrue();
            assertThat(status.path("masterError").path("kind").asText()).isEqualTo("MYSQL_UNAVAILABLE");
            assertThat(status.path("masterError").path("message").asText()).contains("cannot connect");
            assertThat(status.path("healthy").isNull()).isTrue();
        } finally {
            instances.changeStatus(agreeId, InstanceStatus.agree, InstanceStatus.removed, ACTOR, "test done");
            instances.delete(agreeId, ACTOR);
        }
    }

    // ------------------------------------------------------------------------------------------------ binary logs

    @Test
    void binaryLogsAreListedNewestFirstWithSizesAndPaged() throws Exception {
        rootExecute("FLUSH BINARY LOGS");
        List<String[]> oldestFirst = rootBinaryLogs();

        Response r = as(member).get(logsPath(instanceId) + "?size=200");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode page = r.json().path("binaryLogs");
        assertThat(r.json().path("error").isNull()).isTrue();
        assertThat(r.json().path("instanceId").asText()).isEqualTo(instanceId);
        assertThat(page.path("total").asInt()).isEqualTo(oldestFirst.size()).isGreaterThanOrEqualTo(2);
        List<String> names = new ArrayList<>();
        page.path("items").forEach(i -> names.add(i.path("name").asText()));
        List<String> expected = new ArrayList<>(oldestFirst.stream().map(l -> l[0]).toList());
        Collections.reverse(expected);
        assertThat(names).isEqualTo(expected);
        // Closed files no longer grow: their sizes are exact.
        JsonNode second = page.path("items").get(1);
        assertThat(second.path("size").asLong())
                .isEqualTo(Long.parseLong(oldestFirst.get(oldestFirst.size() - 2)[1])).isGreaterThanOrEqualTo(4);

        JsonNode first = as(root).get(logsPath(instanceId) + "?page=0&size=1").json().path("binaryLogs");
        assertThat(first.path("items").size()).isEqualTo(1);
        assertThat(first.path("items").get(0).path("name").asText()).isEqualTo(expected.get(0));
        assertThat(first.path("total").asInt()).isEqualTo(oldestFirst.size());
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(1);
        JsonNode beyond = as(member).get(logsPath(instanceId) + "?page=999&size=10").json().path("binaryLogs");
        assertThat(beyond.path("items").size()).isZero();
        assertThat(beyond.path("total").asInt()).isEqualTo(oldestFirst.size());
    }

    @Test
    void pagingParametersAreValidated() {
        Response tooSmall = as(member).get(logsPath(instanceId) + "?size=0");
        assertThat(tooSmall.status()).isEqualTo(400);
        assertThat(tooSmall.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooSmall.json().path("details").path("fields").has("size")).as(tooSmall.toString()).isTrue();

        Response tooBig = as(member).get(logsPath(instanceId) + "?size=201");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("details").path("fields").has("size")).isTrue();

        Response negative = as(member).get(logsPath(instanceId) + "?page=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().path("details").path("fields").has("page")).isTrue();

        Response notANumber = as(member).get(logsPath(instanceId) + "?page=first");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.code()).isEqualTo("VALIDATION_FAILED");
    }

    // ------------------------------------------------------------------------------------------------ refusals

    @Test
    void onlyAgreeAndOnlineInstancesHaveADumpStatus() {
        Response registered = register("mon-" + unique("").toLowerCase(Locale.ROOT) + ".example.com", 3306);
        String initId = registered.json().path("instances").get(0).path("id").asText();
        try {
            for (String path : List.of(statusPath(initId), logsPath(initId))) {
                Response r = as(member).get(path);
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.code()).isEqualTo("INSTANCE_BUSY");
                assertThat(r.json().path("message").asText()).contains("is init", "agree or online");
                assertThat(r.json().path("details").path("status").asText()).isEqualTo("init");
            }
        } finally {
            assertThat(as(creator).delete("/api/v1/instances/" + initId).status()).isEqualTo(204);
        }
    }

    @Test
    void onlyMembersAndSuperAdminsMayRead() {
        for (String path : List.of(statusPath(instanceId), logsPath(instanceId))) {
            Response outside = as(outsider).get(path);
            assertThat(outside.status()).as(outside.toString()).isEqualTo(403);
            assertThat(outside.code()).isEqualTo("FORBIDDEN");
            assertThat(anonymous().get(path).status()).isEqualTo(401);
            assertThat(as(member).get(path).status()).isEqualTo(200);
            assertThat(as(root).get(path).status()).isEqualTo(200);
        }
        for (String path : List.of(statusPath("0123456789abcdef0123456789abcdef"),
                logsPath("0123456789abcdef0123456789abcdef"))) {
            Response unknown = as(root).get(path);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("INSTANCE_NOT_FOUND");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record BinlogPosition(String file, long pos) {
    }

    private JsonNode dumpStatus(String caller) {
        Response r = as(caller).get(statusPath(instanceId));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static String statusPath(String id) {
        return "/api/v1/instances/" + id + "/dump-status";
    }

    private static String logsPath(String id) {
        return "/api/v1/instances/" + id + "/binary-logs";
    }

    private Response register(String instanceHost, int instancePort) {
        return as(creator).post("/api/v1/groups/" + group + "/instances",
                Map.of("cluster", cluster, "hosts", List.of(instanceHost + ":" + instancePort)));
    }

    /** Along the legal transitions, as the lifecycle would take it. */
    private void moveTo(String id, InstanceStatus target) {
        List<InstanceStatus> path = List.of(InstanceStatus.wait, InstanceStatus.unauthorized, InstanceStatus.agree,
                InstanceStatus.online);
        for (InstanceStatus next : path) {
            instances.changeStatus(id, null, next, ACTOR, "monitor test");
            if (next == target) {
                return;
            }
        }
    }

    /** What a wave writes while it dumps: its position, its counters and its last error. */
    private void waveAt(String file, long pos, long whenEpochSeconds, int retryTimes, ErrorInfo error) {
        simulator.waveReport(zk.servers(), zk.path(), host, db.port(),
                new BinlogInfo(file, pos, "", LEADER, 1, whenEpochSeconds, 0, "127.0.0.1", false, "", null),
                new Counter(retryTimes, 1), error);
    }

    private double managerReads(String outcome) {
        Timer timer = meters.find("tower.monitor.outside.reads").tags("system", "manager", "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private BinlogPosition masterStatus() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            assertThat(rs.next()).isTrue();
            return new BinlogPosition(rs.getString(1), rs.getLong(2));
        }
    }

    /** name, size; oldest first, as the server lists them. */
    private List<String[]> rootBinaryLogs() throws SQLException {
        List<String[]> logs = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                logs.add(new String[] {rs.getString(1), String.valueOf(rs.getLong(2))});
            }
        }
        return logs;
    }

    private void write(String text) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tower_monitor_probe.writes (v) VALUES ('" + text + "')");
        }
    }

    private void rootExecute(String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static List<String> codes(JsonNode reasons) {
        List<String> values = new ArrayList<>();
        reasons.forEach(n -> values.add(n.path("code").asText()));
        return values;
    }

    /**
     * Another name of 127.0.0.1 (the machine's host name usually is one in containers and CI), so the instance id
     * differs from the one of 127.0.0.1:port; 127.0.0.1 itself when the machine has none.
     */
    private static String loopbackAlias() {
        Set<String> names = new LinkedHashSet<>();
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // no host name: try the usual aliases
        }
        names.add("localhost.localdomain");
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("localhost") || !NetworkAddresses.isHostname(n)) {
                continue;
            }
            try {
                InetAddress[] addresses = InetAddress.getAllByName(n);
                if (addresses.length > 0 && Arrays.stream(addresses)
                        .allMatch(a -> a.getHostAddress().equals(BinlogMariaDb.HOST))) {
                    return n;
                }
            } catch (UnknownHostException e) {
                // not a name here
            }
        }
        return BinlogMariaDb.HOST;
    }

    /** A port nothing listens on: a connection to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BinlogMariaDb.HOST))) {
            return socket.getLocalPort();
        }
    }
}
