package io.binlake.tower.dbs.simulator;

import io.binlake.tower.dbs.DbsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the {@link DbsSimulator} when {@code tower.dbs.simulator.enabled=true} (the local profile; production
 * never), listening on {@code tower.dbs.simulator.port} with the route paths Tower's http provider uses. A callback
 * URL given as a path is completed with this application's port as soon as the web server is up, so a random
 * test port works too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tower.dbs.simulator", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(DbsSimulatorProperties.class)
public class DbsSimulatorConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    public DbsSimulator dbsSimulator(DbsSimulatorProperties properties, DbsProperties dbs) {
        DbsSimulator simulator = new DbsSimulator(properties.port(), properties.token()).orderPath(dbs.orderPath());
        String url = properties.callbackUrl();
        if (url != null && !url.isBlank() && !url.startsWith("/")) {
            simulator.callbackUrl(url, properties.effectiveCallbackToken());
        }
        return simulator;
    }

    @Bean
    public ApplicationListener<WebServerInitializedEvent> dbsSimulatorCallbackResolver(DbsSimulator simulator,
                                                                                     DbsSimulatorProperties properties) {
        return event -> {
            String path = properties.callbackUrl();
            // Only the application's own server; a separate management server has a namespace of its own.
            if (path != null && path.startsWith("/") && event.getApplicationContext().getServerNamespace() == null) {
                simulator.callbackUrl("http://127.0.0.1:" + event.getWebServer().getPort() + path,
                        properties.effectiveCallbackToken());
            }
        };
    }
}
