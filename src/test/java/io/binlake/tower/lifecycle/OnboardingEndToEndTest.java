package io.binlake.tower.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.common.Ids;
import io.binlake.tower.manager.ManagerRoute;
import io.binlake.tower.manager.NodeState;
import io.binlake.tower.manager.simulator.JournalEntry;
import io.binlake.tower.manager.simulator.ManagerSimulator;
import io.binlake.tower.testsupport.BinlogMariaDb;
import io.binlake.tower.testsupport.EventsProbe;
import io.binlake.tower.testsupport.LifecycleFixture;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The whole path through real things: a request on the embedded Kafka broker, the jdbc DBS provider granting for
 * real on the binary-logging MariaDB, the DBA and the approver deciding through Tower's API and the engine REST
 * API, the manager simulator receiving create (OFFLINE) then set/online, and the events on tower.events in order.
 */
class OnboardingEndToEndTest extends TowerIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ManagerSimulator manager;
    @Autowired
    IdentityService identityService;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    static BinlogMariaDb db;

    @BeforeAll
    static void instanceIsAReplica() throws Exception {
        db = LifecycleFixture.replicaWithAdminAccount();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // The grant must create the dump account: it does not exist before.
            s.execute("DROP USER IF EXISTS '" + LifecycleFixture.DUMP_USER + "'@'127.0.0.1'");
        }
    }

    @AfterAll
    static void forgetReplication() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("RESET SLAVE ALL");
        }
    }

    @Test
    void onboardsThroughKafkaToOnlineWithARealGrant() throws Exception {
        String suffix = unique("").toLowerCase();
        String creator = users.user("creator" + suffix);
        String other = users.user("other" + suffix);
        String dba = users.user("dba" + suffix);
        identityService.createMembership(dba, "dba");
        String root = users.superAdmin("root" + suffix);
        as(other).post("/api/v1/groups", Map.of("name", "other" + suffix));
        var fixture = LifecycleFixture.create(as(creator), creator, as(root),
                LifecycleFixture.jdbcCluster("c" + suffix, "/zk/" + suffix), suffix);
        String host = db.host();
        int port = db.port();
        String instanceId = Ids.instance(host, port);
        String requestId = "req-" + suffix;

        try (EventsProbe events = new EventsProbe(brokers, "tower.events")) {
            kafka.send("tower.requests", host + ":" + port,
                    JSON.writeValueAsString(fixture.onboardRequest(requestId, host, port))).get();

            awaitInstanceStatus(creator, instanceId, "wait");
            JsonNode dbaTask = awaitTask(dba, instanceId, "dbaDecision");
            assertThat(as(creator).post("/api/v1/tasks/" + dbaTask.path("id").asText() + "/decision",
                    Map.of("decision", "agree")).status()).as("not a DBA").isEqualTo(403);
            assertThat(as(dba).post("/api/v1/tasks/" + dbaTask.path("id").asText() + "/decision",
                    Map.of("decision", "agree", "comment", "grant ok")).status()).isEqualTo(200);

            awaitInstanceStatus(creator, instanceId, "unauthorized");
            JsonNode approval = awaitTask(creator, instanceId, "approveOnboarding");
            assertThat(approval.path("host").asText()).isEqualTo(host);
            assertThat(approval.path("topics").asText()).isEqualTo(fixture.topic);
            assertThat(approval.path("filters").asText()).contains("WHITE orders\\.order_[0-9]+");
            assertThat(approval.path("requestedBy").asText()).isEqualTo("erp-portal");
            String taskId = approval.path("id").asText();

            // An approver of another group neither sees nor completes it, through Tower's API or the engine's.
            assertThat(as(other).get("/api/v1/tasks").json().path("items").toString()).doesNotContain(taskId);
            assertThat(as(other).post("/api/v1/tasks/" + taskId + "/decision", Map.of("decision", "agree"))
                    .status()).isEqualTo(403);
            assertThat(as(other).get("/engine-rest/task?processInstanceBusinessKey=" + instanceId).json().size())
                    .isZero();
            assertThat(as(other).post("/engine-rest/task/" + taskId + "/complete", decision("agree")).status())
                    .isIn(403, 404, 500).isNotEqualTo(204);

            // The group's approver completes it through the engine REST API (as Tasklist does).
            assertThat(as(creator).get("/engine-rest/task?processInstanceBusinessKey=" + instanceId).json()
                    .toString()).contains(taskId);
            var completed = as(creator).post("/engine-rest/task/" + taskId + "/complete", decision("agree"));
            assertThat(completed.status()).as(completed.toString()).isEqualTo(204);

            JsonNode online = awaitInstanceStatus(creator, instanceId, "online");
            assertThat(online.path("dumpState").asText()).isEqualTo("ONLINE");

            // The grant happened for real on the instance.
            assertThat(showGrants(LifecycleFixture.DUMP_USER, "127.0.0.1")).contains("REPLICATION SLAVE")
                    .contains("SELECT");

            // The manager got create/znodes staged OFFLINE, then set/online, and holds the rules.
            List<JournalEntry> calls = journalFor(host, port);
            assertThat(calls).extracting(JournalEntry::route)
                    .containsSubsequence(ManagerRoute.CREATE_ZNODES, ManagerRoute.SET_ONLINE);
            JournalEntry create = calls.stream().filter(c -> c.route() == ManagerRoute.CREATE_ZNODES).findFirst()
                    .orElseThrow();
            assertThat(create.code()).isEqualTo(1000);
            assertThat(create.request().path("dbInfo").path("state").asText()).isEqualTo("OFFLINE");
            assertThat(create.request().path("dbInfo").path("password").asText())
                    .isEqualTo(LifecycleFixture.DUMP_PASSWORD);
            assertThat(create.request().path("slave").path("binlogFile").asText()).startsWith("mysql-bin.");
            assertThat(create.request().path("candidate")).hasSize(3);
            var snapshot = manager.snapshot("127.0.0.1:2181", fixture.zkPath, host, port).orElseThrow();
            assertThat(snapshot.state()).isEqualTo(NodeState.ONLINE);
            assertThat(snapshot.topics()).containsExactly(fixture.topic);

            // The events, in order, for this instance.
            List<JsonNode> seen = events.awaitKey(instanceId, list -> EventsProbe.types(list)
                    .contains("STATUS_CHANGED:online"), PATIENCE);
            assertThat(EventsProbe.types(seen)).containsSubsequence("REQUEST_ACCEPTED", "STATUS_CHANGED:wait",
                    "OPERATION_SUCCEEDED:OPEN_DBS_ORDER", "TASK_CREATED", "STATUS_CHANGED:unauthorized",
                    "TASK_CREATED", "STATUS_CHANGED:agree", "OPERATION_SUCCEEDED:GRANT_DUMP_ACCOUNT",
                    "OPERATION_SUCCEEDED:FORCE_ROW_FORMAT", "OPERATION_SUCCEEDED:CREATE_ZNODES",
                    "OPERATION_SUCCEEDED:SET_ONLINE", "STATUS_CHANGED:online");
            JsonNode agreed = seen.stream().filter(e -> "agree".equals(e.path("to").asText())).findFirst()
                    .orElseThrow();
            assertThat(agreed.path("actor").asText()).isEqualTo(creator);
            assertThat(agreed.path("requestId").asText()).isEqualTo(requestId);
            assertThat(seen).allSatisfy(e -> {
                assertThat(e.path("eventId").asText()).isNotBlank();
                assertThat(e.path("occurredAt").asText()).isNotBlank();
                assertThat(e.path("instanceId").asText()).isEqualTo(instanceId);
            });
            JsonNode dbaApproved = seen.stream().filter(e -> "unauthorized".equals(e.path("to").asText()))
                    .findFirst().orElseThrow();
            assertThat(dbaApproved.path("actor").asText()).isEqualTo(dba);
            assertThat(dbaApproved.path("reason").asText()).contains("grant ok");
        }
    }

    static Map<String, Object> decision(String decision) {
        return Map.of("variables", Map.of("decision", Map.of("value", decision), "comment",
                Map.of("value", "looks fine")));
    }

    List<JournalEntry> journalFor(String host, int port) {
        return manager.journal().stream().filter(e -> e.request() != null
                && host.equals(e.request().path("dbInfo").path("host").asText())
                && port == e.request().path("dbInfo").path("port").asInt()).toList();
    }

    static String showGrants(String user, String host) throws Exception {
        List<String> grants = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GRANTS FOR '" + user + "'@'" + host + "'")) {
            while (rs.next()) {
                grants.add(rs.getString(1));
            }
        }
        return String.join("\n", grants);
    }
}
