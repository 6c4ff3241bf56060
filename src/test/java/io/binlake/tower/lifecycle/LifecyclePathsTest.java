package io.binlake.tower.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.common.Ids;
import io.binlake.tower.dbs.simulator.DbsSimulator;
import io.binlake.tower.manager.simulator.ManagerSimulator;
import io.binlake.tower.testsupport.BinlogMariaDb;
import io.binlake.tower.testsupport.EventsProbe;
import io.binlake.tower.testsupport.LifecycleFixture;
import io.binlake.tower.testsupport.TestSimulators;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

/** The lifecycle's other paths, each through the running service: oppose, rejection, expiry, failures, bad input. */
class LifecyclePathsTest extends TowerIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ManagerSimulator manager;
    @Autowired
    DbsSimulator dbs;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @BeforeAll
    static void instanceIsAReplica() throws Exception {
        LifecycleFixture.replicaWithAdminAccount();
    }

    record Setup(String suffix, String creator, LifecycleFixture fixture) {
    }

    Setup setup(boolean http) {
        String suffix = unique("").toLowerCase();
        String creator = users.user("creator" + suffix);
        String root = users.superAdmin("root" + suffix);
        Map<String, Object> cluster = http ? LifecycleFixture.httpCluster("c" + suffix, "/zk/" + suffix)
                : LifecycleFixture.jdbcCluster("c" + suffix, "/zk/" + suffix);
        return new Setup(suffix, creator, LifecycleFixture.create(as(creator), creator, as(root), cluster, suffix));
    }

    @Test
    void dbsApprovesThroughTheCallbackAndTheApproverOpposes() {
        Setup s = setup(true);
        String host = "db-" + s.suffix + ".example.com";
        String instanceId = Ids.instance(host, 3306);
        dbs.callbackUrl("http://127.0.0.1:" + port + "/api/v1/dbs/callback", TestSimulators.DBS_TOKEN);

        var accepted = as(s.creator).post("/api/v1/requests", s.fixture.onboardRequest("r-" + s.suffix, host, 3306));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode waiting = awaitInstanceStatus(s.creator, instanceId, "wait");
        String orderId = waiting.path("dbsOrderId").asText();
        assertThat(dbs.order(orderId)).isPresent();

        // A forged callback is refused; the real one (the simulator, with the cluster's token) is accepted.
        var forged = anonymous().postRaw("/api/v1/dbs/callback", "{\"orderId\":\"" + orderId + "\",\"approved\":true}");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("DBS_CALLBACK_TOKEN_INVALID");
        dbs.approve(orderId, "dba.zhang", "ok from DBS");
        awaitInstanceStatus(s.creator, instanceId, "unauthorized");
        // A second decision for the same order is refused as decided; an unknown order as not found.
        assertThat(callback(orderId, TestSimulators.DBS_TOKEN)).startsWith("409").contains("DBS_ORDER_DECIDED");
        assertThat(callback("no-such-order", TestSimulators.DBS_TOKEN)).startsWith("404")
                .contains("DBS_ORDER_NOT_FOUND");

        JsonNode task = awaitTask(s.creator, instanceId, "approveOnboarding");
        // A super admin sees every group's tasks.
        String root = users.superAdmin("root2" + s.suffix);
        assertThat(as(root).get("/api/v1/tasks?size=200").json().path("items").toString())
                .contains(task.path("id").asText());
        // The approver decides in Tasklist: the webapp's own login, then its form submission.
        var tasklist = new io.binlake.tower.testsupport.TasklistClient(port);
        assertThat(tasklist.login(s.creator, io.binlake.tower.testsupport.TestUsers.passwordOf(s.creator)))
                .isEqualTo(200);
        String submitted = tasklist.submitForm(task.path("id").asText(),
                "{\"decision\":{\"value\":\"oppose\"},\"comment\":{\"value\":\"not this quarter\"}}");
        assertThat(submitted).startsWith("204");
        JsonNode opposed = awaitInstanceStatus(s.creator, instanceId, "oppose");
        assertThat(opposed.path("statusActor").asText()).isEqualTo(s.creator);
        assertThat(opposed.path("statusReason").asText()).contains("not this quarter");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(instanceId).count()).isZero();
    }

    private String callback(String orderId, String token) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                    + "/api/v1/dbs/callback")).header("Content-Type", "application/json").header("X-DBS-Token", token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"orderId\":\"" + orderId
                            + "\",\"approved\":true,\"approver\":\"dba\"}")).build();
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dbsRejectionOverKafkaOpposesAndAReapplicationStartsAgain() throws Exception {
        Setup s = setup(true);
        String host = "db-" + s.suffix + ".example.com";
        String instanceId = Ids.instance(host, 3307);
        send(s.fixture.onboardRequest("r1-" + s.suffix, host, 3307));
        String orderId = awaitInstanceStatus(s.creator, instanceId, "wait").path("dbsOrderId").asText();

        send(Map.of("requestId", "d-" + s.suffix, "type", "DBS_DECISION", "requestedBy", "dbs",
                "payload", Map.of("orderId", orderId, "approved", false, "approver", "dba.li",
                        "comment", "binlog too large")));
        JsonNode opposed = awaitInstanceStatus(s.creator, instanceId, "oppose");
        assertThat(opposed.path("statusActor").asText()).isEqualTo("dba.li");
        assertThat(opposed.path("statusReason").asText()).contains("binlog too large");

        // A decision for an order that is decided already is rejected with a code, and nothing changes.
        try (EventsProbe events = new EventsProbe(brokers, "tower.events")) {
            send(Map.of("requestId", "d2-" + s.suffix, "type", "DBS_DECISION", "requestedBy", "dbs",
                    "payload", Map.of("orderId", orderId, "approved", true)));
            JsonNode rejected = rejection(events, "d2-" + s.suffix);
            assertThat(rejected.path("code").asText()).isEqualTo("DBS_ORDER_DECIDED");
        }
        // Opposed instances may apply again.
        send(s.fixture.onboardRequest("r2-" + s.suffix, host, 3307));
        awaitInstanceStatus(s.creator, instanceId, "wait");
    }

    @Test
    void noDbsDecisionInTimeExpiresIntoOppose() {
        Setup s = setup(true);
        String host = "db-" + s.suffix + ".example.com";
        String instanceId = Ids.instance(host, 3306);
        assertThat(as(s.creator).post("/api/v1/requests", s.fixture.onboardRequest("r-" + s.suffix, host, 3306))
                .status()).isEqualTo(202);
        awaitInstanceStatus(s.creator, instanceId, "wait");
        String processId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(instanceId).singleResult()
                .getId();
        // The timers wait days; Cockpit (or this test) can fire one at once.
        Job reminder = management.createJobQuery().processInstanceId(processId).activityId("dbsReminder")
                .singleResult();
        management.executeJob(reminder.getId());
        assertThat(as(s.creator).get("/api/v1/instances/" + instanceId).json().path("status").asText())
                .isEqualTo("wait");
        Job expiry = management.createJobQuery().processInstanceId(processId).activityId("dbsExpired").singleResult();
        management.executeJob(expiry.getId());
        JsonNode opposed = awaitInstanceStatus(s.creator, instanceId, "oppose");
        assertThat(opposed.path("statusReason").asText()).contains("No DBS decision within P7D");
    }

    @Test
    void deletingAWaitingInstanceEndsItsLifecycle() {
        Setup s = setup(true);
        String host = "db-" + s.suffix + ".example.com";
        String instanceId = Ids.instance(host, 3306);
        assertThat(as(s.creator).post("/api/v1/requests", s.fixture.onboardRequest("r-" + s.suffix, host, 3306))
                .status()).isEqualTo(202);
        awaitInstanceStatus(s.creator, instanceId, "wait");
        String processId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(instanceId).singleResult()
                .getId();
        assertThat(management.createJobQuery().processInstanceId(processId).count()).as("reminder, expiry")
                .isEqualTo(2);
        assertThat(as(s.creator).delete("/api/v1/instances/" + instanceId).status()).isEqualTo(204);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(instanceId).count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(processId).count()).isZero();
    }

    @Test
    void duplicateRequestIsAnsweredAgainNotRunAgain() {
        Setup s = setup(true);
        String host = "db-" + s.suffix + ".example.com";
        String instanceId = Ids.instance(host, 3306);
        Map<String, Object> request = s.fixture.onboardRequest("dup-" + s.suffix, host, 3306);
        var first = as(s.creator).post("/api/v1/requests", request);
        assertThat(first.status()).isEqualTo(202);
        var second = as(s.creator).post("/api/v1/requests", request);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("duplicate").asBoolean()).isTrue();
        assertThat(second.json().path("processInstanceId").asText())
                .isEqualTo(first.json().path("processInstanceId").asText());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(instanceId).count()).isEqualTo(1);
        // A new request for the same instance while its lifecycle runs is refused with a reason.
        var busy = as(s.creator).post("/api/v1/requests", s.fixture.onboardRequest("other-" + s.suffix, host, 3306));
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("REQUEST_NOT_ALLOWED");
    }

    @Test
    void malformedAndHostileRequestsAreRejectedAndNeverStallThePartition() throws Exception {
        Setup s = setup(true);
        try (EventsProbe events = new EventsProbe(brokers, "tower.events");
                EventsProbe dlt = new EventsProbe(brokers, "tower.requests.DLT")) {
            String key = "db-" + s.suffix + ":3306";
            kafka.send("tower.requests", key, "this is {not json").get();
            var dead = dlt.awaitRecord(r -> "this is {not json".equals(r.value()), PATIENCE);
            assertThat(new String(dead.headers().lastHeader("tower-dlt-reason").value(), StandardCharsets.UTF_8))
                    .contains("JSON");

            Map<String, Object> hostile = new HashMap<>(s.fixture.onboardRequest("h-" + s.suffix,
                    "x'; DROP TABLE mysql_instance; --", 3306));
            send(key, hostile);
            assertThat(rejection(events, "h-" + s.suffix).path("code").asText()).isEqualTo("VALIDATION_FAILED");

            Map<String, Object> unknownGroup = new HashMap<>(s.fixture.onboardRequest("g-" + s.suffix,
                    "db-" + s.suffix + ".example.com", 3306));
            unknownGroup.put("group", "nosuchgroup" + s.suffix);
            send(key, unknownGroup);
            assertThat(rejection(events, "g-" + s.suffix).path("code").asText()).isEqualTo("GROUP_NOT_FOUND");

            Map<String, Object> unknownTopic = new HashMap<>(s.fixture.onboardRequest("t-" + s.suffix,
                    "db-" + s.suffix + ".example.com", 3306));
            unknownTopic.put("payload", Map.of("topics", List.of("nosuchtopic")));
            send(key, unknownTopic);
            assertThat(rejection(events, "t-" + s.suffix).path("code").asText()).isEqualTo("TOPIC_RULE_NOT_FOUND");

            kafka.send("tower.requests", key, "{\"requestId\":\"w-" + s.suffix + "\",\"type\":\"ONBOARD_INSTANCE\","
                    + "\"requestedBy\":\"x\",\"instance\":{\"host\":\"h\",\"port\":\"not a port\"}}").get();
            assertThat(rejection(events, "w-" + s.suffix).path("code").asText()).isEqualTo("MALFORMED_REQUEST");

            kafka.send("tower.requests", key, "{\"requestId\":\"u-" + s.suffix + "\",\"type\":\"LAUNCH_MISSILES\","
                    + "\"requestedBy\":\"x\"}").get();
            assertThat(rejection(events, "u-" + s.suffix).path("code").asText()).isEqualTo("MALFORMED_REQUEST");

            // The same partition goes on: a valid request behind the bad ones is accepted.
            String host = "db-" + s.suffix + ".example.com";
            send(key, s.fixture.onboardRequest("ok-" + s.suffix, host, 3306));
            awaitInstanceStatus(s.creator, Ids.instance(host, 3306), "wait");
        }
        // Over REST the same refusals are HTTP errors with the code.
        var notJson = as(s.creator).postRaw("/api/v1/requests", "[1,2");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("MALFORMED_REQUEST");
        var noTopics = new HashMap<>(s.fixture.onboardRequest("v-" + s.suffix, "db3-" + s.suffix + ".example.com",
                3306));
        noTopics.put("instance", Map.of("host", "bad host!", "port", 70000, "cluster", s.fixture.cluster));
        var invalid = as(s.creator).post("/api/v1/requests", noTopics);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.json().path("details").path("requestId").asText()).isEqualTo("v-" + s.suffix);
        assertThat(invalid.json().path("details").path("fields").has("instance.host")).isTrue();
        assertThat(invalid.json().path("details").path("fields").has("instance.port")).isTrue();
        var outsider = users.user("outsider" + s.suffix);
        var refused = as(outsider).post("/api/v1/requests", s.fixture.onboardRequest("o-" + s.suffix,
                "db2-" + s.suffix + ".example.com", 3306));
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void managerFailureBecomesAnIncidentAndARetryResumesWithoutRepeatingTheGrant() throws Exception {
        Setup s = setup(false);
        // Same server as the other end-to-end test, under another name: a second instance to Tower.
        String host = "localhost";
        int port = BinlogMariaDb.get().port();
        String instanceId = Ids.instance(host, port);
        try (EventsProbe events = new EventsProbe(brokers, "tower.events")) {
            send(s.fixture.onboardRequest("r-" + s.suffix, host, port));
            awaitInstanceStatus(s.creator, instanceId, "wait");
            decideAll("dba", instanceId, s);
            awaitInstanceStatus(s.creator, instanceId, "unauthorized");
            manager.setUnavailable(true);
            try {
                JsonNode task = awaitTask(s.creator, instanceId, "approveOnboarding");
                as(s.creator).post("/api/v1/tasks/" + task.path("id").asText() + "/decision",
                        Map.of("decision", "agree"));
                String processId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(instanceId)
                        .singleResult().getId();
                Incident incident = await().atMost(PATIENCE).until(() -> runtime.createIncidentQuery()
                        .processInstanceId(processId).singleResult(), i -> i != null);
                assertThat(incident.getActivityId()).isEqualTo("createZnodes");
                assertThat(incident.getIncidentMessage()).contains("create/znodes");
                assertThat(as(s.creator).get("/api/v1/instances/" + instanceId).json().path("status").asText())
                        .isEqualTo("agree");
            } finally {
                manager.setUnavailable(false);
            }
            // What an operator does in Cockpit: give the failed job a retry.
            Job failed = management.createJobQuery().processInstanceId(runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(instanceId).singleResult().getId()).withException().singleResult();
            management.setJobRetries(failed.getId(), 1);
            awaitInstanceStatus(s.creator, instanceId, "online");
            List<String> types = EventsProbe.types(events.awaitKey(instanceId,
                    l -> EventsProbe.types(l).contains("STATUS_CHANGED:online"), PATIENCE));
            assertThat(types).contains("OPERATION_FAILED:CREATE_ZNODES");
            assertThat(types.stream().filter("OPERATION_SUCCEEDED:GRANT_DUMP_ACCOUNT"::equals).count()).isEqualTo(1);
            assertThat(types.stream().filter("OPERATION_SUCCEEDED:CREATE_ZNODES"::equals).count()).isEqualTo(1);
        }
    }

    private void decideAll(String dbaGroupMember, String instanceId, Setup s) {
        String dba = users.user("dba" + s.suffix);
        identity().createMembership(dba, dbaGroupMember);
        JsonNode task = awaitTask(dba, instanceId, "dbaDecision");
        assertThat(as(dba).post("/api/v1/tasks/" + task.path("id").asText() + "/decision",
                Map.of("decision", "agree")).status()).isEqualTo(200);
    }

    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    private org.camunda.bpm.engine.IdentityService identity() {
        return identityService;
    }

    private void send(Map<String, Object> request) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> instance = (Map<String, Object>) request.get("instance");
        send(instance == null ? "dbs" : instance.get("host") + ":" + instance.get("port"), request);
    }

    private void send(String key, Map<String, Object> request) throws Exception {
        kafka.send("tower.requests", key, JSON.writeValueAsString(request)).get();
    }

    private static JsonNode rejection(EventsProbe events, String requestId) {
        var record = events.awaitRecord(r -> {
            JsonNode e = EventsProbe.parse(r.value());
            return "REQUEST_REJECTED".equals(e.path("type").asText()) && requestId.equals(e.path("requestId").asText());
        }, PATIENCE);
        return EventsProbe.parse(record.value());
    }
}
