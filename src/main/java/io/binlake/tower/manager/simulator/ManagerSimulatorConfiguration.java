package io.binlake.tower.manager.simulator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs a {@link ManagerSimulator} inside the application when {@code tower.manager.simulator.enabled=true} (the local
 * profile), so the whole lifecycle works on one machine. Point {@code tower.manager.url} at it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tower.manager.simulator", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ManagerSimulatorProperties.class)
public class ManagerSimulatorConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    public ManagerSimulator managerSimulator(ManagerSimulatorProperties properties) {
        return new ManagerSimulator(properties.bindAddress(), properties.port()).requireRoot(properties.requireRoot());
    }
}
