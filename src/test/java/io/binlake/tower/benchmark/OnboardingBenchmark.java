package io.binlake.tower.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.testsupport.LifecycleFixture;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * How fast Tower takes onboarding requests from Kafka to "wait" (request handled, process started, replica
 * verified and DBS order opened at the simulator: two async BPMN steps and their outbox events), and how fast the
 * API answers a paged list meanwhile. Not part of the suite (surefire excludes *Benchmark); run it with
 * {@code ./mvnw -B -ntp test -Dtest=OnboardingBenchmark -Dbenchmark.instances=300} and read the printed figures.
 */
class OnboardingBenchmark extends TowerIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void requestsToWait() throws Exception {
        int n = Integer.getInteger("benchmark.instances", 200);
        String suffix = unique("").toLowerCase();
        String creator = users.user("bench" + suffix);
        var fixture = LifecycleFixture.create(as(creator), creator, as(users.superAdmin("root" + suffix)),
                LifecycleFixture.httpCluster("c" + suffix, "/zk/" + suffix), suffix);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String host = "bench-" + i + "-" + suffix + ".example.com";
            sent.add(kafka.send("tower.requests", host + ":3306",
                    JSON.writeValueAsString(fixture.onboardRequest("b-" + i + "-" + suffix, host, 3306))));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
        String groupId = io.binlake.tower.common.Ids.group(fixture.group);
        List<Long> apiMillis = Collections.synchronizedList(new ArrayList<>());
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
            long t = System.nanoTime();
            assertThat(as(creator).get("/api/v1/instances?status=wait&size=50").status()).isEqualTo(200);
            apiMillis.add((System.nanoTime() - t) / 1_000_000);
            return jdbc.queryForObject("select count(*) from mysql_instance where group_id = ? and status = 'wait'",
                    Integer.class, groupId) == n;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long unpublished = jdbc.queryForObject("select count(*) from outbox_event where published_at is null",
                Long.class);
        Collections.sort(apiMillis);
        System.out.printf("%nBENCHMARK onboarding: %d requests -> wait in %.1f s = %.1f instances/s "
                        + "(db=%s, job executor threads from config); outbox backlog at the end: %d%n",
                n, seconds, n / seconds, System.getProperty("tower.test.db", "h2"), unpublished);
        System.out.printf("BENCHMARK api: GET /api/v1/instances during the load: p50 %d ms, p95 %d ms, max %d ms "
                        + "(%d calls)%n%n", apiMillis.get(apiMillis.size() / 2),
                apiMillis.get((int) (apiMillis.size() * 0.95)), apiMillis.get(apiMillis.size() - 1), apiMillis.size());
    }
}
