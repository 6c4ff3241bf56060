package io.binlake.tower.manager.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.Counter;
import io.binlake.tower.manager.DbInfo;
import io.binlake.tower.manager.ErrorInfo;
import io.binlake.tower.manager.EventType;
import io.binlake.tower.manager.Filter;
import io.binlake.tower.manager.MQRule;
import io.binlake.tower.manager.ManagerCodec;
import io.binlake.tower.manager.ManagerRoute;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.manager.NodeState;
import io.binlake.tower.manager.OrderType;
import io.binlake.tower.manager.Rule;
import io.binlake.tower.manager.StorageType;
import io.binlake.tower.manager.ZK;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator seen by a raw HTTP client, as the contract describes the real manager. */
class ManagerSimulatorTest {

    private static final String SERVERS = "127.0.0.1:2181";
    private static final String ROOT = "/zk/wave3";
    private static final ZK ZK3 = new ZK(SERVERS, ROOT);
    private static final String KEY_JSON =
            "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ManagerSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = new ManagerSimulator(0).start();
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

    // ---------------------------------------------------------------------------------------------- transport

    @Test
    void answersLikeJettyWithTextHtmlAndATrailingNewline() throws Exception {
        HttpResponse<String> response = post("/exist/node/", ManagerCodec.encodeBody(KEY_JSON));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(response.body()).isEqualTo("{\"code\":1,\"message\":\"\"}\n");
    }

    @Test
    void contractsVerifiedMinimalBodyAnswersAbsent() throws Exception {
        String body = "1f8b0800000000000003ab564a49f2cc4bcb57b2aa56cac82f2e51b252323432d733004243251da582fc22a090b1b18159ad8e5255364855716a51596a5131b2422b23430bb0eac4920ca0b87e55b67e796259aab1526d2d00b61a713060000000";

        assertThat(post("/exist/node/", body).body()).isEqualTo("{\"code\":1,\"message\":\"\"}\n");
    }

    @Test
    void routeWithoutTrailingSlashIsRedirected() throws Exception {
        HttpResponse<String> response = post("/set/online", ManagerCodec.encodeBody(KEY_JSON));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/set/online/"));
        assertThat(simulator.journal()).singleElement().satisfies(e -> assertThat(e.httpStatus()).isEqualTo(302));
    }

    @Test
    void anythingBelowARouteIsThatRoute() throws Exception {
        assertThat(post("/exist/node/anything", ManagerCodec.encodeBody(KEY_JSON)).body())
                .isEqualTo("{\"code\":1,\"message\":\"\"}\n");
    }

    @Test
    void unknownAndDocumentedButAbsentRoutesAre404() throws Exception {
        for (String path : List.of("/get/slave/", "/reset/binlogs/", "/rollback/", "/create/mqtopic/", "/")) {
            HttpResponse<String> response = post(path, ManagerCodec.encodeBody(KEY_JSON));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=ISO-8859-1");
        }
    }

