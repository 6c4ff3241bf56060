package io.binlake.tower.testsupport;

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

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
