package io.binlake.tower.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.dump.DumpPlanner;
import io.binlake.tower.dump.DumpPlanner.BoundRule;
import io.binlake.tower.dump.DumpPlanner.DumpTarget;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.instance.DumpState;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.manager.BinlogInfo;
import io.binlake.tower.manager.Counter;
import io.binlake.tower.manager.ManagerClient;
import io.binlake.tower.manager.ManagerRoute;
import io.binlake.tower.manager.NodeState;
import io.binlake.tower.manager.simulator.InstanceSnapshot;
import io.binlake.tower.manager.simulator.JournalEntry;
import io.binlake.tower.manager.simulator.ManagerSimulator;
import io.binlake.tower.testsupport.ApiClient.Response;
import io.binlake.tower.testsupport.EventsProbe;
import io.binlake.tower.testsupport.LifecycleFixture;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import io.binlake.tower.topic.TopicRuleCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The operations on an online instance, each through the running service (Kafka or REST), its instance-operation
 * process and the manager simulator over real HTTP. Each test gets an instance that is online without MySQL: it is
 * registered and walked to online through the services, and its znodes are created on the simulator directly.
 */
class InstanceOperationTest extends TowerIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final List<String> NODE_CANDIDATES = List.of("127.0.0.1", "127.0.0.2");

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ManagerSimulator simulator;
    @Autowired
    ManagerClient managerClient;
    @Autowired
    DumpPlanner planner;
    @Autowired
    InstanceService instances;
    @Autowired
    ClusterCatalog clusters;
    @Autowired
    TopicRuleCatalog topicRules;
    @Autowired
    GroupAccess groups;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    EventsProbe events;

    @BeforeEach
    void readEvents() {
        events = new EventsProbe(brokers, "tower.events");
    }

    @AfterEach
    void stopReading() {
        simulator.setUnavailable(false);
        events.close();
    }

    /** An online instance with one bound topic rule, dumping on the simulator with candidates 127.0.0.1/.2. */
    record Online(String suffix, String admin, LifecycleFixture fixture, String groupId, ClusterSpec cluster,
            String id, String host, int port) {
        String key() {
            return host + ":" + port;
        }
    }

    Online online() {
        String suffix = unique("").toLowerCase();
        String admin = users.user("creator" + suffix);
        String root = users.superAdmin("root" + suffix);
        LifecycleFixture fixture = LifecycleFixture.create(as(admin), admin, as(root),
                LifecycleFixture.httpCluster("c" + suffix, "/zk/" + suffix), suffix);
        String groupId = groups.byName(fixture.group).id();
        String host = "db-" + suffix + ".example.com";
        InstanceSpec instance = instances.register(groupId, fixture.cluster, host, 3306, admin);
        instances.bind(instance.id(), topicRules.findByGroupAndTopic(groupId, fixture.topic).orElseThrow().id(),
                null, "PROTOBUF");
        instances.recordDbsOrder(instance.id(), "order-" + suffix, null);
        InstanceStatus[] path = {InstanceStatus.init, InstanceStatus.wait, InstanceStatus.unauthorized,
                InstanceStatus.agree, InstanceStatus.online};
        for (int i = 1; i < path.length; i++) {
            instances.changeStatus(instance.id(), path[i - 1], path[i], admin, "test set-up");
        }
        ClusterSpec cluster = clusters.find(fixture.cluster).orElseThrow();
        List<BoundRule> bound = instances.bindings(instance.id()).stream()
                .map(b -> new BoundRule(b.topicRuleId(), b.storageType(), b.convertClass())).toList();
        managerClient.createZnodes(planner.createBody(new DumpTarget(host, 3306, instance.slaveId()), cluster, bound,
                new BinlogPosition("mysql-bin.000001", 4, "", false), NODE_CANDIDATES));
        managerClient.setOnline(DumpPlanner.zk(cluster), host, 3306);
        instances.recordDumpState(instance.id(), DumpState.ONLINE);
        return new Online(suffix, admin, fixture, groupId, cluster, instance.id(), host, 3306);
    }

    // ------------------------------------------------------------------------------------------- operations

    @Test
    void setOfflineOverKafkaThenSetOnlineOverRest() throws Exception {
        Online o = online();
        send(o, request(o, "off-" + o.suffix, "SET_OFFLINE", null));
        awaitSucceeded(o, "off-" + o.suffix, "SET_OFFLINE");
        assertThat(node(o).state()).isEqualTo(NodeState.OFFLINE);
        assertThat(view(o).path("dumpState").asText()).isEqualTo("OFFLINE");
        assertThat(view(o).path("status").asText()).as("Tower's status stays online").isEqualTo("online");

        Response accepted = as(o.admin).post("/api/v1/requests", request(o, "on-" + o.suffix, "SET_ONLINE", null));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(awaitEnd(accepted).getEndActivityId()).isEqualTo("online");
        assertThat(node(o).state()).isEqualTo(NodeState.ONLINE);
        assertThat(view(o).path("dumpState").asText()).isEqualTo("ONLINE");
        List<JsonNode> seen = awaitSucceeded(o, "on-" + o.suffix, "SET_ONLINE");
        assertThat(EventsProbe.types(seen)).containsSubsequence("REQUEST_ACCEPTED", "OPERATION_SUCCEEDED:SET_OFFLINE",
                "REQUEST_ACCEPTED", "OPERATION_SUCCEEDED:SET_ONLINE");
    }

    @Test
    void setBinlogPositionMovesTheDumpAndEndsOnline() throws Exception {
        Online o = online();
        send(o, request(o, "off-" + o.suffix, "SET_OFFLINE", null));
        awaitSucceeded(o, "off-" + o.suffix, "SET_OFFLINE");

        send(o, request(o, "pos-" + o.suffix, "SET_BINLOG_POSITION",
                Map.of("binlogFile", "mysql-bin.000123", "binlogPos", 4567)));
        awaitSucceeded(o, "pos-" + o.suffix, "SET_BINLOG_POSITION");
        InstanceSnapshot node = node(o);
        assertThat(node.dynamic().binlogFile()).isEqualTo("mysql-bin.000123");
        assertThat(node.dynamic().binlogPos()).isEqualTo(4567);
        assertThat(node.dynamic().executedGtidSets()).as("never null: the wave NPEs on it").isEmpty();
        assertThat(node.state()).as("set/binlog restarts the dump").isEqualTo(NodeState.ONLINE);
        assertThat(view(o).path("dumpState").asText()).isEqualTo("ONLINE");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("binlogFile", "../../etc/passwd", "binlogPos", 4),
                Map.of("binlogFile", "mysql-bin.000123", "binlogPos", 3),
                Map.of("binlogFile", "mysql-bin.000123", "binlogPos", "4"),
                Map.of("binlogPos", 4),
                Map.of("binlogFile", "mysql-bin.000123", "binlogPos", 4, "executedGtidSets", "x'; drop"))) {
            Response refused = as(o.admin).post("/api/v1/requests",
                    request(o, unique("bad-"), "SET_BINLOG_POSITION", bad));
            assertThat(refused.status()).as(bad + " " + refused).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.json().path("message").asText()).startsWith("payload.");
        }
        assertThat(node(o).dynamic().binlogFile()).isEqualTo("mysql-bin.000123");
    }

    @Test
    void setLeaderTakesACandidateWaveAndRefusesOthers() {
        Online o = online();
        Response accepted = as(o.admin).post("/api/v1/requests",
                request(o, "lead-" + o.suffix, "SET_LEADER", Map.of("leader", "127.0.0.2")));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(awaitEnd(accepted).getEndActivityId()).isEqualTo("leaderSet");
        assertThat(node(o).leader()).isEqualTo("127.0.0.2");
        assertThat(node(o).state()).isEqualTo(NodeState.ONLINE);
        awaitSucceeded(o, "lead-" + o.suffix, "SET_LEADER");

        // Not a wave of the cluster at all (nor ip:port): refused before anything runs.
        for (String leader : List.of("10.9.9.9", "127.0.0.2:8083", "")) {
            Response refused = as(o.admin).post("/api/v1/requests",
                    request(o, unique("lead-"), "SET_LEADER", Map.of("leader", leader)));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.json().path("message").asText()).contains("payload.leader");
        }

        // A wave of the cluster that is no candidate of the node would never dump it: the process refuses it.
        Response outside = as(o.admin).post("/api/v1/requests",
                request(o, "lead2-" + o.suffix, "SET_LEADER", Map.of("leader", "127.0.0.4")));
        assertThat(outside.status()).isEqualTo(202);
        assertThat(awaitEnd(outside).getEndActivityId()).isEqualTo("leaderRefused");
        assertThat(node(o).leader()).isEqualTo("127.0.0.2");
        JsonNode failed = awaitEvent(o, "lead2-" + o.suffix, "OPERATION_FAILED", "SET_LEADER");
        assertThat(failed.path("error").asText()).contains("not a candidate");
    }

    @Test
    void setCandidatesReplacesTheWavesAndRefusesBadLists() {
        Online o = online();
        Response accepted = as(o.admin).post("/api/v1/requests",
                request(o, "cand-" + o.suffix, "SET_CANDIDATES", Map.of("candidates", List.of("127.0.0.3",
                        "127.0.0.4"))));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(awaitEnd(accepted).getEndActivityId()).isEqualTo("candidatesSet");
        assertThat(node(o).candidates()).containsExactly("127.0.0.3", "127.0.0.4");
        assertThat(node(o).state()).isEqualTo(NodeState.ONLINE);
        awaitSucceeded(o, "cand-" + o.suffix, "SET_CANDIDATES");

        for (Object bad : List.of(List.of(), List.of("127.0.0.3", "127.0.0.3"), List.of("127.0.0.3", "10.1.1.1"),
                "127.0.0.3", List.of(7))) {
            Response refused = as(o.admin).post("/api/v1/requests",
                    request(o, unique("cand-"), "SET_CANDIDATES", Map.of("candidates", bad)));
            assertThat(refused.status()).as(bad + " " + refused).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(node(o).candidates()).containsExactly("127.0.0.3", "127.0.0.4");
    }

    @Test
    void resetCounterZeroesTheWavesCounters() throws Exception {
        Online o = online();
        simulator.waveReport(o.cluster.zkServers(), o.cluster.zkPath(), o.host, o.port, null, new Counter(12, 2), null);
        int writes = node(o).stateWrites().size();
        send(o, request(o, "reset-" + o.suffix, "RESET_COUNTER", null));
        awaitSucceeded(o, "reset-" + o.suffix, "RESET_COUNTER");
        InstanceSnapshot node = node(o);
        assertThat(node.counter().retryTimes()).isZero();
        assertThat(node.counter().killTimes()).isZero();
        assertThat(node.stateWrites()).as("the node is rewritten as it is, to wake the wave").hasSize(writes + 1);
        assertThat(node.state()).isEqualTo(NodeState.ONLINE);
    }

    @Test
    void updateRulesAddsANewlyBoundTopic() throws Exception {
        Online o = online();
        String second = secondTopicRule(o);
        instances.bind(o.id, second, null, "AVRO");
        send(o, request(o, "rules-" + o.suffix, "UPDATE_RULES", null));
        List<JsonNode> seen = awaitSucceeded(o, "rules-" + o.suffix, "UPDATE_RULES");
        assertThat(node(o).topics()).containsExactlyInAnyOrder(o.fixture.topic, "payments_" + o.suffix);
        assertThat(node(o).state()).isEqualTo(NodeState.ONLINE);
        assertThat(view(o).path("dumpState").asText()).isEqualTo("ONLINE");
        assertThat(EventsProbe.types(seen)).doesNotContain("OPERATION_SUCCEEDED:REMOVE_NODE");
    }

    @Test
    void updateRulesThatDropATopicRecreatesTheNodeWhereTheDumpWas() throws Exception {
        Online o = online();
        String second = secondTopicRule(o);
        // The wave has dumped on and replaced a dead candidate since the node was created.
        simulator.waveReport(o.cluster.zkServers(), o.cluster.zkPath(), o.host, o.port,
                new BinlogInfo("mysql-bin.000042", 777, "", "127.0.0.1:8083", 3, 1764101234, 0, "10.0.0.9", false,
                        "", null), null, null);
        Response replaced = as(o.admin).put("/api/v1/instances/" + o.id + "/bindings",
                Map.of("bindings", List.of(Map.of("topicRuleId", second))));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);

        Response accepted = as(o.admin).post("/api/v1/requests", request(o, "drop-" + o.suffix, "UPDATE_RULES", null));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(awaitEnd(accepted).getEndActivityId()).isEqualTo("rulesRecreated");
        InstanceSnapshot node = node(o);
        assertThat(node.topics()).containsExactly("payments_" + o.suffix);
        assertThat(node.state()).isEqualTo(NodeState.ONLINE);
        assertThat(node.dynamic().binlogFile()).isEqualTo("mysql-bin.000042");
        assertThat(node.dynamic().binlogPos()).isEqualTo(777);
        assertThat(node.candidates()).isEqualTo(NODE_CANDIDATES);
        List<String> types = EventsProbe.types(awaitSucceeded(o, "drop-" + o.suffix, "UPDATE_RULES"));
        assertThat(types).containsSubsequence("OPERATION_SUCCEEDED:SET_OFFLINE", "OPERATION_SUCCEEDED:REMOVE_NODE",
                "OPERATION_SUCCEEDED:CREATE_ZNODES", "OPERATION_SUCCEEDED:UPDATE_RULES");
        assertThat(view(o).path("dumpState").asText()).isEqualTo("ONLINE");
    }

    @Test
    void updateRulesIsRefusedWhenTheBindingsCannotDump() {
        Online o = online();
        instances.replaceBindings(o.id, List.of());
        Response refused = as(o.admin).post("/api/v1/requests", request(o, "none-" + o.suffix, "UPDATE_RULES", null));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INSTANCE_NOT_READY");
        assertThat(node(o).topics()).containsExactly(o.fixture.topic);
    }

    @Test
    void removeInstanceStopsRemovesAndNeverRepeatsAFinishedStep() throws Exception {
        Online o = online();
        simulator.failNext(ManagerRoute.REMOVE_NODE, 113, "KeeperErrorCode = ConnectionLoss");
        send(o, request(o, "rm-" + o.suffix, "REMOVE_INSTANCE", null));
        List<JsonNode> seen = awaitSucceeded(o, "rm-" + o.suffix, "REMOVE_INSTANCE");
        assertThat(simulator.snapshot(o.cluster.zkServers(), o.cluster.zkPath(), o.host, o.port)).isEmpty();
        JsonNode removed = view(o);
        assertThat(removed.path("status").asText()).isEqualTo("removed");
        assertThat(removed.path("dumpState").asText()).isEqualTo("OFFLINE");
        assertThat(removed.path("statusActor").asText()).isEqualTo("erp-portal");
        assertThat(EventsProbe.types(seen)).containsSubsequence("OPERATION_SUCCEEDED:SET_OFFLINE",
                "OPERATION_FAILED:REMOVE_NODE", "OPERATION_SUCCEEDED:REMOVE_NODE", "STATUS_CHANGED:removed",
                "OPERATION_SUCCEEDED:REMOVE_INSTANCE");
        // The retried remove/node did not take the node offline again.
        assertThat(calls(o, ManagerRoute.SET_OFFLINE)).isEqualTo(1);
        assertThat(calls(o, ManagerRoute.REMOVE_NODE)).isEqualTo(2);

        Response after = as(o.admin).post("/api/v1/requests", request(o, "on-" + o.suffix, "SET_ONLINE", null));
        assertThat(after.status()).isEqualTo(409);
        assertThat(after.code()).isEqualTo("REQUEST_NOT_ALLOWED");
        assertThat(after.json().path("message").asText()).contains("is removed");
    }

    // ------------------------------------------------------------------------------------------- refusals

    @Test
    void requestsForAnUnknownOrNotOnlineInstanceOrFromOutsidersAreRefused() throws Exception {
        Online o = online();
        Map<String, Object> unknown = new HashMap<>(request(o, "u-" + o.suffix, "SET_OFFLINE", null));
        unknown.put("instance", Map.of("host", "nowhere-" + o.suffix + ".example.com", "port", 3306));
        Response notFound = as(o.admin).post("/api/v1/requests", unknown);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.code()).isEqualTo("INSTANCE_NOT_FOUND");
        unknown.put("requestId", "uk-" + o.suffix);
        kafka.send("tower.requests", "nowhere", JSON.writeValueAsString(unknown)).get();
        assertThat(rejection("uk-" + o.suffix).path("code").asText()).isEqualTo("INSTANCE_NOT_FOUND");

        Map<String, Object> noInstance = new HashMap<>(request(o, "ni-" + o.suffix, "SET_OFFLINE", null));
        noInstance.remove("instance");
        assertThat(as(o.admin).post("/api/v1/requests", noInstance).code()).isEqualTo("VALIDATION_FAILED");

        // Registered but not online (still waiting for its approvals).
        String waiting = "db2-" + o.suffix + ".example.com";
        instances.register(o.groupId, o.fixture.cluster, waiting, 3306, o.admin);
        Map<String, Object> early = new HashMap<>(request(o, "w-" + o.suffix, "SET_ONLINE", null));
        early.put("instance", Map.of("host", waiting, "port", 3306));
        Response notOnline = as(o.admin).post("/api/v1/requests", early);
        assertThat(notOnline.status()).isEqualTo(409);
        assertThat(notOnline.code()).isEqualTo("REQUEST_NOT_ALLOWED");
        assertThat(notOnline.json().path("message").asText()).contains("is init")
                .contains("allowed only on an online instance");

        // Only the group's admins may operate its instances over REST; a plain member or an outsider may not.
        String member = users.user("member" + o.suffix);
        assertThat(as(o.admin).post("/api/v1/groups/" + o.fixture.group + "/members",
                Map.of("userId", member, "role", "user")).status()).isBetween(200, 299);
        String outsider = users.user("outsider" + o.suffix);
        for (String caller : List.of(member, outsider)) {
            Response forbidden = as(caller).post("/api/v1/requests",
                    request(o, unique("f-"), "SET_OFFLINE", null));
            assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        }
        assertThat(anonymous().post("/api/v1/requests", request(o, unique("a-"), "SET_OFFLINE", null)).status())
                .isEqualTo(401);

        // A request naming another group or cluster than the instance's is a mistake, not a redirection.
        Map<String, Object> otherGroup = new HashMap<>(request(o, "og-" + o.suffix, "SET_OFFLINE", null));
        otherGroup.put("group", "someoneelse");
        assertThat(as(o.admin).post("/api/v1/requests", otherGroup).code()).isEqualTo("INSTANCE_IN_OTHER_GROUP");
        Map<String, Object> otherCluster = new HashMap<>(request(o, "oc-" + o.suffix, "SET_OFFLINE", null));
        otherCluster.put("instance", Map.of("host", o.host, "port", o.port, "cluster", "elsewhere"));
        assertThat(as(o.admin).post("/api/v1/requests", otherCluster).code()).isEqualTo("REQUEST_NOT_ALLOWED");

        assertThat(node(o).state()).isEqualTo(NodeState.ONLINE);
        assertThat(node(o).stateWrites()).as("nothing reached the manager").hasSize(2);
    }

    @Test
    void aManagerFailureBecomesAnIncidentBlocksOtherOperationsAndARetryCompletesIt() {
        Online o = online();
        String processId;
        simulator.setUnavailable(true);
        try {
            Response accepted = as(o.admin).post("/api/v1/requests",
                    request(o, "off-" + o.suffix, "SET_OFFLINE", null));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            processId = accepted.json().path("processInstanceId").asText();
            Incident incident = await().atMost(WAIT).until(() -> runtime.createIncidentQuery()
                    .processInstanceId(processId).singleResult(), i -> i != null);
            assertThat(incident.getActivityId()).isEqualTo("setOffline");
            assertThat(incident.getIncidentMessage()).contains("/set/offline/").contains("HTTP 503");

            // One operation at a time: the stuck one blocks the next until an operator resolves it.
            Response busy = as(o.admin).post("/api/v1/requests", request(o, "on-" + o.suffix, "SET_ONLINE", null));
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.code()).isEqualTo("REQUEST_NOT_ALLOWED");
            assertThat(busy.json().path("message").asText()).contains("still running").contains("SET_OFFLINE");
        } finally {
            simulator.setUnavailable(false);
        }
        // What an operator does in Cockpit: give the failed job another try.
        Job failed = management.createJobQuery().processInstanceId(processId).withException().singleResult();
        management.setJobRetries(failed.getId(), 1);
        await().atMost(WAIT).until(() -> history.createHistoricProcessInstanceQuery().processInstanceId(processId)
                .finished().count() == 1);
        assertThat(node(o).state()).isEqualTo(NodeState.OFFLINE);
        assertThat(view(o).path("dumpState").asText()).isEqualTo("OFFLINE");
        List<JsonNode> seen = awaitSucceeded(o, "off-" + o.suffix, "SET_OFFLINE");
        JsonNode failure = seen.stream().filter(e -> "OPERATION_FAILED".equals(e.path("type").asText()))
                .findFirst().orElseThrow();
        assertThat(failure.path("requestId").asText()).isEqualTo("off-" + o.suffix);
        assertThat(failure.path("error").asText()).contains("unavailable");
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** A second topic rule of the instance's group, with the group's white filter. */
    private String secondTopicRule(Online o) {
        String whiteFilter = null;
        for (JsonNode f : as(o.admin).get("/api/v1/groups/" + o.fixture.group + "/filters?size=50").json()
                .path("items")) {
            if ("WHITE".equals(f.path("type").asText())) {
                whiteFilter = f.path("id").asText();
            }
        }
        assertThat(whiteFilter).isNotNull();
        Response rule = as(o.admin).post("/api/v1/groups/" + o.fixture.group + "/topic-rules", Map.of("topic",
                "payments_" + o.suffix, "name", "Payments", "orderType", "TABLE_ORDER", "filterIds",
                List.of(whiteFilter)));
        assertThat(rule.status()).as(rule.toString()).isBetween(200, 299);
        return rule.json().path("id").asText();
    }

    private Map<String, Object> request(Online o, String requestId, String type, Map<String, Object> payload) {
        Map<String, Object> r = new HashMap<>();
        r.put("requestId", requestId);
        r.put("type", type);
        r.put("requestedBy", "erp-portal");
        r.put("instance", Map.of("host", o.host, "port", o.port));
        if (payload != null) {
            r.put("payload", payload);
        }
        return r;
    }

    private void send(Online o, Map<String, Object> request) throws Exception {
        kafka.send("tower.requests", o.key(), JSON.writeValueAsString(request)).get();
    }

    private InstanceSnapshot node(Online o) {
        return simulator.snapshot(o.cluster.zkServers(), o.cluster.zkPath(), o.host, o.port).orElseThrow();
    }

    private JsonNode view(Online o) {
        Response r = as(o.admin).get("/api/v1/instances/" + o.id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private long calls(Online o, ManagerRoute route) {
        return simulator.journal().stream().filter(e -> e.route() == route && e.request() != null
                && o.host.equals(e.request().path("dbInfo").path("host").asText())).map(JournalEntry::code).count();
    }

    /** Waits for the process a REST request started to end, failing at once if it meets an incident. */
    private HistoricProcessInstance awaitEnd(Response accepted) {
        String processId = accepted.json().path("processInstanceId").asText();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Incident incident = runtime.createIncidentQuery().processInstanceId(processId).singleResult();
            if (incident != null) {
                throw new IllegalStateException("Incident at " + incident.getActivityId() + ": "
                        + incident.getIncidentMessage());
            }
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processId).finished().count())
                    .isEqualTo(1);
        });
        return history.createHistoricProcessInstanceQuery().processInstanceId(processId).singleResult();
    }

    /** The instance's events until the request's OPERATION_SUCCEEDED for its type. */
    private List<JsonNode> awaitSucceeded(Online o, String requestId, String operation) {
        awaitEvent(o, requestId, "OPERATION_SUCCEEDED", operation);
        return events.forKey(o.id);
    }

    private JsonNode awaitEvent(Online o, String requestId, String type, String operation) {
        List<JsonNode> seen = events.awaitKey(o.id, l -> l.stream().anyMatch(e -> matches(e, requestId, type,
                operation)), WAIT);
        return seen.stream().filter(e -> matches(e, requestId, type, operation)).findFirst().orElseThrow();
    }

    private static boolean matches(JsonNode e, String requestId, String type, String operation) {
        return type.equals(e.path("type").asText()) && requestId.equals(e.path("requestId").asText())
                && operation.equals(e.path("operation").asText());
    }

    private JsonNode rejection(String requestId) {
        var record = events.awaitRecord(r -> {
            JsonNode e = EventsProbe.parse(r.value());
            return "REQUEST_REJECTED".equals(e.path("type").asText()) && requestId.equals(e.path("requestId").asText());
        }, WAIT);
        return EventsProbe.parse(record.value());
    }
}
