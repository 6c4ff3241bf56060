package io.binlake.tower.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context every integration test shares (one ~20 s start for the whole suite): the real service on a
 * random port, a real KRaft Kafka broker, the real database of the run (H2 or MariaDB), the manager and DBS
 * simulators over real HTTP. Do not add @MockBean, @DirtiesContext or differing properties in subclasses: each
 * would start another context. Tests share the database, so each names what it creates uniquely ({@link #unique}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, partitions = 3)
@Import(TestSupportConfiguration.class)
public abstract class TowerIntegrationTest {
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The outside systems' simulators run on free ports; the service is pointed at them here. */
    @DynamicPropertySource
    static void simulators(DynamicPropertyRegistry registry) {
        registry.add("tower.manager.url", () -> TestSimulators.manager().url().toString());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestUsers users;

    protected ApiClient as(String userId) {
        return new ApiClient(port, userId, TestUsers.passwordOf(userId));
    }

    protected ApiClient anonymous() {
        return new ApiClient(port, null, null);
    }

    /** Polls the instance over the API until it has the status; returns its last JSON. */
    protected JsonNode awaitInstanceStatus(String user, String instanceId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var r = as(user).get("/api/v1/instances/" + instanceId);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            last[0] = r.json();
            assertThat(last[0].path("status").asText()).as(r.toString()).isEqualTo(status);
        });
        return last[0];
    }

    /** Polls GET /api/v1/tasks as the user until a task of that kind (task definition key) waits for the instance. */
    protected JsonNode awaitTask(String user, String instanceId, String kind) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            found[0] = null;
            as(user).get("/api/v1/tasks?size=200").json().path("items").forEach(t -> {
                if (instanceId.equals(t.path("instanceId").asText()) && kind.equals(t.path("kind").asText())) {
                    found[0] = t;
                }
            });
            assertThat(found[0]).as("task " + kind + " for " + instanceId).isNotNull();
        });
        return found[0];
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