    @Test
    void theHttpMethodIsIgnored() throws Exception {
        HttpRequest put = HttpRequest.newBuilder(uri("/exist/node/"))
                .PUT(HttpRequest.BodyPublishers.ofString(ManagerCodec.encodeBody(KEY_JSON))).build();

        assertThat(HTTP.send(put, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"code\":1,\"message\":\"\"}\n");
    }

    // ---------------------------------------------------------------------------------------------- decoding

    @Test
    void plainJsonNonHexAndOddLengthBodiesAreHttp500WithEmptyBody() throws Exception {
        String hex = ManagerCodec.encodeBody(KEY_JSON);
        for (String body : List.of(KEY_JSON, "zz" + hex, hex.substring(1))) {
            HttpResponse<String> response = post("/exist/node/", body);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void emptyBodyIs128() throws Exception {
        assertThat(post("/set/online/", "").body())
                .isEqualTo("{\"code\":128,\"message\":\"Cannot read the array length because \\\"data\\\" is null\"}\n");
    }

    @Test
    void hexThatIsNotGzipIs128() throws Exception {
        assertThat(post("/set/online/", "abcdef").body()).isEqualTo("{\"code\":128,\"message\":\"Not in GZIP format\"}\n");
    }

    @Test
    void upperCaseHexAndLineBreaksAreAccepted() throws Exception {
        String hex = ManagerCodec.encodeBody(KEY_JSON).toUpperCase();
        String body = hex.substring(0, 30) + "\r\n" + hex.substring(30) + "\n";

        assertThat(post("/exist/node/", body).body()).isEqualTo("{\"code\":1,\"message\":\"\"}\n");
    }

    @Test
    void unknownFieldIs128WithJacksonsMessage() throws Exception {
        String json = "{\"foo\":1," + KEY_JSON.substring(1);

        assertThat(answer(post("/exist/node/", ManagerCodec.encodeBody(json))))
                .isEqualTo(new ManagerCodec.Answer(128,
                        "Unrecognized field \"foo\" (Class com.jd.binlog.meta.Meta$MetaData), not marked as ignorable"));

        String nested = KEY_JSON.replace("\"port\":3306", "\"port\":3306,\"bar\":2");
        assertThat(answer(post("/exist/node/", ManagerCodec.encodeBody(nested))).message())
                .isEqualTo("Unrecognized field \"bar\" (Class com.jd.binlog.meta.Meta$DbInfo), not marked as ignorable");
    }

    @Test
    void lowerCaseOrEmptyEnumNameIs128() throws Exception {
        for (String state : List.of("online", "")) {
            String json = KEY_JSON.replace("\"port\":3306", "\"port\":3306,\"state\":\"" + state + "\"");
            ManagerCodec.Answer answer = answer(post("/set/online/", ManagerCodec.encodeBody(json)));
            assertThat(answer.code()).as(state).isEqualTo(128);
            assertThat(answer.message()).as(state).contains("Meta$NodeState").contains("'" + state + "'");
        }
    }

    @Test
    void numbersInStringsAreCoerced() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of()));
        String json = KEY_JSON.replace("\"port\":3306", "\"port\":\"3306\"");

        assertThat(answer(post("/exist/node/", ManagerCodec.encodeBody(json))).code()).isEqualTo(1000);
    }

    @Test
    void missingZkIsHttp500AndMissingDbInfoDependsOnTheRoute() throws Exception {
        String noZk = "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306}}";
        assertThat(post("/set/online/", ManagerCodec.encodeBody(noZk)).statusCode()).isEqualTo(500);

        String noDb = "{\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}";
        assertThat(post("/exist/node/", ManagerCodec.encodeBody(noDb)).statusCode()).isEqualTo(500);
        assertThat(post("/remove/node/", ManagerCodec.encodeBody(noDb)).statusCode()).isEqualTo(500);
        assertThat(answer(post("/set/online/", ManagerCodec.encodeBody(noDb))).code()).isEqualTo(104);
        assertThat(answer(post("/create/znodes/", ManagerCodec.encodeBody(
                "{\"slave\":{\"binlogPos\":4},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}"))).code())
                .isEqualTo(102);
    }

    @Test
    void rootPathMustStartWithSlash() throws Exception {
        String json = KEY_JSON.replace("\"/zk/wave3\"", "\"zk/wave3\"");

        assertThat(answer(post("/exist/node/", ManagerCodec.encodeBody(json))))
                .isEqualTo(new ManagerCodec.Answer(1, "Path must start with / character"));
        assertThat(answer(post("/set/online/", ManagerCodec.encodeBody(json))).code()).isEqualTo(104);
    }

    @Test
    void setAdminAlwaysFails() throws Exception {
        String json = "{\"admin\":{\"mail\":{\"url\":\"http://127.0.0.1:8025/mail\"},\"phone\":{},\"users\":[]},"
                + "\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}";

        assertThat(answer(post("/set/admin/", ManagerCodec.encodeBody(json)))).isEqualTo(new ManagerCodec.Answer(113,
                "Invalid path string \"/zk/wave3//admin\" caused by empty node name specified @10"));
    }

    // ---------------------------------------------------------------------------------------------- create/znodes

    @Test
    void createNeedsAPositionOtherThanZero() throws Exception {
        MetaData meta = MetaData.create(ZK3, dbInfo(NodeState.OFFLINE, List.of()),
                BinlogInfo.start("mysql-bin.000001", 0, "", false), List.of("10.0.0.1"), null);

        assertThat(answer(post("/create/znodes/", ManagerCodec.encode(meta)))).isEqualTo(new ManagerCodec.Answer(102,
                "binlog position == 0 error default value should be set to 4!!"));
        assertThat(simulator.instances(SERVERS, ROOT)).isEmpty();
    }

