package io.binlake.tower.manager;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link ManagerProperties} and the {@link ManagerClient} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ManagerProperties.class)
public class ManagerConfiguration {

    @Bean
    public ManagerClient managerClient(ManagerProperties properties) {
        return new ManagerClient(properties);
    }
}
