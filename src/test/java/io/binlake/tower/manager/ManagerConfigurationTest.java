package io.binlake.tower.manager;

import io.binlake.tower.manager.simulator.ManagerSimulator;
import io.binlake.tower.manager.simulator.ManagerSimulatorConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring wiring alone (a bare context, no Tower application). */
class ManagerConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ManagerConfiguration.class, ManagerSimulatorConfiguration.class);

    @Test
    void bindsTheUrlWithDefaultTimeoutsAndCreatesTheClient() {
        runner.withPropertyValues("tower.manager.url=http://manager.example:9096").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ManagerClient.class).doesNotHaveBean(ManagerSimulator.class);
            ManagerProperties properties = context.getBean(ManagerProperties.class);
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(context.getBean(ManagerClient.class).baseUrl()).isEqualTo(URI.create("http://manager.example:9096/"));
        });
    }

    @Test
    void bindsTimeouts() {
        runner.withPropertyValues("tower.manager.url=http://m:1/", "tower.manager.connect-timeout=2s",
                "tower.manager.read-timeout=1m").run(context -> {
            ManagerProperties properties = context.getBean(ManagerProperties.class);
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofMinutes(1));
        });
    }

    @Test
    void aMissingOrEmptyUrlStopsTheStart() {
        runner.run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("tower.manager").hasMessageContaining("url"));
        // what profile prod gives when TOWER_MANAGER_URL is unset: ${TOWER_MANAGER_URL:}
        runner.withPropertyValues("tower.manager.url=").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theSimulatorRunsWhenEnabledAndTheClientTalksToIt() {
        runner.withPropertyValues("tower.manager.simulator.enabled=true", "tower.manager.simulator.port=0",
                "tower.manager.url=http://127.0.0.1:1/").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ManagerSimulator.class);
            ManagerSimulator simulator = context.getBean(ManagerSimulator.class);
            ManagerClient client = new ManagerClient(ManagerProperties.of(simulator.url()));
            assertThat(client.existNode(new ZK("zk:2181", "/zk/wave3"), "db1", 3306)).isFalse();
        });
    }
}
