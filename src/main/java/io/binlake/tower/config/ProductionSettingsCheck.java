package io.binlake.tower.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With profile prod, every outside system must be configured: the start stops at once and names every missing
 * setting, instead of failing later on the first one it happens to touch (or falling back to an embedded default).
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {
    /** Setting → the environment variable that usually provides it. */
    static final Map<String, String> REQUIRED = new java.util.LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.url", "TOWER_DB_URL");
        REQUIRED.put("spring.datasource.username", "TOWER_DB_USER");
        REQUIRED.put("spring.kafka.bootstrap-servers", "TOWER_KAFKA_BOOTSTRAP_SERVERS");
        REQUIRED.put("tower.security.secret-key", "TOWER_SECRET_KEY");
        REQUIRED.put("tower.manager.url", "TOWER_MANAGER_URL");
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> missing = REQUIRED.entrySet().stream()
                .filter(e -> isBlank(environment.getProperty(e.getKey())))
                .map(e -> e.getValue() + " (" + e.getKey() + ")").toList();
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.isBlank() && !url.startsWith("jdbc:mysql:")) {
            throw new MissingSettingsException(List.of("TOWER_DB_URL must be a jdbc:mysql: URL in production, not "
                    + url.replaceAll("//[^@/]*@", "//***@")));
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
