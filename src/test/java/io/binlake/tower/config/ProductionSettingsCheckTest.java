package io.binlake.tower.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionSettingsCheckTest {
    private final ProductionSettingsCheck check = new ProductionSettingsCheck();

    private static StandardEnvironment env(Map<String, Object> values, String... profiles) {
        StandardEnvironment e = new StandardEnvironment();
        e.getPropertySources().addFirst(new MapPropertySource("test", values));
        e.setActiveProfiles(profiles);
        return e;
    }

    @Test
    void prodNamesEveryMissingSettingAtOnce() {
        assertThatThrownBy(() -> check.postProcessEnvironment(env(Map.of("spring.datasource.url",
                "jdbc:mysql://db:3306/tower"), "prod"), new SpringApplication()))
                .isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).missing()).hasSize(4)
                        .anyMatch(s -> s.startsWith("TOWER_KAFKA_BOOTSTRAP_SERVERS"))
                        .anyMatch(s -> s.startsWith("TOWER_SECRET_KEY")));
    }

    @Test
    void prodRefusesAnEmbeddedDatabaseWithoutEchoingCredentials() {
        assertThatThrownBy(() -> check.postProcessEnvironment(env(Map.of("spring.datasource.url",
                "jdbc:h2:file:./data/tower"), "prod"), new SpringApplication()))
                .hasMessageContaining("jdbc:mysql:");
    }

    @Test
    void prodWithEverythingSetStarts() {
        check.postProcessEnvironment(env(Map.of("spring.datasource.url", "jdbc:mysql://db:3306/tower",
                "spring.datasource.username", "tower", "spring.kafka.bootstrap-servers", "kafka:9092",
                "tower.security.secret-key", "x", "tower.manager.url", "http://manager:9096/"), "prod"),
                new SpringApplication());
    }

    @Test
    void otherProfilesAreNotChecked() {
        check.postProcessEnvironment(env(Map.of(), "local"), new SpringApplication());
    }

    @Test
    void analyzerExplainsWhatToSet() {
        var analysis = new MissingSettingsFailureAnalyzer().analyze(new MissingSettingsException(
                java.util.List.of("TOWER_DB_URL (spring.datasource.url)")));
        assertThat(analysis.getDescription()).contains("TOWER_DB_URL");
        assertThat(analysis.getAction()).contains("README");
    }
}
