package io.binlake.tower.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.testsupport.ApiClient.Response;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@RecordApplicationEvents
class InstanceApiTest extends TowerIntegrationTest {
    private static final String PROTOBUF = "com.jd.binlog.convert.ProtobufConverter";
    private static final String AVRO = "com.jd.binlog.convert.AvroConverter";

    @Autowired
    InstanceService instances;
    @Autowired
    ApplicationEvents events;
    @Autowired
    JdbcTemplate jdbc;

    /** A group with a creator, an admin, a plain member, an outsider, a super admin, and a cluster. */
    record World(String root, String creator, String admin, String member, String outsider, String group,
            String groupId, String cluster, long slaveId) {
    }

    private World world() {
        String root = users.superAdmin(unique("root"));
        String creator = users.user(unique("creator"));
        String admin = users.user(unique("admin"));
        String member = users.user(unique("member"));
        String outsider = users.user(unique("outsider"));
        String group = unique("grp");
        assertThat(as(creator).post("/api/v1/groups", Map.of("name", group)).status()).isEqualTo(201);
        as(creator).post("/api/v1/groups/" + group + "/members", Map.of("userId", admin, "role", "admin"));
        as(creator).post("/api/v1/groups/" + group + "/members", Map.of("userId", member, "role", "user"));
        String cluster = unique("zh");
        long slaveId = 7000 + (long) (Math.random() * 1000);
        Map<String, Object> c = new HashMap<>();
        c.put("keyword", cluster);
        c.put("displayName", "Cluster " + cluster);
        c.put("zkServers", "zk.example.com:2181");
        c.put("zkPath", "/zk/" + cluster);
        c.put("slaveId", slaveId);
        c.put("slaveUuid", "54c7c6f0-70ad-11e9-a07d-8c1645350bc8");
        c.put("kafkaBootstrapServers", "kafka.example.com:9092");
        c.put("dbsProvider", "HTTP");
        c.put("dbsApiUrl", "http://dbs.example.com");
        c.put("dbsToken", "tok-SECRET");
        c.put("dumpUser", "binlake");
        c.put("dumpPassword", "dump-SECRET");
        c.put("waves", List.of("10.8.0.1"));
        assertThat(as(root).post("/api/v1/clusters", c).status()).isEqualTo(201);
        return new World(root, creator, admin, member, outsider, group, Ids.group(group), cluster, slaveId);
    }

    private Response register(World w, String caller, String... hosts) {
        return as(caller).post("/api/v1/groups/" + w.group() + "/instances",
                Map.of("cluster", w.cluster(), "hosts", List.of(hosts)));
    }

    private String registerOne(World w, String host) {
        Response r = register(w, w.admin(), host);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("instances").get(0).path("id").asText();
    }