    @Test
    void withRequireRootCreateIsNoNodeUntilTheRootExists() throws Exception {
        simulator.requireRoot(true);
        String body = ManagerCodec.encode(createBody(NodeState.OFFLINE, List.of()));

        assertThat(answer(post("/create/znodes/", body))).isEqualTo(new ManagerCodec.Answer(102, "KeeperErrorCode = NoNode"));
        simulator.createRoot(SERVERS, ROOT + "/");
        assertThat(answer(post("/create/znodes/", body)).code()).isEqualTo(1000);
    }

    @Test
    void createStoresTheContractLayoutAndDropsKvRules() throws Exception {
        Rule kv = new Rule(StorageType.KV_STORAGE, "x", new byte[]{1, 2});
        create(dbInfo(NodeState.ONLINE, List.of(rule("t1", List.of(Filter.of("db\\.a", EventType.dml()))), kv)));

        InstanceSnapshot node = snapshot();
        assertThat(node.version()).isZero();
        assertThat(node.stateWrites()).containsExactly(NodeState.ONLINE);
        assertThat(node.topics()).containsExactly("t1");
        assertThat(node.ruleTree().keySet()).containsExactly("MQ_STORAGE:t1", "MQ_STORAGE:t1/t1", "MQ_STORAGE:t1/t1/white:db\\.a");
        assertThat(node.alarm()).isNull();
        assertThat(node.candidates()).containsExactly("10.0.0.1");
    }

    @Test
    void twoRulesForOneTopicOrASlashInATopicFailTheCreate() throws Exception {
        assertThat(answer(post("/create/znodes/", ManagerCodec.encode(
                createBody(NodeState.OFFLINE, List.of(rule("t1", List.of()), rule("t1", List.of())))))).code()).isEqualTo(102);
        ManagerCodec.Answer slash = answer(post("/create/znodes/", ManagerCodec.encode(
                createBody(NodeState.OFFLINE, List.of(rule("a/b", List.of()))))));
        assertThat(slash.code()).isEqualTo(102);
        assertThat(slash.message()).startsWith("Invalid path string");
        assertThat(simulator.instances(SERVERS, ROOT)).isEmpty();
    }

