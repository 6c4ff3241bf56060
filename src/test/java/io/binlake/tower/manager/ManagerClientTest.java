package io.binlake.tower.manager;

import io.binlake.tower.manager.simulator.InstanceSnapshot;
import io.binlake.tower.manager.simulator.JournalEntry;
import io.binlake.tower.manager.simulator.ManagerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every client route against a real {@link ManagerSimulator} over real HTTP. */
class ManagerClientTest {

    private static final String SERVERS = "127.0.0.1:2181";
    private static final String ROOT = "/zk/wave3";
    private static final ZK ZK3 = new ZK(SERVERS, ROOT);
    private static final String HOST = "10.0.0.1";
    private static final int PORT = 3306;
    private static final String PASSWORD = "s3cret-dump-password";

    private static ManagerSimulator simulator;
    private static ManagerClient client;

    @BeforeAll
    static void start() {
        simulator = new ManagerSimulator(0).start();
        client = new ManagerClient(ManagerProperties.of(simulator.url()));
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.requireRoot(false);
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    @Test
    void stagedOnboardingCreatesOfflineThenSetsOnline() {
        client.createZnodes(onboarding(NodeState.OFFLINE));
        assertThat(node().state()).isEqualTo(NodeState.OFFLINE);

        client.setOnline(ZK3, HOST, PORT);

        InstanceSnapshot node = node();
        assertThat(node.state()).isEqualTo(NodeState.ONLINE);
        assertThat(node.stateWrites()).containsExactly(NodeState.OFFLINE, NodeState.ONLINE);
        assertThat(simulator.journal()).extracting(JournalEntry::route)
                .containsExactly(ManagerRoute.CREATE_ZNODES, ManagerRoute.SET_ONLINE);
        JournalEntry create = simulator.journal().get(0);
        assertThat(create.request().at("/dbInfo/state").asText()).isEqualTo("OFFLINE");
        // contract §5: the strings the wave dereferences are "" on create, never null
        for (String field : List.of("executedGtidSets", "leader", "instanceIp", "preLeader")) {
            assertThat(create.request().at("/slave/" + field).isTextual()).as(field).isTrue();
        }
        assertThat(node.dynamic().executedGtidSets()).isEmpty();
        assertThat(node.topics()).containsExactly("orders");
        assertThat(node.candidates()).containsExactly("10.1.0.11", "10.1.0.12");
    }

    @Test
    void createFillsTheEmptyStringDefaultsOfAHandBuiltSlave() {
        BinlogInfo bare = new BinlogInfo("mysql-bin.000001", 4, null, null, 0, 0, 0, null, false, null, null);
        MetaData meta = MetaData.create(ZK3, onboarding(NodeState.OFFLINE).dbInfo(), bare, List.of("10.1.0.11"), null);

        client.createZnodes(meta);

        assertThat(node().dynamic()).isEqualTo(BinlogInfo.start("mysql-bin.000001", 4, "", false));
    }

    @Test
    void createRejectsBodiesThatWouldBreakTheNode() {
        MetaData ok = onboarding(NodeState.OFFLINE);
        MetaData noState = new MetaData(ok.dbInfo().withState(null), ok.slave(), null, null, null, ok.candidate(), null, null, null, ZK3);
        MetaData noCandidates = ok.withCandidate(List.of());
        MetaData badRoot = new MetaData(ok.dbInfo(), ok.slave(), null, null, null, ok.candidate(), null, null, null,
                new ZK(SERVERS, "zk/wave3"));

        assertThatThrownBy(() -> client.createZnodes(noState)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state");
        assertThatThrownBy(() -> client.createZnodes(noCandidates)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate");
        assertThatThrownBy(() -> client.createZnodes(badRoot)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zk.path");
        assertThat(simulator.journal()).isEmpty();
    }

    @Test
    void createWithPositionZeroIsRefusedWith102() {
        BinlogInfo zero = BinlogInfo.start("mysql-bin.000001", 0, "", false);
        MetaData meta = onboarding(NodeState.OFFLINE).withSlave(zero);

        ManagerRefusedException e = catchThrowableOfType(ManagerRefusedException.class, () -> client.createZnodes(meta));

        assertThat(e.code()).isEqualTo(102);
        assertThat(e.managerMessage()).isEqualTo("binlog position == 0 error default value should be set to 4!!");
        assertThat(e.route()).isEqualTo(ManagerRoute.CREATE_ZNODES);
        assertThat(e.getMessage()).contains("/create/znodes/", "10.0.0.1:3306", "102", "ZK_NODE_CREATE_FAILURE")
                .doesNotContain(PASSWORD);
    }

    @Test
    void createWithoutMetaRootIsRefusedWith102NoNode() {
        simulator.requireRoot(true);

        ManagerRefusedException e = catchThrowableOfType(ManagerRefusedException.class,
                () -> client.createZnodes(onboarding(NodeState.OFFLINE)));

        assertThat(e.code()).isEqualTo(102);
        assertThat(e.managerMessage()).isEqualTo("KeeperErrorCode = NoNode");
    }

    @Test
    void existNodeTellsPresentFromAbsentAndRefusesOnErrors() {
        assertThat(client.existNode(ZK3, HOST, PORT)).isFalse();
        client.createZnodes(onboarding(NodeState.OFFLINE));
        assertThat(client.existNode(ZK3, HOST, PORT)).isTrue();

        simulator.failNext(ManagerRoute.EXIST_NODE, 1, "KeeperErrorCode = ConnectionLoss");
        ManagerRefusedException e = catchThrowableOfType(ManagerRefusedException.class, () -> client.existNode(ZK3, HOST, PORT));
        assertThat(e.code()).isEqualTo(1);
        assertThat(e.managerMessage()).isEqualTo("KeeperErrorCode = ConnectionLoss");
    }

    @Test
    void removeNodeIsRefusedWhileOnlineAndIdempotentOtherwise() {
        client.createZnodes(onboarding(NodeState.ONLINE));

        ManagerRefusedException e = catchThrowableOfType(ManagerRefusedException.class, () -> client.removeNode(ZK3, HOST, PORT));
        assertThat(e.code()).isEqualTo(113);
        assertThat(e.managerMessage()).isEqualTo("node 节点信息状态为 online 不能直接删除");

        client.setOffline(ZK3, HOST, PORT);
        client.removeNode(ZK3, HOST, PORT);
        assertThat(client.existNode(ZK3, HOST, PORT)).isFalse();
        client.removeNode(ZK3, HOST, PORT);
    }

    @Test
    void setOfflineIsIdempotentAndSetOnlineAlwaysRewrites() {
        client.createZnodes(onboarding(NodeState.OFFLINE));

        client.setOffline(ZK3, HOST, PORT);
        assertThat(node().version()).isZero();
        client.setOnline(ZK3, HOST, PORT);
        client.setOnline(ZK3, HOST, PORT);
        assertThat(node().version()).isEqualTo(2);
    }

    @Test
    void setRoutesOnAnAbsentInstanceAreRefusedWith115() {
        ManagerRefusedException e = catchThrowableOfType(ManagerRefusedException.class, () -> client.setOnline(ZK3, HOST, PORT));

        assertThat(e.code()).isEqualTo(115);
        assertThat(e.managerMessage()).isEqualTo("znode : 10.0.0.1:3306 not exist");
        assertThat(ManagerRefusedException.codeName(e.code())).isEqualTo("INSTANCE_NOT_EXIST");
        for (Runnable call : List.<Runnable>of(
                () -> client.setOffline(ZK3, HOST, PORT),
                () -> client.setBinlog(ZK3, HOST, PORT, "mysql-bin.000002", 4, ""),
                () -> client.setLeader(ZK3, HOST, PORT, "10.1.0.11"),
                () -> client.setCandidates(ZK3, HOST, PORT, List.of("10.1.0.11")),
                () -> client.setTerminal(ZK3, HOST, PORT, new Terminal("mysql-bin.000009", 4, "", List.of())),
                () -> client.resetCounter(ZK3, HOST, PORT),
                () -> client.slaveStatus(ZK3, HOST, PORT))) {
            assertThat(catchThrowableOfType(ManagerRefusedException.class, call::run).code()).isEqualTo(115);
        }
    }

    @Test
    void setBinlogOnAnOfflineNodeEndsOnline() {
        client.createZnodes(onboarding(NodeState.OFFLINE));

        client.setBinlog(ZK3, HOST, PORT, "mysql-bin.000042", 1234, null);

        InstanceSnapshot node = node();
        assertThat(node.state()).isEqualTo(NodeState.ONLINE);
        assertThat(node.dynamic().binlogFile()).isEqualTo("mysql-bin.000042");
        assertThat(node.dynamic().binlogPos()).isEqualTo(1234);
        assertThat(node.dynamic().executedGtidSets()).isEmpty();
        assertThat(node.dynamic().leader()).isEmpty(); // kept from create
    }

    @Test
    void setLeaderWritesTheBareWaveIpAndEndsOnline() {
        client.createZnodes(onboarding(NodeState.ONLINE));

        client.setLeader(ZK3, HOST, PORT, "10.1.0.12");

        assertThat(node().leader()).isEqualTo("10.1.0.12");
        assertThat(node().stateWrites()).containsExactly(NodeState.ONLINE, NodeState.OFFLINE, NodeState.ONLINE);
        assertThatThrownBy(() -> client.setLeader(ZK3, HOST, PORT, "10.1.0.12:8083"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare wave IP");
    }

    @Test
    void setCandidatesReplacesTheListAndEndsOnline() {
        client.createZnodes(onboarding(NodeState.OFFLINE));

        client.setCandidates(ZK3, HOST, PORT, List.of("10.1.0.13"));

        assertThat(node().candidates()).containsExactly("10.1.0.13");
        assertThat(node().state()).isEqualTo(NodeState.ONLINE);
        assertThatThrownBy(() -> client.setCandidates(ZK3, HOST, PORT, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setTerminalStoresTheStopPosition() {
        client.createZnodes(onboarding(NodeState.ONLINE));

        client.setTerminal(ZK3, HOST, PORT, new Terminal("mysql-bin.000009", 1200, null, List.of("10.0.0.1:3307")));

        assertThat(node().terminal()).isEqualTo(new Terminal("mysql-bin.000009", 1200, "", List.of("10.0.0.1:3307")));
        assertThat(node().state()).isEqualTo(NodeState.ONLINE);
    }

    @Test
    void resetCounterZeroesTheCounter() {
        client.createZnodes(onboarding(NodeState.ONLINE));
        simulator.waveReport(SERVERS, ROOT, HOST, PORT, null, new Counter(110, 1), null);

        client.resetCounter(ZK3, HOST, PORT);

        assertThat(node().counter()).isEqualTo(Counter.ZERO);
    }

    @Test
    void slaveStatusReturnsTheStoredInstance() {
        client.createZnodes(onboarding(NodeState.ONLINE));
        simulator.waveReport(SERVERS, ROOT, HOST, PORT,
                new BinlogInfo("mysql-bin.000007", 8812, "", "10.1.0.11:8083", 3, 1764101234, 0, HOST, false, "", null),
                new Counter(10, 0), ErrorInfo.of(2003, "connect 10.0.0.1:3306 refused"));

        MetaData status = client.slaveStatus(ZK3, HOST, PORT);

        assertThat(status.dbInfo().state()).isEqualTo(NodeState.ONLINE);
        assertThat(status.dbInfo().password()).isEqualTo(PASSWORD);
        assertThat(status.dbInfo().rule()).singleElement()
                .satisfies(r -> assertThat(r.mqRule().topic()).isEqualTo("orders"));
        assertThat(status.slave().binlogPos()).isEqualTo(8812);
        assertThat(status.counter()).isEqualTo(new Counter(10, 0));
        assertThat(status.error().text()).isEqualTo("connect 10.0.0.1:3306 refused");
        assertThat(status.candidate()).containsExactly("10.1.0.11", "10.1.0.12");
    }

    @Test
    void anyOtherCodeIsARefusalCarryingCodeAndMessage() {
        client.createZnodes(onboarding(NodeState.OFFLINE));
        simulator.failNext(ManagerRoute.SLAVE_STATUS, 104, "KeeperErrorCode = ConnectionLoss for /zk/wave3/10.0.0.1:3306");

        ManagerRefusedException e = catchThrowableOfType(ManagerRefusedException.class, () -> client.slaveStatus(ZK3, HOST, PORT));

        assertThat(e.code()).isEqualTo(104);
        assertThat(e.getMessage()).contains("ZK_QUERY_FAILURE", "ConnectionLoss");
    }

    // ---------------------------------------------------------------------------------------------- transport failures

    @Test
    void aRedirectIsNeverFollowed() {
        simulator.failNextHttp(ManagerRoute.SET_ONLINE, 302, "");

        ManagerUnavailableException e = catchThrowableOfType(ManagerUnavailableException.class,
                () -> client.setOnline(ZK3, HOST, PORT));

        assertThat(e.getMessage()).contains("302", "missing trailing slash / redirect", "/set/online/");
        assertThat(e.route()).isEqualTo(ManagerRoute.SET_ONLINE);
    }

    @Test
    void aWrongBaseUrlGives404() {
        ManagerClient wrong = new ManagerClient(ManagerProperties.of(URI.create(simulator.url() + "manager")));

        assertThat(wrong.baseUrl().toString()).endsWith("/manager/");
        assertThatThrownBy(() -> wrong.setOnline(ZK3, HOST, PORT)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("no such route");
    }

    @Test
    void http500WithEmptyBodyIsUnavailable() {
        simulator.failNextHttp(ManagerRoute.SET_ONLINE, 500, "");

        assertThatThrownBy(() -> client.setOnline(ZK3, HOST, PORT)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("HTTP 500 with empty body");
    }

    @Test
    void http503IsUnavailable() {
        simulator.setUnavailable(true);

        assertThatThrownBy(() -> client.existNode(ZK3, HOST, PORT)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void garbageAnswersAreUnavailable() {
        simulator.failNextHttp(ManagerRoute.SET_ONLINE, 200, "<html>proxy error</html>");
        assertThatThrownBy(() -> client.setOnline(ZK3, HOST, PORT)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("not a {code,message} JSON");

        simulator.failNextHttp(ManagerRoute.SET_ONLINE, 200, "{\"status\":\"ok\"}");
        assertThatThrownBy(() -> client.setOnline(ZK3, HOST, PORT)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("no integer code");

        simulator.failNextHttp(ManagerRoute.SLAVE_STATUS, 200, "not hex at all\n");
        assertThatThrownBy(() -> client.slaveStatus(ZK3, HOST, PORT)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("undecodable answer");
    }

    @Test
    void aClosedPortIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ManagerClient unreachable = new ManagerClient(ManagerProperties.of(URI.create("http://127.0.0.1:" + closed + "/")));

        assertThatThrownBy(() -> unreachable.createZnodes(onboarding(NodeState.OFFLINE)))
                .isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("/create/znodes/").hasMessageContaining("cannot connect")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aSlowManagerTimesOut() {
        ManagerClient impatient = new ManagerClient(new ManagerProperties(simulator.url(), Duration.ofSeconds(1),
                Duration.ofMillis(300)));
        simulator.delay(Duration.ofSeconds(3));

        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.existNode(ZK3, HOST, PORT)).isInstanceOf(ManagerUnavailableException.class)
                .hasMessageContaining("timed out").hasMessageContaining("PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theBaseUrlMustBeAbsoluteHttp() {
        assertThatThrownBy(() -> new ManagerClient(ManagerProperties.of(URI.create("manager:9096"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ManagerClient(ManagerProperties.of(URI.create("ftp://manager:9096/"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ManagerClient(ManagerProperties.of(URI.create("http://manager:9096"))).baseUrl())
                .isEqualTo(URI.create("http://manager:9096/"));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static MetaData onboarding(NodeState state) {
        MQRule mq = new MQRule("orders", false, false, MQRule.KAFKA_PRODUCER, OrderType.INSTANCE_ORDER,
                MQRule.kafkaProducerParas("kafka:9092", "orders", HOST, PORT),
                List.of(new Filter(".*\\..*", EventType.dml(), List.of(), List.of(), List.of(new Pair("src", "jd")),
                        List.of("ID"))),
                List.of());
        DbInfo db = new DbInfo(10010, HOST, PORT, "binlake", PASSWORD, 0, state,
                List.of(Rule.mq(Rule.PROTOBUF_CONVERTER, mq)), 0, "154bb9d3-2beb-11e8-bbe8-507b9d578e91");
        return MetaData.create(ZK3, db, BinlogInfo.start("mysql-bin.000029", 191, "", false),
                List.of("10.1.0.11", "10.1.0.12"), Alarm.of(List.of(new User("", "dba@example.com"))));
    }

    private static InstanceSnapshot node() {
        return simulator.snapshot(SERVERS, ROOT, HOST, PORT).orElseThrow();
    }
}
