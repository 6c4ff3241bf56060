package io.binlake.tower.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.binlog.BinlogPosition;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.manager.ManagerClient;
import io.binlake.tower.manager.ManagerCodec;
import io.binlake.tower.manager.MetaData;
import io.binlake.tower.testsupport.LifecycleFixture;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 3's acceptance: an instance created over the API with two topic rules and white/black filters assembles to
 * the exact layout of the contract's create/znodes body (§6.1), and the manager simulator accepts it and reports it
 * back through slave/status.
 */
class DumpPlanAssemblyTest extends TowerIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The field names of contract §6.1, level by level. */
    static final Set<String> META_KEYS = Set.of("dbInfo", "slave", "master", "counter", "terminal", "candidate",
            "alarm", "error", "admin", "zk");
    static final Set<String> DB_INFO_KEYS = Set.of("slaveId", "host", "port", "user", "password", "createTime",
            "state", "rule", "metaVersion", "slaveUUID");
    static final Set<String> SLAVE_KEYS = Set.of("binlogFile", "binlogPos", "executedGtidSets", "leader",
            "leaderVersion", "binlogWhen", "transactionId", "instanceIp", "withGTID", "preLeader", "msgid");
    static final Set<String> RULE_KEYS = Set.of("storage", "convertClass", "any");
    static final Set<String> MQ_RULE_KEYS = Set.of("topic", "withTransaction", "withUpdateBefore", "producerClass",
            "order", "para", "white", "black");
    static final Set<String> FILTER_KEYS = Set.of("table", "eventType", "white", "black", "fakeColumn", "hashKey");

    @Autowired
    DumpPlanner planner;
    @Autowired
    ClusterCatalog clusters;
    @Autowired
    ManagerClient manager;

    @Test
    void twoTopicRulesAssembleToTheContractLayoutAndTheManagerAcceptsIt() throws Exception {
        String suffix = unique("").toLowerCase();
        String creator = users.user("creator" + suffix);
        String root = users.superAdmin("root" + suffix);
        var fixture = LifecycleFixture.create(as(creator), creator, as(root),
                LifecycleFixture.httpCluster("c" + suffix, "/zk/" + suffix), suffix);
        // A second topic rule with a richer white filter (kept/nulled columns, pseudo columns, business keys).
        var rich = as(creator).post("/api/v1/groups/" + fixture.group + "/filters", Map.of("name", "users",
                "type", "WHITE", "tableRegex", "users\\.account", "eventTypes", List.of("INSERT", "DELETE"),
                "keptColumns", List.of("id", "name"), "nulledColumns", List.of("password"),
                "pseudoColumns", List.of(Map.of("name", "source", "value", "erp")), "businessKeys", List.of("id")));
        assertThat(rich.status()).as(rich.toString()).isEqualTo(201);
        var second = as(creator).post("/api/v1/groups/" + fixture.group + "/topic-rules", Map.of("topic",
                "accounts_" + suffix, "name", "Accounts", "withTransaction", true, "orderType", "BUSINESS_KEY_ORDER",
                "producerProperties", Map.of("acks", "all", "compression.type", "lz4"),
                "filterIds", List.of(rich.json().path("id").asText())));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        String secondRuleId = second.json().path("id").asText();
        String firstRuleId = null;
        for (JsonNode rule : as(creator).get("/api/v1/groups/" + fixture.group + "/topic-rules").json()
                .path("items")) {
            if (!rule.path("id").asText().equals(secondRuleId)) {
                firstRuleId = rule.path("id").asText();
            }
        }
        assertThat(firstRuleId).isNotNull();

        String host = "10.9." + (Math.abs(suffix.hashCode()) % 250) + ".7";
        var created = as(creator).post("/api/v1/groups/" + fixture.group + "/instances",
                Map.of("cluster", fixture.cluster, "hosts", List.of(host + ":3306")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String instanceId = created.json().path("instances").get(0).path("id").asText();
        var bound = as(creator).put("/api/v1/instances/" + instanceId + "/bindings", Map.of("bindings", List.of(
                Map.of("topicRuleId", firstRuleId, "storageType", "MQ_STORAGE", "convertClass", "PROTOBUF"),
                Map.of("topicRuleId", second.json().path("id").asText(), "storageType", "MQ_STORAGE",
                        "convertClass", "AVRO"))));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(200);

        ClusterSpec cluster = clusters.find(fixture.cluster).orElseThrow();
        List<DumpPlanner.BoundRule> bindings = List.of(
                new DumpPlanner.BoundRule(second.json().path("id").asText(), "MQ_STORAGE",
                        "com.jd.binlog.convert.AvroConverter"),
                new DumpPlanner.BoundRule(firstRuleId, "MQ_STORAGE", "com.jd.binlog.convert.ProtobufConverter"));
        MetaData body = planner.createBody(new DumpPlanner.DumpTarget(host, 3306, 1001), cluster, bindings,
                new BinlogPosition("mysql-bin.000003", 154, "", false), planner.candidates(cluster));

        // Decode exactly as the manager does: hex -> gunzip -> JSON, and each any: base64 -> gunzip -> JSON.
        JsonNode meta = JSON.readTree(ManagerCodec.decodeBody(ManagerCodec.encode(body)));
        assertThat(keys(meta)).isEqualTo(new TreeSet<>(META_KEYS));
        assertThat(keys(meta.path("dbInfo"))).isEqualTo(new TreeSet<>(DB_INFO_KEYS));
        assertThat(keys(meta.path("slave"))).isEqualTo(new TreeSet<>(SLAVE_KEYS));
        assertThat(meta.path("dbInfo").path("state").asText()).isEqualTo("OFFLINE");
        assertThat(meta.path("dbInfo").path("user").asText()).isEqualTo(LifecycleFixture.DUMP_USER);
        assertThat(meta.path("dbInfo").path("slaveUUID").asText()).isEqualTo(cluster.slaveUuid());
        assertThat(meta.path("slave").path("executedGtidSets").asText()).isEmpty();
        assertThat(meta.path("slave").path("leader").isTextual()).isTrue();
        assertThat(meta.path("slave").path("instanceIp").isTextual()).isTrue();
        assertThat(meta.path("slave").path("preLeader").isTextual()).isTrue();
        assertThat(meta.path("zk").path("servers").asText()).isEqualTo("127.0.0.1:2181");
        assertThat(meta.path("zk").path("path").asText()).isEqualTo("/zk/" + suffix);
        assertThat(meta.path("candidate")).hasSize(3);

        JsonNode rules = meta.path("dbInfo").path("rule");
        assertThat(rules).hasSize(2);
        List<JsonNode> mqRules = new ArrayList<>();
        for (JsonNode rule : rules) {
            assertThat(keys(rule)).isEqualTo(new TreeSet<>(RULE_KEYS));
            assertThat(rule.path("storage").asText()).isEqualTo("MQ_STORAGE");
            JsonNode mq = JSON.readTree(gunzip(Base64.getDecoder().decode(rule.path("any").asText())));
            assertThat(keys(mq)).isEqualTo(new TreeSet<>(MQ_RULE_KEYS));
            mqRules.add(mq);
        }
        // Deterministic order: by topic.
        JsonNode accounts = mqRules.get(0);
        JsonNode orders = mqRules.get(1);
        assertThat(accounts.path("topic").asText()).isEqualTo("accounts_" + suffix);
        assertThat(orders.path("topic").asText()).isEqualTo(fixture.topic);
        assertThat(rules.get(0).path("convertClass").asText()).isEqualTo("com.jd.binlog.convert.AvroConverter");

        assertThat(paras(orders)).containsExactly("acks=1", "request.timeout.ms=1000", "batch.size=0",
                "key.serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                "value.serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                "bootstrap.servers=127.0.0.1:9092", "client.id=" + fixture.topic + "-" + host + "-3306");
        // A topic rule's own producer settings override the defaults; Tower's stay last.
        assertThat(paras(accounts)).contains("acks=all", "compression.type=lz4")
                .doesNotContain("acks=1").endsWith("bootstrap.servers=127.0.0.1:9092",
                        "client.id=accounts_" + suffix + "-" + host + "-3306");
        assertThat(orders.path("order").asText()).isEqualTo("TABLE_ORDER");
        assertThat(accounts.path("order").asText()).isEqualTo("BUSINESS_KEY_ORDER");
        assertThat(accounts.path("withTransaction").asBoolean()).isTrue();

        JsonNode white = orders.path("white").get(0);
        assertThat(keys(white)).isEqualTo(new TreeSet<>(FILTER_KEYS));
        assertThat(white.path("table").asText()).isEqualTo("orders\\.order_[0-9]+");
        assertThat(white.path("eventType").toString()).isEqualTo("[\"INSERT\",\"UPDATE\",\"DELETE\"]");
        assertThat(orders.path("black").get(0).path("table").asText()).isEqualTo("orders\\.tmp_.*");
        JsonNode account = accounts.path("white").get(0);
        assertThat(account.path("white").findValuesAsText("name")).containsExactly("ID", "NAME");
        assertThat(account.path("black").findValuesAsText("name")).containsExactly("PASSWORD");
        assertThat(account.path("fakeColumn").get(0).path("key").asText()).isEqualTo("source");
        assertThat(account.path("fakeColumn").get(0).path("value").asText()).isEqualTo("erp");
        assertThat(account.path("hashKey").get(0).asText()).isEqualTo("ID");
        assertThat(accounts.path("black")).isEmpty();

        // The strict simulator accepts it and reports it back.
        manager.createZnodes(body);
        MetaData status = manager.slaveStatus(DumpPlanner.zk(cluster), host, 3306);
        assertThat(status.dbInfo().state().name()).isEqualTo("OFFLINE");
        assertThat(status.dbInfo().rule()).extracting(r -> r.mqRule().topic())
                .containsExactlyInAnyOrder(fixture.topic, "accounts_" + suffix);
        assertThat(status.candidate()).hasSize(3);
        assertThat(status.slave().binlogFile()).isEqualTo("mysql-bin.000003");
    }

    @Test
    void anInstanceWithoutRulesOrAClusterWithoutWavesIsToldClearly() {
        String suffix = unique("").toLowerCase();
        String creator = users.user("creator" + suffix);
        String root = users.superAdmin("root" + suffix);
        Map<String, Object> noWaves = new java.util.HashMap<>(LifecycleFixture.httpCluster("c" + suffix,
                "/zk/" + suffix));
        var fixture = LifecycleFixture.create(as(creator), creator, as(root), noWaves, suffix);
        ClusterSpec cluster = clusters.find(fixture.cluster).orElseThrow();
        assertThatThrownBy(() -> planner.createBody(new DumpPlanner.DumpTarget("10.1.1.1", 3306, 1), cluster,
                List.of(), new BinlogPosition("mysql-bin.000001", 4, "", false), List.of("127.0.0.1")))
                .isInstanceOf(TowerException.class).hasMessageContaining("bound to no topic rule");
        ClusterSpec waveless = new ClusterSpec(cluster.keyword(), cluster.displayName(), cluster.zkServers(),
                cluster.zkPath(), cluster.slaveId(), cluster.slaveUuid(), cluster.kafkaBootstrapServers(),
                cluster.dbsProvider(), cluster.dbsApiUrl(), cluster.dbsToken(), cluster.dbsAdminUser(),
                cluster.dbsAdminPassword(), cluster.dumpUser(), cluster.dumpPassword(), List.of());
        assertThatThrownBy(() -> planner.candidates(waveless)).isInstanceOf(TowerException.class)
                .hasMessageContaining("has no waves");
    }

    static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    static List<String> paras(JsonNode mqRule) {
        List<String> out = new ArrayList<>();
        mqRule.path("para").forEach(p -> out.add(p.path("key").asText() + "=" + p.path("value").asText()));
        return out;
    }

    static String gunzip(byte[] gz) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