    @Test
    void repeatingAnEqualCreateWithoutFiltersIsATrueNoOp() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of(rule("t1", List.of()))));
        create(dbInfo(NodeState.OFFLINE, List.of(rule("t1", List.of()))));

        assertThat(snapshot().state()).isEqualTo(NodeState.OFFLINE);
        assertThat(snapshot().version()).isZero();
    }

    @Test
    void repeatingACreateWithFiltersAlwaysCyclesTheNodeOnline() throws Exception {
        DbInfo db = dbInfo(NodeState.ONLINE, List.of(rule("t1", List.of(Filter.of("db\\.a", EventType.dml())))));
        create(db);
        create(db);
        create(db);

        assertThat(snapshot().stateWrites()).containsExactly(NodeState.ONLINE,
                NodeState.OFFLINE, NodeState.ONLINE, NodeState.OFFLINE, NodeState.ONLINE);
    }

    @Test
    void createOnAnExistingNodeReplacesDbInfoAndRulesAndEndsOnline() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of(rule("t1", List.of()))));

        DbInfo changed = new DbInfo(7, "127.0.0.1", 3306, "repl", "new-password", 0, NodeState.OFFLINE,
                List.of(rule("t1", List.of()), rule("t2", List.of())), 0, "");
        MetaData body = createBody(NodeState.OFFLINE, List.of());
        body = new MetaData(changed, BinlogInfo.start("mysql-bin.000099", 4, "", false), null, null, null,
                List.of("10.9.9.9"), null, null, null, ZK3);
        assertThat(answer(post("/create/znodes/", ManagerCodec.encode(body))).code()).isEqualTo(1000);

        InstanceSnapshot node = snapshot();
        assertThat(node.state()).isEqualTo(NodeState.ONLINE);
        assertThat(node.dbInfo().password()).isEqualTo("new-password");
        assertThat(node.topics()).containsExactly("t1", "t2");
        // slave and candidate are ignored on the update path
        assertThat(node.dynamic().binlogFile()).isEqualTo("mysql-bin.000001");
        assertThat(node.candidates()).containsExactly("10.0.0.1");
        // OFFLINE already: no OFFLINE write; the new dbInfo (with the body's state), then ONLINE
        assertThat(node.stateWrites()).containsExactly(NodeState.OFFLINE, NodeState.OFFLINE, NodeState.ONLINE);
    }

    @Test
    void createCannotTakeAnOnlineNodeOffline() throws Exception {
        create(dbInfo(NodeState.ONLINE, List.of()));
        create(dbInfo(NodeState.OFFLINE, List.of()));

        assertThat(snapshot().state()).isEqualTo(NodeState.ONLINE);
    }

    @Test
    void removingATopicByCreateFailsAndLeavesTheNodeOffline() throws Exception {
        create(dbInfo(NodeState.ONLINE, List.of(rule("t1", List.of()), rule("t2", List.of()))));

        assertThat(answer(post("/create/znodes/", ManagerCodec.encode(createBody(NodeState.ONLINE, List.of(rule("t1", List.of())))))))
                .isEqualTo(new ManagerCodec.Answer(113, "KeeperErrorCode = Directory not empty"));
        assertThat(snapshot().state()).isEqualTo(NodeState.OFFLINE);
        assertThat(snapshot().topics()).containsExactly("t1", "t2");
    }

    // ---------------------------------------------------------------------------------------------- the set routes

    @Test
    void setOnlineAlwaysWritesAndSetOfflineOnlyWhenNeeded() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of()));

        post("/set/offline/", key());
        assertThat(snapshot().version()).isZero();
        post("/set/online/", key());
        post("/set/online/", key());
        assertThat(snapshot().version()).isEqualTo(2);
        post("/set/offline/", key());
        post("/set/offline/", key());
        assertThat(snapshot().version()).isEqualTo(3);
        assertThat(snapshot().stateWrites()).containsExactly(NodeState.OFFLINE, NodeState.ONLINE, NodeState.ONLINE, NodeState.OFFLINE);
    }

    @Test
    void everySetRouteOnAnAbsentInstanceIs115() throws Exception {
        for (String route : List.of("/set/online/", "/set/offline/", "/set/binlog/", "/set/leader/", "/set/candidate/",
                "/set/terminal/", "/reset/counter/", "/slave/status/")) {
            assertThat(answer(post(route, key()))).as(route)
                    .isEqualTo(new ManagerCodec.Answer(115, "znode : 127.0.0.1:3306 not exist"));
        }
    }

    @Test
    void removeIsRefusedWhileOnlineAndIdempotentWhenAbsent() throws Exception {
        create(dbInfo(NodeState.ONLINE, List.of()));

        assertThat(answer(post("/remove/node/", key())))
                .isEqualTo(new ManagerCodec.Answer(113, "node 节点信息状态为 online 不能直接删除"));
        post("/set/offline/", key());
        assertThat(answer(post("/remove/node/", key())).code()).isEqualTo(1000);
        assertThat(simulator.instances(SERVERS, ROOT)).isEmpty();
        assertThat(answer(post("/remove/node/", key())).code()).isEqualTo(1000);
    }

    @Test
    void aNodeCreatedWithoutStateCanOnlyBeRemoved() throws Exception {
        create(dbInfo(null, List.of()));

        assertThat(answer(post("/set/online/", key())).code()).isEqualTo(103);
        assertThat(answer(post("/set/offline/", key())).code()).isEqualTo(103);
        assertThat(answer(post("/set/binlog/", ManagerCodec.encodeBody(
                KEY_JSON.replace("\"zk\"", "\"slave\":{\"binlogFile\":\"f.000001\",\"binlogPos\":4},\"zk\""))))
                .code()).isEqualTo(103);
        assertThat(answer(post("/remove/node/", key())).code()).isEqualTo(1000);
    }

    @Test
    void setBinlogKeepsLeaderAndGtidModeAndResetsBinlogWhen() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of()));
        simulator.waveReport(SERVERS, ROOT, "127.0.0.1", 3306,
                new BinlogInfo("mysql-bin.000001", 999, "", "10.0.0.1:8083", 3, 1764101234, 0, "127.0.0.1", true, "", null),
                null, null);

        post("/set/binlog/", ManagerCodec.encodeBody(KEY_JSON.replace("\"zk\"",
                "\"slave\":{\"binlogFile\":\"mysql-bin.000007\",\"binlogPos\":4,\"executedGtidSets\":\"\",\"withGTID\":false},\"zk\"")));

        InstanceSnapshot node = snapshot();
        assertThat(node.dynamic()).isEqualTo(
                new BinlogInfo("mysql-bin.000007", 4, "", "10.0.0.1:8083", 3, 0, 0, "127.0.0.1", true, "", null));
        assertThat(node.state()).isEqualTo(NodeState.ONLINE);
    }

    @Test
    void setCandidateWithoutCandidatesStoresHostNullWhichBreaksSlaveStatus() throws Exception {
        create(dbInfo(NodeState.ONLINE, List.of()));

        assertThat(answer(post("/set/candidate/", key())).code()).isEqualTo(1000);
        assertThat(snapshot().candidates()).isNull();
        assertThat(answer(post("/slave/status/", key())))
                .isEqualTo(new ManagerCodec.Answer(104, "Cannot invoke \"java.util.Collection.toArray()\" because \"c\" is null"));
    }

    @Test
    void setTerminalWithoutTerminalIs118() throws Exception {
        create(dbInfo(NodeState.ONLINE, List.of()));

        assertThat(answer(post("/set/terminal/", key())))
                .isEqualTo(new ManagerCodec.Answer(118, "Cannot invoke \"Object.toString()\" because \"terminal\" is null"));
        assertThat(snapshot().version()).isZero();
    }

    @Test
    void aWaveThatDoesNotReleaseItsLockLeavesTheNodeOffline() throws Exception {
        create(dbInfo(NodeState.ONLINE, List.of()));
        simulator.holdLock(SERVERS, ROOT, "127.0.0.1", 3306, true);

        assertThat(answer(post("/set/leader/", ManagerCodec.encodeBody(
                KEY_JSON.replace("\"zk\"", "\"slave\":{\"leader\":\"10.0.0.2\"},\"zk\"")))))
                .isEqualTo(new ManagerCodec.Answer(118, "ephemeral node disappeared too long after set offline"));
        assertThat(snapshot().state()).isEqualTo(NodeState.OFFLINE);
        assertThat(snapshot().leader()).isNull();
    }

    @Test
    void resetCounterRewritesTheSameNodeAndZeroesTheCounterOnly() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of()));
        simulator.waveReport(SERVERS, ROOT, "127.0.0.1", 3306, null, new Counter(120, 2), ErrorInfo.of(30001, "no rule"));

        assertThat(answer(post("/reset/counter/", key())).code()).isEqualTo(1000);

        InstanceSnapshot node = snapshot();
        assertThat(node.counter()).isEqualTo(Counter.ZERO);
        assertThat(node.error()).isEqualTo(ErrorInfo.of(30001, "no rule"));
        assertThat(node.version()).isEqualTo(1);
        assertThat(node.state()).isEqualTo(NodeState.OFFLINE);
    }

    @Test
    void slaveStatusAnswersHexMetaDataWithRulesWithoutFiltersAndEchoes() throws Exception {
        create(dbInfo(NodeState.ONLINE, List.of(rule("t1", List.of(Filter.of("db\\.a", EventType.dml()))))));
        String request = KEY_JSON.replace("\"zk\"", "\"master\":{\"binlogFile\":\"m.000001\",\"binlogPos\":77},"
                + "\"alarm\":{\"users\":[],\"retry\":1,\"kill\":1},\"zk\"");

        HttpResponse<String> response = post("/slave/status/", ManagerCodec.encodeBody(request));

        assertThat(response.body()).matches("[0-9a-f]+\n");
        MetaData meta = ManagerCodec.decode(response.body());
        assertThat(meta.dbInfo().rule()).singleElement().satisfies(r -> {
            MQRule mq = r.mqRule();
            assertThat(mq.topic()).isEqualTo("t1");
            assertThat(mq.white()).isEmpty();
            assertThat(mq.black()).isEmpty();
        });
        assertThat(JSON.readTree(ManagerCodec.gunzip(meta.dbInfo().rule().get(0).any())).path("white").isArray()).isTrue();
        assertThat(meta.slave().binlogFile()).isEqualTo("mysql-bin.000001");
        assertThat(meta.master().binlogPos()).isEqualTo(77);
        assertThat(meta.alarm().retry()).isEqualTo(1);
        assertThat(meta.counter()).isEqualTo(Counter.ZERO);
        assertThat(meta.error()).isEqualTo(ErrorInfo.NONE);
        assertThat(meta.candidate()).containsExactly("10.0.0.1");
        assertThat(meta.zk()).isEqualTo(ZK3);
    }

    @Test
    void aTrailingSlashOnTheRootIsTheSameRoot() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of()));

        assertThat(answer(post("/exist/node/", ManagerCodec.encodeBody(KEY_JSON.replace("/zk/wave3", "/zk/wave3/")))).code())
                .isEqualTo(1000);
        assertThat(answer(post("/exist/node/", ManagerCodec.encodeBody(KEY_JSON.replace("2181", "2182")))).code())
                .isEqualTo(1);
    }

    @Test
    void concurrentRequestsAreSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int port = 4000 + i;
                results.add(pool.submit(() -> {
                    DbInfo db = new DbInfo(port, "10.1.1.1", port, "u", "p", 0, NodeState.OFFLINE, List.of(), 0, "");
                    MetaData meta = MetaData.create(ZK3, db, BinlogInfo.start("mysql-bin.000001", 4, "", false),
                            List.of("10.0.0.1"), null);
                    post("/create/znodes/", ManagerCodec.encode(meta));
                    return answer(post("/set/online/", ManagerCodec.encode(MetaData.key(ZK3, "10.1.1.1", port)))).code();
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(1000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(simulator.instances(SERVERS, ROOT)).hasSize(40);
        assertThat(simulator.journal()).hasSize(80);
    }

    // ---------------------------------------------------------------------------------------------- test controls

    @Test
    void failNextAnswersOnceWithoutTouchingAnything() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of()));
        simulator.failNext(ManagerRoute.SET_ONLINE, 104, "KeeperErrorCode = ConnectionLoss for /zk/wave3/127.0.0.1:3306");

        assertThat(answer(post("/set/online/", key())).code()).isEqualTo(104);
        assertThat(snapshot().state()).isEqualTo(NodeState.OFFLINE);
        assertThat(answer(post("/set/online/", key())).code()).isEqualTo(1000);
    }

    @Test
    void unavailableAnswers503() throws Exception {
        simulator.setUnavailable(true);
        assertThat(post("/exist/node/", key()).statusCode()).isEqualTo(503);
        simulator.setUnavailable(false);
        assertThat(post("/exist/node/", key()).statusCode()).isEqualTo(200);
    }

    @Test
    void theJournalRecordsRouteRequestAndAnswer() throws Exception {
        create(dbInfo(NodeState.OFFLINE, List.of()));
        post("/set/online/", key());

        assertThat(simulator.journal()).extracting(JournalEntry::route)
                .containsExactly(ManagerRoute.CREATE_ZNODES, ManagerRoute.SET_ONLINE);
        JournalEntry createEntry = simulator.journal().get(0);
        assertThat(createEntry.request().at("/dbInfo/state").asText()).isEqualTo("OFFLINE");
        assertThat(createEntry.code()).isEqualTo(1000);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static DbInfo dbInfo(NodeState state, List<Rule> rules) {
        return new DbInfo(1001, "127.0.0.1", 3306, "repl", "repl", 0, state, rules, 0, "uuid");
    }

    private static MetaData createBody(NodeState state, List<Rule> rules) {
        return MetaData.create(ZK3, dbInfo(state, rules), BinlogInfo.start("mysql-bin.000001", 4, "", false),
                List.of("10.0.0.1"), null);
    }

    private static Rule rule(String topic, List<Filter> white) {
        return Rule.mq(Rule.PROTOBUF_CONVERTER, new MQRule(topic, false, false, MQRule.KAFKA_PRODUCER,
                OrderType.TABLE_ORDER, MQRule.kafkaProducerParas("k:9092", topic, "127.0.0.1", 3306), white, List.of()));
    }

    private static void create(DbInfo db) throws Exception {
        MetaData meta = MetaData.create(ZK3, db, BinlogInfo.start("mysql-bin.000001", 4, "", false), List.of("10.0.0.1"), null);
        assertThat(answer(post("/create/znodes/", ManagerCodec.encode(meta))).code()).isEqualTo(1000);
    }

    private static InstanceSnapshot snapshot() {
        return simulator.snapshot(SERVERS, ROOT, "127.0.0.1", 3306).orElseThrow();
    }

    private static String key() {
        return ManagerCodec.encodeBody(KEY_JSON);
    }

    private static ManagerCodec.Answer answer(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("\n");
        return ManagerCodec.parseAnswer(response.body());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + simulator.port() + path);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
