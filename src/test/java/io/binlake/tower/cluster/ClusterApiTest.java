package io.binlake.tower.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ClusterApiTest extends TowerIntegrationTest {
    private static final String UUID = "54c7c6f0-70ad-11e9-a07d-8c1645350bc8";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ClusterCatalog catalog;

    /** A valid HTTP-provider cluster body with distinct, recognisable secrets. */
    static Map<String, Object> httpCluster(String keyword) {
        Map<String, Object> body = new HashMap<>();
        body.put("keyword", keyword);
        body.put("displayName", "China " + keyword);
        body.put("zkServers", "zk1.example.com:2181,ZK2.example.com:2181");
        body.put("zkPath", "/zk/" + keyword);
        body.put("slaveId", 10010);
        body.put("slaveUuid", UUID);
        body.put("kafkaBootstrapServers", "kafka1.example.com:9092, kafka2.example.com:9092");
        body.put("waveDns", "waves.example.com");
        body.put("dbsProvider", "HTTP");
        body.put("dbsApiUrl", "http://dbs.example.com:8080");
        body.put("dbsToken", "tok-" + keyword + "-SECRET");
        body.put("dumpUser", "binlake");
        body.put("dumpPassword", "dump-" + keyword + "-SECRET");
        body.put("waves", List.of(" 10.1.0.1", "10.1.0.2", "10.1.0.1", ""));
        return body;
    }

    static Map<String, Object> jdbcCluster(String keyword) {
        Map<String, Object> body = httpCluster(keyword);
        body.remove("dbsApiUrl");
        body.remove("dbsToken");
        body.put("dbsProvider", "jdbc");
        body.put("dbsAdminUser", "dba");
        body.put("dbsAdminPassword", "adm-" + keyword + "-SECRET");
        return body;
    }

    private static Map<String, Object> without(Map<String, Object> body, String... keys) {
        Map<String, Object> copy = new HashMap<>(body);
        for (String k : keys) {
            copy.remove(k);
        }
        return copy;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    @Test
    void superAdminCreatesAClusterWhoseSecretsAreWriteOnlyAndEncrypted() {
        String root = users.superAdmin(unique("root"));
        String keyword = unique("zh");
        var r = as(root).post("/api/v1/clusters", httpCluster(keyword));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        var c = r.json();
        assertThat(c.path("keyword").asText()).isEqualTo(keyword);
        assertThat(c.path("zkServers").asText()).isEqualTo("zk1.example.com:2181,zk2.example.com:2181");
        assertThat(c.path("kafkaBootstrapServers").asText()).isEqualTo("kafka1.example.com:9092,kafka2.example.com:9092");
        assertThat(c.path("slaveId").asLong()).isEqualTo(10010);
        assertThat(c.path("dbsProvider").asText()).isEqualTo("HTTP");
        assertThat(c.path("dbsTokenSet").asBoolean()).isTrue();
        assertThat(c.path("dumpPasswordSet").asBoolean()).isTrue();
        assertThat(c.path("dbsAdminPasswordSet").asBoolean()).isFalse();
        assertThat(c.has("dbsToken")).isFalse();
        assertThat(c.has("dumpPassword")).isFalse();
        assertThat(c.path("waves").toString()).isEqualTo("[\"10.1.0.1\",\"10.1.0.2\"]");
        assertThat(r.body()).doesNotContain("SECRET");

        for (String path : List.of("/api/v1/clusters/" + keyword, "/api/v1/clusters?q=" + keyword,
                "/api/v1/clusters/" + keyword + "/waves")) {
            var read = as(root).get(path);
            assertThat(read.status()).as(path).isEqualTo(200);
            assertThat(read.body()).as(path).doesNotContain("SECRET");
        }

        Map<String, Object> row = jdbc.queryForMap(
                "select dbs_token_enc, dump_password_enc, dbs_admin_password_enc from dump_cluster where keyword = ?",
                keyword);
        for (String column : List.of("dbs_token_enc", "dump_password_enc")) {
            assertThat((String) row.get(column)).as(column).startsWith("v1:").doesNotContain("SECRET");
        }
        assertThat(row.get("dbs_admin_password_enc")).isNull();

        ClusterSpec spec = catalog.find(keyword).orElseThrow();
        assertThat(spec.dbsToken()).isEqualTo("tok-" + keyword + "-SECRET");
        assertThat(spec.dumpPassword()).isEqualTo("dump-" + keyword + "-SECRET");
        assertThat(spec.waveIps()).containsExactly("10.1.0.1", "10.1.0.2");
        assertThat(spec.toString()).doesNotContain("SECRET").contains("[redacted]").contains(keyword);
        assertThat(catalog.allWaveIps()).contains("10.1.0.1", "10.1.0.2").doesNotHaveDuplicates();
    }

    @Test
    void onlySuperAdminsWriteAndEveryLoggedInUserReads() {
        String root = users.superAdmin(unique("root"));
        String plain = users.user(unique("user"));
        String keyword = unique("zh");
        assertThat(as(plain).post("/api/v1/clusters", httpCluster(keyword)).code()).isEqualTo("FORBIDDEN");
        assertThat(as(root).post("/api/v1/clusters", httpCluster(keyword)).status()).isEqualTo(201);

        var put = as(plain).put("/api/v1/clusters/" + keyword, httpCluster(keyword));
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.code()).isEqualTo("FORBIDDEN");
        assertThat(as(plain).put("/api/v1/clusters/" + keyword + "/waves", Map.of("ips", List.of("10.9.9.9")))
                .status()).isEqualTo(403);
        assertThat(as(plain).delete("/api/v1/clusters/" + keyword).status()).isEqualTo(403);

        assertThat(as(plain).get("/api/v1/clusters/" + keyword).status()).isEqualTo(200);
        assertThat(as(plain).get("/api/v1/clusters/" + keyword + "/waves").json().path("ips").size()).isEqualTo(2);
        var list = as(plain).get("/api/v1/clusters?q=" + keyword.toUpperCase());
        assertThat(list.json().path("total").asInt()).isEqualTo(1);
        assertThat(list.json().path("items").get(0).path("displayName").asText()).isEqualTo("China " + keyword);
        assertThat(as(plain).get("/api/v1/clusters?q=China%20" + keyword).json().path("total").asInt()).isEqualTo(1);

        assertThat(anonymous().get("/api/v1/clusters").status()).isEqualTo(401);
        assertThat(anonymous().post("/api/v1/clusters", httpCluster(unique("zh"))).status()).isEqualTo(401);
    }

    @Test
    void invalidFieldsAreRefusedWithTheFieldNamed() {
        String root = users.superAdmin(unique("root"));
        String k = unique("zh");
        Map<String, Object> ok = httpCluster(k);
        Map<String, Object> cases = new java.util.LinkedHashMap<>();
        cases.put("keyword", with(ok, "keyword", "Zh Bad"));
        cases.put("displayName", with(ok, "displayName", " "));
        cases.put("zkServers", with(ok, "zkServers", "zk1:99999"));
        cases.put("zkPath", with(ok, "zkPath", "/zk/wave "));
        cases.put("slaveId", with(ok, "slaveId", 0));
        cases.put("slaveUuid", with(ok, "slaveUuid", "not-a-uuid"));
        cases.put("kafkaBootstrapServers", with(ok, "kafkaBootstrapServers", "kafka1"));
        cases.put("waveDns", with(ok, "waveDns", "bad host!"));
        cases.put("dbsApiUrl", with(ok, "dbsApiUrl", "ftp://dbs.example.com"));
        cases.put("dbsToken", without(ok, "dbsToken"));
        cases.put("dbsAdminUser", with(ok, "dbsAdminUser", "dba"));
        cases.put("dumpPassword", without(ok, "dumpPassword"));
        cases.put("dumpUser", without(ok, "dumpUser"));
        cases.put("waves", with(ok, "waves", List.of("10.0.0.1", "300.1.1.1")));
        cases.put("dbsProvider", without(ok, "dbsProvider"));
        cases.forEach((field, body) -> {
            var r = as(root).post("/api/v1/clusters", body);
            assertThat(r.status()).as(field + " " + r).isEqualTo(400);
            assertThat(r.code()).as(field).isEqualTo("VALIDATION_FAILED");
            assertThat(r.json().path("details").path("fields").has(field)).as(field + " " + r).isTrue();
        });
        var noWaves = as(root).post("/api/v1/clusters", with(ok, "waves", List.of(" ")));
        assertThat(noWaves.json().path("details").path("fields").has("waves")).isTrue();

        Map<String, Object> jdbcOk = jdbcCluster(k);
        for (String field : List.of("dbsAdminUser", "dbsAdminPassword")) {
            var r = as(root).post("/api/v1/clusters", without(jdbcOk, field));
            assertThat(r.json().path("details").path("fields").has(field)).as(field + " " + r).isTrue();
        }
        var tokenWithJdbc = as(root).post("/api/v1/clusters", with(jdbcOk, "dbsToken", "x"));
        assertThat(tokenWithJdbc.json().path("details").path("fields").has("dbsToken")).isTrue();

        var unknownProvider = as(root).post("/api/v1/clusters", with(ok, "dbsProvider", "SOAP"));
        assertThat(unknownProvider.status()).isEqualTo(400);
        assertThat(as(root).postRaw("/api/v1/clusters", "{\"keyword\":").code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(as(root).get("/api/v1/clusters?size=0").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(as(root).get("/api/v1/clusters/" + k).code()).isEqualTo("CLUSTER_NOT_FOUND");
    }

    @Test
    void keywordAndZooKeeperAddressAreUnique() {
        String root = users.superAdmin(unique("root"));
        String k = unique("zh");
        assertThat(as(root).post("/api/v1/clusters", httpCluster(k)).status()).isEqualTo(201);
        var sameKeyword = as(root).post("/api/v1/clusters", with(httpCluster(k), "zkPath", "/other"));
        assertThat(sameKeyword.status()).isEqualTo(409);
        assertThat(sameKeyword.code()).isEqualTo("CLUSTER_EXISTS");

        String k2 = unique("zh");
        // Same servers in another spelling, same path: the same ZooKeeper tree.
        var sameZk = as(root).post("/api/v1/clusters", with(with(httpCluster(k2), "zkPath", "/zk/" + k),
                "zkServers", "ZK1.example.com:2181 , zk2.example.com:2181"));
        assertThat(sameZk.status()).isEqualTo(409);
        assertThat(sameZk.code()).isEqualTo("CLUSTER_EXISTS");
        assertThat(as(root).post("/api/v1/clusters", httpCluster(k2)).status()).isEqualTo(201);

        var moveOnto = as(root).put("/api/v1/clusters/" + k2, with(httpCluster(k2), "zkPath", "/zk/" + k));
        assertThat(moveOnto.code()).isEqualTo("CLUSTER_EXISTS");
    }

    @Test
    void updateReplacesFieldsKeepsOmittedSecretsAndSwitchesProvider() {
        String root = users.superAdmin(unique("root"));
        String k = unique("zh");
        as(root).post("/api/v1/clusters", httpCluster(k));

        Map<String, Object> update = without(httpCluster(k), "dbsToken", "dumpPassword", "waves", "keyword");
        update.put("displayName", "Renamed");
        update.put("slaveId", 20020);
        var r = as(root).put("/api/v1/clusters/" + k, update);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("displayName").asText()).isEqualTo("Renamed");
        assertThat(r.json().path("slaveId").asLong()).isEqualTo(20020);
        assertThat(r.json().path("waves").size()).isEqualTo(2);
        ClusterSpec kept = catalog.find(k).orElseThrow();
        assertThat(kept.dbsToken()).isEqualTo("tok-" + k + "-SECRET");
        assertThat(kept.dumpPassword()).isEqualTo("dump-" + k + "-SECRET");

        update.put("dumpPassword", "new-dump-SECRET");
        update.put("waves", List.of("10.2.0.1"));
        var changed = as(root).put("/api/v1/clusters/" + k, update);
        assertThat(changed.body()).doesNotContain("SECRET");
        assertThat(changed.json().path("waves").toString()).isEqualTo("[\"10.2.0.1\"]");
        assertThat(catalog.find(k).orElseThrow().dumpPassword()).isEqualTo("new-dump-SECRET");

        var keywordChange = as(root).put("/api/v1/clusters/" + k, with(update, "keyword", "other"));
        assertThat(keywordChange.json().path("details").path("fields").has("keyword")).isTrue();
        var blankSecret = as(root).put("/api/v1/clusters/" + k, with(update, "dumpPassword", " "));
        assertThat(blankSecret.json().path("details").path("fields").has("dumpPassword")).isTrue();

        // Switching to JDBC needs the admin pair; the HTTP token is dropped.
        Map<String, Object> toJdbc = without(jdbcCluster(k), "dumpPassword", "waves");
        assertThat(as(root).put("/api/v1/clusters/" + k, without(toJdbc, "dbsAdminPassword")).json()
                .path("details").path("fields").has("dbsAdminPassword")).isTrue();
        var switchedAnswer = as(root).put("/api/v1/clusters/" + k, toJdbc);
        assertThat(switchedAnswer.status()).as(switchedAnswer.toString()).isEqualTo(200);
        assertThat(switchedAnswer.json().path("dbsProvider").asText()).isEqualTo("JDBC");
        assertThat(switchedAnswer.json().path("dbsTokenSet").asBoolean()).isFalse();
        assertThat(switchedAnswer.json().path("dbsAdminPasswordSet").asBoolean()).isTrue();
        assertThat(switchedAnswer.json().path("dbsApiUrl").isNull()).isTrue();
        assertThat(switchedAnswer.body()).doesNotContain("SECRET");
        ClusterSpec switched = catalog.find(k).orElseThrow();
        assertThat(switched.dbsToken()).isNull();
        assertThat(switched.dbsAdminPassword()).isEqualTo("adm-" + k + "-SECRET");
        String stored = jdbc.queryForObject("select dbs_admin_password_enc from dump_cluster where keyword = ?",
                String.class, k);
        assertThat(stored).startsWith("v1:").doesNotContain("SECRET");

        assertThat(as(root).put("/api/v1/clusters/" + unique("nope"), toJdbc).code()).isEqualTo("CLUSTER_NOT_FOUND");
        assertThat(as(root).put("/api/v1/clusters/" + k, without(toJdbc, "zkPath")).code())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void wavesAreReplacedTrimmedAndDeduplicated() {
        String root = users.superAdmin(unique("root"));
        String k = unique("zh");
        as(root).post("/api/v1/clusters", httpCluster(k));
        var r = as(root).put("/api/v1/clusters/" + k + "/waves",
                Map.of("ips", List.of("10.1.0.2", " 10.3.0.3 ", "10.3.0.3", "")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("ips").toString()).isEqualTo("[\"10.1.0.2\",\"10.3.0.3\"]");
        assertThat(as(root).get("/api/v1/clusters/" + k + "/waves").json().path("ips").toString())
                .isEqualTo("[\"10.1.0.2\",\"10.3.0.3\"]");
        assertThat(catalog.find(k).orElseThrow().waveIps()).containsExactly("10.1.0.2", "10.3.0.3");

        var bad = as(root).put("/api/v1/clusters/" + k + "/waves", Map.of("ips", List.of("10.0.0.01")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").path("fields").has("ips")).isTrue();
        var empty = as(root).put("/api/v1/clusters/" + k + "/waves", Map.of("ips", List.of()));
        assertThat(empty.code()).isEqualTo("VALIDATION_FAILED");
        var blanks = as(root).put("/api/v1/clusters/" + k + "/waves", Map.of("ips", List.of(" ")));
        assertThat(blanks.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(as(root).get("/api/v1/clusters/" + unique("nope") + "/waves").code())
                .isEqualTo("CLUSTER_NOT_FOUND");
        assertThat(as(root).put("/api/v1/clusters/" + unique("nope") + "/waves", Map.of("ips", List.of("10.0.0.1")))
                .code()).isEqualTo("CLUSTER_NOT_FOUND");
    }

    @Test
    void aClusterInUseIsNeitherDeletedNorMoved() {
        String root = users.superAdmin(unique("root"));
        String k = unique("zh");
        as(root).post("/api/v1/clusters", httpCluster(k));
        String group = unique("grp");
        as(root).post("/api/v1/groups", Map.of("name", group));
        var reg = as(root).post("/api/v1/groups/" + group + "/instances",
                Map.of("cluster", k, "hosts", List.of("inuse-" + k + ".example.com:3306")));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);

        var del = as(root).delete("/api/v1/clusters/" + k);
        assertThat(del.status()).isEqualTo(409);
        assertThat(del.code()).isEqualTo("CLUSTER_IN_USE");
        var move = as(root).put("/api/v1/clusters/" + k,
                with(without(httpCluster(k), "dbsToken", "dumpPassword"), "zkPath", "/elsewhere"));
        assertThat(move.code()).isEqualTo("CLUSTER_IN_USE");
        // Everything else may still change.
        var rename = as(root).put("/api/v1/clusters/" + k,
                with(without(httpCluster(k), "dbsToken", "dumpPassword"), "displayName", "Still used"));
        assertThat(rename.status()).as(rename.toString()).isEqualTo(200);

        String id = reg.json().path("instances").get(0).path("id").asText();
        assertThat(as(root).delete("/api/v1/instances/" + id).status()).isEqualTo(204);
        assertThat(as(root).delete("/api/v1/clusters/" + k).status()).isEqualTo(204);
        assertThat(as(root).get("/api/v1/clusters/" + k).code()).isEqualTo("CLUSTER_NOT_FOUND");
        assertThat(jdbc.queryForObject("select count(*) from wave where cluster_keyword = ?", Long.class, k)).isZero();
        assertThat(catalog.find(k)).isEmpty();
        assertThat(as(root).delete("/api/v1/clusters/" + k).code()).isEqualTo("CLUSTER_NOT_FOUND");
    }
}