    private String topicRule(World w, String caller) {
        String topic = unique("orders");
        Response r = as(caller).post("/api/v1/groups/" + w.group() + "/topic-rules",
                Map.of("topic", topic, "name", "rule " + topic, "filterIds", List.of()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static String host(String prefix) {
        return unique(prefix) + ".mysql.example.com";
    }

    @Test
    void registersHostsInBulkWithNormalisedIdsInStatusInit() {
        World w = world();
        String h = host("db");
        Response r = register(w, w.admin(), h.toUpperCase() + ":3306", "  " + h + ":3306 ", h + ":3307", "", "10.20.30.40:3306");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        var created = r.json().path("instances");
        assertThat(created.size()).isEqualTo(3);
        var first = created.get(0);
        assertThat(first.path("id").asText()).isEqualTo(Ids.md5(h + ":3306")).isEqualTo(Ids.instance(h.toUpperCase(), 3306));
        assertThat(first.path("host").asText()).isEqualTo(h);
        assertThat(first.path("port").asInt()).isEqualTo(3306);
        assertThat(first.path("group").asText()).isEqualTo(w.group());
        assertThat(first.path("groupId").asText()).isEqualTo(w.groupId());
        assertThat(first.path("cluster").asText()).isEqualTo(w.cluster());
        assertThat(first.path("slaveId").asLong()).isEqualTo(w.slaveId());
        assertThat(first.path("status").asText()).isEqualTo("init");
        assertThat(first.path("dumpState").asText()).isEqualTo("UNKNOWN");
        assertThat(first.path("requestedBy").asText()).isEqualTo(w.admin());
        // Two ports of one host are two instances (the original collapsed them, tower-spec §8.3.13).
        assertThat(created.get(1).path("id").asText()).isEqualTo(Ids.md5(h + ":3307"));
        assertThat(created.get(2).path("id").asText()).isEqualTo(Ids.md5("10.20.30.40:3306"));

        InstanceSpec spec = instances.findByHostPort(" " + h.toUpperCase(), 3306).orElseThrow();
        assertThat(spec.id()).isEqualTo(first.path("id").asText());
        assertThat(spec.status()).isEqualTo(InstanceStatus.init);
        assertThat(as(w.member()).get("/api/v1/instances/" + spec.id()).json().path("host").asText()).isEqualTo(h);
        assertThat(r.body()).doesNotContain("SECRET");
    }

    @Test
    void badLinesAreListedAndNothingIsRegistered() {
        World w = world();
        String good = host("good") + ":3306";
        Response r = register(w, w.admin(), good, "no-port.example.com", "db.example.com:0", "db.example.com:x",
                "bad_host!:3306", "010.0.0.1:3306", "db.example.com:70000");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.json().path("details").path("fields").has("hosts")).isTrue();
        List<String> badLines = new ArrayList<>();
        r.json().path("details").path("badLines").forEach(n -> badLines.add(n.asText()));
        assertThat(badLines).containsExactly("no-port.example.com", "db.example.com:0", "db.example.com:x",
                "bad_host!:3306", "010.0.0.1:3306", "db.example.com:70000");
        assertThat(instances.findByHostPort(good.substring(0, good.indexOf(':')), 3306)).isEmpty();

        assertThat(register(w, w.admin(), "", " ").json().path("details").path("fields").has("hosts")).isTrue();
        var noHosts = as(w.admin()).post("/api/v1/groups/" + w.group() + "/instances",
                Map.of("cluster", w.cluster(), "hosts", List.of()));
        assertThat(noHosts.json().path("details").path("fields").has("hosts")).isTrue();
        var noCluster = as(w.admin()).post("/api/v1/groups/" + w.group() + "/instances",
                Map.of("hosts", List.of(good)));
        assertThat(noCluster.json().path("details").path("fields").has("cluster")).isTrue();
        assertThat(as(w.admin()).postRaw("/api/v1/groups/" + w.group() + "/instances", "{\"hosts\":").code())
                .isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void registeredInstancesAreRefusedAllOrNothing() {
        World w = world();
        World other = world();
        String taken = host("taken") + ":3306";
        registerOne(w, taken);
        String fresh = host("fresh") + ":3306";

        Response again = register(w, w.admin(), fresh, taken.toUpperCase());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INSTANCE_EXISTS");
        assertThat(again.json().path("details").path("existing").get(0).asText()).isEqualTo(taken);
        assertThat(instances.findByHostPort(fresh.substring(0, fresh.indexOf(':')), 3306)).isEmpty();

        Response elsewhere = register(other, other.admin(), fresh, taken);
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.code()).isEqualTo("INSTANCE_IN_OTHER_GROUP");
        assertThat(elsewhere.body()).doesNotContain(w.group());
        assertThat(instances.findByHostPort(fresh.substring(0, fresh.indexOf(':')), 3306)).isEmpty();

        var noCluster = as(w.admin()).post("/api/v1/groups/" + w.group() + "/instances",
                Map.of("cluster", unique("nope"), "hosts", List.of(fresh)));
        assertThat(noCluster.status()).isEqualTo(404);
        assertThat(noCluster.code()).isEqualTo("CLUSTER_NOT_FOUND");
        var noGroup = as(w.root()).post("/api/v1/groups/" + unique("nogroup") + "/instances",
                Map.of("cluster", w.cluster(), "hosts", List.of(fresh)));
        assertThat(noGroup.status()).isEqualTo(404);
        assertThat(noGroup.code()).isEqualTo("GROUP_NOT_FOUND");

        // The service refuses the same way for callers other than the API (Kafka onboarding).
        String takenHost = taken.substring(0, taken.indexOf(':'));
        assertThatThrownBy(() -> instances.register(other.groupId(), other.cluster(), takenHost, 3306, "erp"))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_IN_OTHER_GROUP));
        assertThatThrownBy(() -> instances.register(w.groupId(), w.cluster(), takenHost, 3306, "erp"))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_EXISTS));
        assertThatThrownBy(() -> instances.register(w.groupId(), unique("nope"), host("x"), 3306, "erp"))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND));
        assertThatThrownBy(() -> instances.register(w.groupId(), w.cluster(), "bad host", 3306, "erp"))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> instances.register(Ids.group(unique("nogroup")), w.cluster(), host("x"), 3306, "erp"))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.GROUP_NOT_FOUND));
    }

    @Test
    void instancePermissionsFollowTheGroupRoles() {
        World w = world();
        assertThat(register(w, w.member(), host("m") + ":3306").code()).isEqualTo("FORBIDDEN");
        assertThat(register(w, w.outsider(), host("o") + ":3306").status()).isEqualTo(403);
        assertThat(register(w, w.creator(), host("c") + ":3306").status()).isEqualTo(201);
        assertThat(register(w, w.root(), host("r") + ":3306").status()).isEqualTo(201);
        String h = host("a");
        String id = registerOne(w, h + ":3306");

        assertThat(as(w.member()).get("/api/v1/groups/" + w.group() + "/instances").json().path("total").asInt())
                .isEqualTo(3);
        assertThat(as(w.outsider()).get("/api/v1/groups/" + w.group() + "/instances").status()).isEqualTo(403);
        assertThat(as(w.member()).get("/api/v1/instances/" + id).status()).isEqualTo(200);
        assertThat(as(w.outsider()).get("/api/v1/instances/" + id).code()).isEqualTo("FORBIDDEN");
        assertThat(as(w.root()).get("/api/v1/instances/" + id).status()).isEqualTo(200);
        assertThat(as(w.outsider()).get("/api/v1/instances?host=" + h).json().path("total").asInt()).isZero();
        assertThat(as(w.member()).get("/api/v1/instances?host=" + h).json().path("total").asInt()).isEqualTo(1);
        assertThat(as(w.root()).get("/api/v1/instances?host=" + h).json().path("total").asInt()).isEqualTo(1);
        assertThat(anonymous().get("/api/v1/instances/" + id).status()).isEqualTo(401);

        assertThat(as(w.member()).delete("/api/v1/instances/" + id).status()).isEqualTo(403);
        assertThat(as(w.outsider()).delete("/api/v1/instances/" + id).status()).isEqualTo(403);
        assertThat(as(w.admin()).delete("/api/v1/instances/" + id).status()).isEqualTo(204);
        assertThat(as(w.admin()).get("/api/v1/instances/" + id).code()).isEqualTo("INSTANCE_NOT_FOUND");
        assertThat(as(w.admin()).delete("/api/v1/instances/" + id).status()).isEqualTo(404);
        assertThat(instances.find(id)).isEmpty();
    }

    @Test
    void listsFilterByHostAndStatusAndPage() {
        World w = world();
        String h = host("list");
        Response r = register(w, w.admin(), h + ":3306", h + ":3307", h + ":3308", host("zzz") + ":3306");
        assertThat(r.status()).isEqualTo(201);
        String moved = Ids.instance(h, 3307);
        instances.changeStatus(moved, InstanceStatus.init, InstanceStatus.wait, "lifecycle", "DBS order opened");

        var all = as(w.member()).get("/api/v1/groups/" + w.group() + "/instances?size=2").json();
        assertThat(all.path("total").asInt()).isEqualTo(4);
        assertThat(all.path("items").size()).isEqualTo(2);
        assertThat(all.path("items").get(0).path("port").asInt()).isEqualTo(3306);
        var byHost = as(w.member()).get("/api/v1/groups/" + w.group() + "/instances?host=" + h.toUpperCase()).json();
        assertThat(byHost.path("total").asInt()).isEqualTo(3);
        var waiting = as(w.member()).get("/api/v1/groups/" + w.group() + "/instances?status=wait").json();
        assertThat(waiting.path("total").asInt()).isEqualTo(1);
        assertThat(waiting.path("items").get(0).path("id").asText()).isEqualTo(moved);
        assertThat(waiting.path("items").get(0).path("statusActor").asText()).isEqualTo("lifecycle");
        assertThat(as(w.member()).get("/api/v1/instances?status=wait&host=" + h).json().path("total").asInt())
                .isEqualTo(1);
        assertThat(as(w.member()).get("/api/v1/instances?host=%25").json().path("total").asInt()).isZero();

        assertThat(as(w.member()).get("/api/v1/instances?status=dumping").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(as(w.member()).get("/api/v1/instances?page=-1").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(as(w.member()).get("/api/v1/groups/" + unique("nogroup") + "/instances").code())
                .isEqualTo("GROUP_NOT_FOUND");
    }

    @Test
    void theStateMachineAllowsOnlyLegalTransitionsAndPublishesEachChange() {
        World w = world();
        String h = host("sm");
        InstanceSpec registered = instances.register(w.groupId(), w.cluster(), h.toUpperCase() + " ", 3306, "erp1");
        String id = registered.id();
        assertThat(id).isEqualTo(Ids.md5(h + ":3306"));
        assertThat(registered.host()).isEqualTo(h);
        assertThat(registered.slaveId()).isEqualTo(w.slaveId());
        assertThat(events.stream(InstanceStatusChanged.class).filter(e -> e.instanceId().equals(id)))
                .containsExactly(new InstanceStatusChanged(id, w.groupId(), null, InstanceStatus.init, "erp1",
                        "registered"));

        assertBusy(() -> instances.changeStatus(id, null, InstanceStatus.agree, "x", "skip the DBS order"));
        assertBusy(() -> instances.changeStatus(id, InstanceStatus.wait, InstanceStatus.unauthorized, "x", "y"));
        assertBusy(() -> instances.changeStatus(id, null, InstanceStatus.online, "x", "y"));
        assertBusy(() -> instances.changeStatus(id, null, InstanceStatus.init, "x", "already init"));

        assertThat(instances.changeStatus(id, InstanceStatus.init, InstanceStatus.wait, "lifecycle", "order 1"))
                .isEqualTo(InstanceStatus.init);
        instances.recordDbsOrder(id, "order-" + id, "http://dbs.example.com/orders/" + id);
        assertThat(instances.changeStatus(id, null, InstanceStatus.oppose, "dbs", "rejected by the DBA"))
                .isEqualTo(InstanceStatus.wait);
        InstanceSpec opposed = instances.find(id).orElseThrow();
        assertThat(opposed.status()).isEqualTo(InstanceStatus.oppose);
        assertThat(opposed.statusActor()).isEqualTo("dbs");
        assertThat(opposed.statusReason()).isEqualTo("rejected by the DBA");
        assertThat(opposed.dbsOrderId()).isEqualTo("order-" + id);
        assertBusy(() -> instances.changeStatus(id, null, InstanceStatus.wait, "x", "y"));

        // Re-applying starts over: the rejected order no longer correlates with the instance.
        instances.changeStatus(id, InstanceStatus.oppose, InstanceStatus.init, "erp1", "re-apply");
        assertThat(instances.find(id).orElseThrow().dbsOrderId()).isNull();
        assertThat(instances.findByDbsOrderId("order-" + id)).isEmpty();
        instances.changeStatus(id, InstanceStatus.init, InstanceStatus.wait, "lifecycle", "order 2");
        instances.changeStatus(id, InstanceStatus.wait, InstanceStatus.unauthorized, "dbs", "approved");
        instances.changeStatus(id, InstanceStatus.unauthorized, InstanceStatus.agree, "approver", "ok");
        assertBusy(() -> instances.changeStatus(id, null, InstanceStatus.oppose, "x", "too late"));
        instances.changeStatus(id, InstanceStatus.agree, InstanceStatus.online, "lifecycle", "dumping");
        assertBusy(() -> instances.changeStatus(id, null, InstanceStatus.agree, "x", "y"));
        String longReason = "r".repeat(3000);
        instances.changeStatus(id, InstanceStatus.online, InstanceStatus.removed, "lifecycle", longReason);
        assertThat(instances.find(id).orElseThrow().statusReason()).hasSize(1024);
        for (InstanceStatus to : InstanceStatus.values()) {
            assertBusy(() -> instances.changeStatus(id, null, to, "x", "removed is final"));
        }

        assertThat(events.stream(InstanceStatusChanged.class).filter(e -> e.instanceId().equals(id))
                .map(e -> e.from() + ">" + e.to()))
                .containsExactly("null>init", "init>wait", "wait>oppose", "oppose>init", "init>wait",
                        "wait>unauthorized", "unauthorized>agree", "agree>online", "online>removed");
        assertThat(events.stream(InstanceStatusChanged.class).filter(e -> e.instanceId().equals(id))
                .allMatch(e -> e.groupId().equals(w.groupId()))).isTrue();

        assertThatThrownBy(() -> instances.changeStatus(Ids.md5(unique("none")), null, InstanceStatus.wait, "x", "y"))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_FOUND));
        assertThatThrownBy(() -> instances.changeStatus(id, null, InstanceStatus.wait, " ", "y"))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(InstanceStatus.init.canMoveTo(InstanceStatus.wait)).isTrue();
        assertThat(InstanceStatus.agree.canMoveTo(InstanceStatus.oppose)).isFalse();
        assertThat(InstanceStatus.online.canMoveTo(InstanceStatus.init)).isFalse();
    }

    @Test
    void aRemovedInstanceMayBeRegisteredAgainByAnyGroup() {
        World w = world();
        World other = world();
        String h = host("again");
        String id = registerOne(w, h + ":3306");
        String rule = topicRule(w, w.admin());
        assertThat(as(w.admin()).put("/api/v1/instances/" + id + "/bindings",
                Map.of("bindings", List.of(Map.of("topicRuleId", rule)))).status()).isEqualTo(200);
        instances.changeStatus(id, InstanceStatus.init, InstanceStatus.removed, "lifecycle", "REMOVE_INSTANCE");

        // Events are recorded on the test's thread, so this registration goes through the service.
        InstanceSpec again = instances.register(other.groupId(), other.cluster(), h, 3306, other.admin());
        assertThat(again.id()).isEqualTo(id);
        var view = as(other.member()).get("/api/v1/instances/" + id).json();
        assertThat(view.path("groupId").asText()).isEqualTo(other.groupId());
        assertThat(view.path("group").asText()).isEqualTo(other.group());
        assertThat(view.path("cluster").asText()).isEqualTo(other.cluster());
        assertThat(view.path("slaveId").asLong()).isEqualTo(other.slaveId());
        assertThat(view.path("status").asText()).isEqualTo("init");
        assertThat(view.path("requestedBy").asText()).isEqualTo(other.admin());
        assertThat(as(w.member()).get("/api/v1/instances/" + id).status()).isEqualTo(403);
        assertThat(instances.bindings(id)).isEmpty();
        assertThat(events.stream(InstanceStatusChanged.class).filter(e -> e.instanceId().equals(id)).toList())
                .last().isEqualTo(new InstanceStatusChanged(id, other.groupId(), InstanceStatus.removed,
                        InstanceStatus.init, other.admin(), "registered"));
        assertThat(register(w, w.admin(), h + ":3306").code()).isEqualTo("INSTANCE_IN_OTHER_GROUP");
    }

    @Test
    void deleteRefusesInstancesThatMayBeDumping() {
        World w = world();
        String id = registerOne(w, host("busy") + ":3306");
        instances.changeStatus(id, null, InstanceStatus.wait, "lifecycle", "order");
        instances.changeStatus(id, null, InstanceStatus.unauthorized, "dbs", "approved");
        instances.changeStatus(id, null, InstanceStatus.agree, "approver", "ok");
        Response agree = as(w.admin()).delete("/api/v1/instances/" + id);
        assertThat(agree.status()).isEqualTo(409);
        assertThat(agree.code()).isEqualTo("INSTANCE_BUSY");
        instances.changeStatus(id, null, InstanceStatus.online, "lifecycle", "dumping");
        Response online = as(w.root()).delete("/api/v1/instances/" + id);
        assertThat(online.status()).isEqualTo(409);
        assertThat(online.code()).isEqualTo("INSTANCE_BUSY");
        assertThat(online.json().path("message").asText()).contains("offline").contains("REMOVE_INSTANCE");
        assertThat(instances.find(id)).isPresent();

        String waiting = registerOne(w, host("wait") + ":3306");
        instances.changeStatus(waiting, null, InstanceStatus.wait, "lifecycle", "order");
        assertThat(as(w.admin()).delete("/api/v1/instances/" + waiting).status()).isEqualTo(204);
        assertThat(instances.find(waiting)).isEmpty();

        String deleted = registerOne(w, host("gone") + ":3306");
        instances.delete(deleted, "erp9");
        assertThat(events.stream(InstanceStatusChanged.class).filter(e -> e.instanceId().equals(deleted)))
                .containsExactly(new InstanceStatusChanged(deleted, w.groupId(), InstanceStatus.init,
                        InstanceStatus.removed, "erp9", "deleted"));
        assertBusy(() -> instances.delete(id, "erp9"));
    }

    @Test
    void dbsOrdersAndDumpStatesAreRecorded() {
        World w = world();
        String h = host("dbs");
        String id = registerOne(w, h + ":3306");
        String order = "o-" + id;
        instances.recordDbsOrder(id, order, "http://dbs.example.com/flow/" + order);
        InstanceSpec byOrder = instances.findByDbsOrderId(order).orElseThrow();
        assertThat(byOrder.id()).isEqualTo(id);
        assertThat(byOrder.dbsOrderUrl()).isEqualTo("http://dbs.example.com/flow/" + order);
        assertThat(as(w.member()).get("/api/v1/instances/" + id).json().path("dbsOrderId").asText()).isEqualTo(order);

        String other = registerOne(w, host("dbs2") + ":3306");
        assertThatThrownBy(() -> instances.recordDbsOrder(other, order, null))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> instances.recordDbsOrder(other, " ", null))
                .isInstanceOf(TowerException.class);

        instances.recordDumpState(id, DumpState.OFFLINE);
        assertThat(instances.find(id).orElseThrow().dumpState()).isEqualTo(DumpState.OFFLINE);
        assertThat(instances.findByHostPort(h.toUpperCase(), 3306).orElseThrow().dumpState())
                .isEqualTo(DumpState.OFFLINE);
        assertThat(instances.findByHostPort(h, 3307)).isEmpty();
        assertThatThrownBy(() -> instances.recordDumpState(Ids.md5(unique("none")), DumpState.ONLINE))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_FOUND));
    }

    @Test
    void bindingsAreMadeManyByManyIdempotentlyWithinOneGroup() {
        World w = world();
        World other = world();
        String h = host("bind");
        Response reg = register(w, w.admin(), h + ":3306", h + ":3307");
        String a = reg.json().path("instances").get(0).path("id").asText();
        String b = reg.json().path("instances").get(1).path("id").asText();
        String r1 = topicRule(w, w.admin());
        String r2 = topicRule(w, w.creator());
        String foreignRule = topicRule(other, other.admin());
        String foreignInstance = registerOne(other, host("foreign") + ":3306");

        Response many = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(a, b, a), "topicRuleIds", List.of(r1, r2), "convertClass", "avro"));
        assertThat(many.status()).as(many.toString()).isEqualTo(200);
        assertThat(many.json().size()).isEqualTo(4);
        var first = many.json().get(0);
        assertThat(first.path("host").asText()).isEqualTo(h);
        assertThat(first.path("port").asInt()).isEqualTo(3306);
        assertThat(first.path("storageType").asText()).isEqualTo("MQ_STORAGE");
        assertThat(first.path("convertClass").asText()).isEqualTo(AVRO);
        assertThat(first.path("topic").asText()).startsWith("orders");
        assertThat(first.path("ruleName").asText()).startsWith("rule orders");
        assertThat(first.path("createdAt").isNull()).isFalse();
        assertThat(jdbc.queryForObject("select id from instance_binding where instance_id = ? and topic_rule_id = ?",
                String.class, a, r1)).isEqualTo(Ids.md5(a + r1));

        // Idempotent: the same call again changes nothing but the converter it names.
        Response again = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(a), "topicRuleIds", List.of(r1), "storageType", "MQ_STORAGE",
                        "convertClass", PROTOBUF));
        assertThat(again.status()).isEqualTo(200);
        assertThat(instances.bindings(a)).hasSize(2).contains(new BindingSpec(a, r1, "MQ_STORAGE", PROTOBUF),
                new BindingSpec(a, r2, "MQ_STORAGE", AVRO));

        Response kv = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(a), "topicRuleIds", List.of(r1), "storageType", "KV_STORAGE"));
        assertThat(kv.status()).isEqualTo(400);
        assertThat(kv.json().path("details").path("fields").has("storageType")).isTrue();
        Response badConverter = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(a), "topicRuleIds", List.of(r1), "convertClass", "json"));
        assertThat(badConverter.json().path("details").path("fields").has("convertClass")).isTrue();
        Response noRules = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(a), "topicRuleIds", List.of()));
        assertThat(noRules.json().path("details").path("fields").has("topicRuleIds")).isTrue();
        Response unknownRule = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(a), "topicRuleIds", List.of(Ids.md5(unique("none")))));
        assertThat(unknownRule.status()).isEqualTo(404);
        assertThat(unknownRule.code()).isEqualTo("TOPIC_RULE_NOT_FOUND");
        Response unknownInstance = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(Ids.md5(unique("none"))), "topicRuleIds", List.of(r1)));
        assertThat(unknownInstance.code()).isEqualTo("INSTANCE_NOT_FOUND");
        Response ruleOfOtherGroup = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(a), "topicRuleIds", List.of(foreignRule)));
        assertThat(ruleOfOtherGroup.status()).isEqualTo(409);
        assertThat(ruleOfOtherGroup.code()).isEqualTo("INSTANCE_IN_OTHER_GROUP");
        Response instanceOfOtherGroup = as(w.admin()).post("/api/v1/groups/" + w.group() + "/bindings",
                Map.of("instanceIds", List.of(foreignInstance), "topicRuleIds", List.of(r1)));
        assertThat(instanceOfOtherGroup.code()).isEqualTo("INSTANCE_IN_OTHER_GROUP");
        assertThat(instances.bindings(foreignInstance)).isEmpty();

        // The service the lifecycle uses refuses the same way.
        assertThatThrownBy(() -> instances.bind(a, foreignRule, null, null))
                .isInstanceOfSatisfying(TowerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_IN_OTHER_GROUP));
        assertThat(instances.bind(b, r1, null, "PROTOBUF")).isEqualTo(new BindingSpec(b, r1, "MQ_STORAGE", PROTOBUF));
    }

    @Test
    void bindingsAreReplacedDeletedAndListedPerGroup() {
        World w = world();
        World other = world();
        String h = host("repl");
        String id = registerOne(w, h + ":3306");
        String id2 = registerOne(w, host("second") + ":3306");
        String r1 = topicRule(w, w.admin());
        String r2 = topicRule(w, w.admin());
        String r3 = topicRule(w, w.admin());
        String foreignRule = topicRule(other, other.admin());

        Response put = as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", r1), Map.of("topicRuleId", r2, "convertClass", AVRO))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("bindings").size()).isEqualTo(2);
        Response replaced = as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", r2, "convertClass", "PROTOBUF"), Map.of("topicRuleId", r3))));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(instances.bindings(id)).containsExactlyInAnyOrder(new BindingSpec(id, r2, "MQ_STORAGE", PROTOBUF),
                new BindingSpec(id, r3, "MQ_STORAGE", PROTOBUF));

        Response dup = as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", r1), Map.of("topicRuleId", r1))));
        assertThat(dup.code()).isEqualTo("VALIDATION_FAILED");
        Response foreign = as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", r1), Map.of("topicRuleId", foreignRule))));
        assertThat(foreign.code()).isEqualTo("INSTANCE_IN_OTHER_GROUP");
        Response missing = as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", Ids.md5(unique("none"))))));
        assertThat(missing.code()).isEqualTo("TOPIC_RULE_NOT_FOUND");
        Response blank = as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", ""))));
        assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of()).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(instances.bindings(id)).extracting(BindingSpec::topicRuleId).containsExactlyInAnyOrder(r2, r3);

        var ofInstance = as(w.member()).get("/api/v1/instances/" + id + "/bindings").json();
        assertThat(ofInstance.path("total").asInt()).isEqualTo(2);
        assertThat(ofInstance.path("items").get(0).path("topic").asText()).startsWith("orders");

        as(w.admin()).put("/api/v1/instances/" + id2 + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", r1))));
        var ofGroup = as(w.member()).get("/api/v1/groups/" + w.group() + "/bindings").json();
        assertThat(ofGroup.path("total").asInt()).isEqualTo(3);
        var filtered = as(w.member()).get("/api/v1/groups/" + w.group() + "/bindings?host=" + h + "&size=1").json();
        assertThat(filtered.path("total").asInt()).isEqualTo(2);
        assertThat(filtered.path("items").size()).isEqualTo(1);
        var row = filtered.path("items").get(0);
        assertThat(row.path("host").asText()).isEqualTo(h);
        assertThat(row.path("port").asInt()).isEqualTo(3306);
        assertThat(row.path("ruleName").asText()).startsWith("rule orders");
        assertThat(row.path("storageType").asText()).isEqualTo("MQ_STORAGE");
        assertThat(row.path("convertClass").asText()).isEqualTo(PROTOBUF);

        assertThat(as(w.admin()).delete("/api/v1/instances/" + id + "/bindings/" + r2).status()).isEqualTo(204);
        Response gone = as(w.admin()).delete("/api/v1/instances/" + id + "/bindings/" + r2);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("BINDING_NOT_FOUND");
        assertThat(as(w.admin()).delete("/api/v1/instances/" + Ids.md5(unique("none")) + "/bindings/" + r2).code())
                .isEqualTo("INSTANCE_NOT_FOUND");
        assertThat(instances.bindings(id)).extracting(BindingSpec::topicRuleId).containsExactly(r3);

        // An empty list unbinds everything; deleting the instance takes its bindings along.
        assertThat(as(w.admin()).put("/api/v1/instances/" + id + "/bindings", Map.of("bindings", List.of()))
                .json().path("bindings").size()).isZero();
        assertThat(as(w.admin()).delete("/api/v1/instances/" + id2).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from instance_binding where instance_id = ?", Long.class, id2))
                .isZero();
    }

    @Test
    void bindingPermissionsFollowTheGroupRoles() {
        World w = world();
        String id = registerOne(w, host("perm") + ":3306");
        String rule = topicRule(w, w.admin());
        Map<String, Object> bindBody = Map.of("instanceIds", List.of(id), "topicRuleIds", List.of(rule));
        Map<String, Object> putBody = Map.of("bindings", List.of(Map.of("topicRuleId", rule)));

        for (String refused : List.of(w.member(), w.outsider())) {
            assertThat(as(refused).post("/api/v1/groups/" + w.group() + "/bindings", bindBody).status())
                    .as(refused).isEqualTo(403);
            assertThat(as(refused).put("/api/v1/instances/" + id + "/bindings", putBody).code()).isEqualTo("FORBIDDEN");
        }
        assertThat(as(w.creator()).post("/api/v1/groups/" + w.group() + "/bindings", bindBody).status())
                .isEqualTo(200);
        assertThat(as(w.root()).put("/api/v1/instances/" + id + "/bindings", putBody).status()).isEqualTo(200);
        assertThat(as(w.member()).delete("/api/v1/instances/" + id + "/bindings/" + rule).status()).isEqualTo(403);
        assertThat(as(w.outsider()).delete("/api/v1/instances/" + id + "/bindings/" + rule).status()).isEqualTo(403);

        assertThat(as(w.member()).get("/api/v1/instances/" + id + "/bindings").status()).isEqualTo(200);
        assertThat(as(w.member()).get("/api/v1/groups/" + w.group() + "/bindings").json().path("total").asInt())
                .isEqualTo(1);
        assertThat(as(w.outsider()).get("/api/v1/instances/" + id + "/bindings").status()).isEqualTo(403);
        assertThat(as(w.outsider()).get("/api/v1/groups/" + w.group() + "/bindings").status()).isEqualTo(403);
        assertThat(as(w.root()).get("/api/v1/groups/" + w.group() + "/bindings").status()).isEqualTo(200);
        assertThat(anonymous().get("/api/v1/groups/" + w.group() + "/bindings").status()).isEqualTo(401);
        assertThat(as(w.admin()).delete("/api/v1/instances/" + id + "/bindings/" + rule).status()).isEqualTo(204);
    }

    private static void assertBusy(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TowerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_BUSY));
    }
}
