package io.binlake.tower.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds, over the real API, what an onboarding needs: a group with a white filter and a topic rule, and a
 * cluster (created by a super admin) with waves and a DBS provider.
 */
public final class LifecycleFixture {
    public final String group;
    public final String topic;
    public final String cluster;
    public final String zkPath;
    public final String creator;

    private LifecycleFixture(String group, String topic, String cluster, String zkPath, String creator) {
        this.group = group;
        this.topic = topic;
        this.cluster = cluster;
        this.zkPath = zkPath;
        this.creator = creator;
    }

    public static final String DUMP_USER = "binlake_dump";
    public static final String DUMP_PASSWORD = "dump-Secret-1";

    public static final String ADMIN_USER = "tower_admin";
    public static final String ADMIN_PASSWORD = "admin-Secret-1";

    /** An admin account on the binary-logging MariaDB, as a DBA would give the jdbc provider. */
    public static void createAdminAccount(BinlogMariaDb db) throws java.sql.SQLException {
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'127.0.0.1' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'127.0.0.1' WITH GRANT OPTION");
        }
    }

    /**
     * Makes the binary-logging MariaDB look like a replica (a replication source that is never started), as the jdbc
     * provider dumps replicas only, and gives it the admin account the jdbc clusters use.
     */
    public static BinlogMariaDb replicaWithAdminAccount() throws java.sql.SQLException {
        BinlogMariaDb db = BinlogMariaDb.get();
        createAdminAccount(db);
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("STOP SLAVE");
            s.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=3306, MASTER_USER='tower_probe', "
                    + "MASTER_PASSWORD='x'");
        }
        return db;
    }

    /** A cluster whose DBS is the jdbc provider on the binary-logging MariaDB (see createAdminAccount). */
    public static Map<String, Object> jdbcCluster(String keyword, String zkPath) {
        Map<String, Object> c = base(keyword, zkPath);
        c.put("dbsProvider", "JDBC");
        c.put("dbsAdminUser", ADMIN_USER);
        c.put("dbsAdminPassword", ADMIN_PASSWORD);
        return c;
    }

    /** A cluster whose DBS is the HTTP simulator of the test profile. */
    public static Map<String, Object> httpCluster(String keyword, String zkPath) {
        Map<String, Object> c = base(keyword, zkPath);
        c.put("dbsProvider", "HTTP");
        c.put("dbsApiUrl", TestSimulators.dbs().baseUrl());
        c.put("dbsToken", TestSimulators.DBS_TOKEN);
        return c;
    }

    private static Map<String, Object> base(String keyword, String zkPath) {
        Map<String, Object> c = new HashMap<>();
        c.put("keyword", keyword);
        c.put("displayName", "Cluster " + keyword);
        c.put("zkServers", "127.0.0.1:2181");
        c.put("zkPath", zkPath);
        c.put("slaveId", 1001);
        c.put("slaveUuid", UUID.randomUUID().toString());
        c.put("kafkaBootstrapServers", "127.0.0.1:9092");
        c.put("dumpUser", DUMP_USER);
        c.put("dumpPassword", DUMP_PASSWORD);
        c.put("waves", List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"));
        return c;
    }

    public static LifecycleFixture create(ApiClient creatorApi, String creator, ApiClient superAdminApi,
            Map<String, Object> clusterBody, String suffix) {
        String group = "g" + suffix;
        String topic = "orders_" + suffix;
        assertOk(creatorApi.post("/api/v1/groups", Map.of("name", group)));
        var filter = creatorApi.post("/api/v1/groups/" + group + "/filters", Map.of("name", "orders",
                "type", "WHITE", "tableRegex", "orders\\.order_[0-9]+", "eventTypes", List.of("INSERT", "UPDATE",
                        "DELETE"), "businessKeys", List.of("id")));
        assertOk(filter);
        var black = creatorApi.post("/api/v1/groups/" + group + "/filters", Map.of("name", "tmp", "type", "BLACK",
                "tableRegex", "orders\\.tmp_.*"));
        assertOk(black);
        assertOk(creatorApi.post("/api/v1/groups/" + group + "/topic-rules", Map.of("topic", topic, "name",
                "Orders", "orderType", "TABLE_ORDER", "filterIds", List.of(filter.json().path("id").asText(),
                        black.json().path("id").asText()))));
        assertOk(superAdminApi.post("/api/v1/clusters", clusterBody));
        return new LifecycleFixture(group, topic, (String) clusterBody.get("keyword"),
                (String) clusterBody.get("zkPath"), creator);
    }

    public Map<String, Object> onboardRequest(String requestId, String host, int port) {
        return Map.of("requestId", requestId, "type", "ONBOARD_INSTANCE", "requestedBy", "erp-portal",
                "group", group, "instance", Map.of("host", host, "port", port, "cluster", cluster),
                "payload", Map.of("topics", List.of(topic), "convertClass", "PROTOBUF"));
    }

    private static void assertOk(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
    }
}
