package io.binlake.tower.dbs;

import io.binlake.tower.dbs.simulator.DbsSimulator;
import io.binlake.tower.dbs.simulator.DbsSimulatorConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import java.net.URI;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration classes in a bare, throw-away application context (no web server, no database, milliseconds
 * to start; not the shared integration-test context).
 */
class DbsConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(DbsConfiguration.class, DbsSimulatorConfiguration.class);

    @Test
    void providersWithDefaults_andNoSimulatorUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DbsProviders.class).doesNotHaveBean(DbsSimulator.class);
            assertThat(context.getBean(DbsProperties.class)).isEqualTo(DbsProperties.defaults());
            assertThat(context.getBean(DbsProviders.class).get(DbsKind.HTTP)).isInstanceOf(HttpDbsProvider.class);
            assertThat(context.getBean(DbsProviders.class).get(DbsKind.JDBC)).isInstanceOf(JdbcDbsProvider.class);
        });
    }

    @Test
    void propertiesBind_andBadValuesStopTheStart() {
        runner.withPropertyValues("tower.dbs.read-timeout=7s", "tower.dbs.order-path=/v2/orders", "tower.dbs.jdbc-timeout=3s")
                .run(context -> {
                    DbsProperties properties = context.getBean(DbsProperties.class);
                    assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(properties.orderPath()).isEqualTo("/v2/orders");
                    assertThat(properties.jdbcTimeout()).isEqualTo(Duration.ofSeconds(3));
                });
        runner.withPropertyValues("tower.dbs.order-path=order/create")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("tower.dbs.read-timeout=0s")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void enabledSimulator_startsOnTheConfiguredPortWithTheOrderPath() {
        runner.withPropertyValues("tower.dbs.simulator.enabled=true", "tower.dbs.simulator.port=0",
                        "tower.dbs.simulator.token=local-token", "tower.dbs.order-path=/v2/orders",
                        "tower.dbs.simulator.callback-url=http://127.0.0.1:1/cb")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(DbsSimulator.class);
                    DbsSimulator simulator = context.getBean(DbsSimulator.class);
                    assertThat(simulator.port()).isPositive();
                    assertThat(simulator.callbackUrl()).contains(URI.create("http://127.0.0.1:1/cb"));
                    HttpDbsProvider provider = new HttpDbsProvider(context.getBean(DbsProperties.class));
                    DbsTarget target = new DbsTarget("10.0.0.1", 3306, DbsEndpoint.http(simulator.baseUrl(), "local-token"));
                    assertThat(provider.openOrder(target, new OrderRequest("i", "g", "u", List.of(), null)).orderId())
                            .startsWith("DBS-");
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCallbackPath_isCompletedWithTheApplicationsOwnPort() {
        runner.withPropertyValues("tower.dbs.simulator.enabled=true", "tower.dbs.simulator.port=0",
                        "tower.dbs.simulator.token=local-token", "tower.dbs.simulator.callback-url=/api/v1/dbs/callback")
                .run(context -> {
                    DbsSimulator simulator = context.getBean(DbsSimulator.class);
                    assertThat(simulator.callbackUrl()).isEmpty();
                    WebServer server = new WebServer() {
                        @Override
                        public void start() {
                        }

                        @Override
                        public void stop() {
                        }

                        @Override
                        public int getPort() {
                            return 8123;
                        }
                    };
                    ApplicationListener<WebServerInitializedEvent> resolver =
                            context.getBean("dbsSimulatorCallbackResolver", ApplicationListener.class);
                    resolver.onApplicationEvent(new ServletWebServerInitializedEvent(server, new ServletWebServerApplicationContext()));

                    assertThat(simulator.callbackUrl()).contains(URI.create("http://127.0.0.1:8123/api/v1/dbs/callback"));
                });
    }

    @Test
    void enabledSimulator_needsAToken() {
        runner.withPropertyValues("tower.dbs.simulator.enabled=true", "tower.dbs.simulator.port=0")
                .run(context -> assertThat(context).hasFailed());
    }
}
