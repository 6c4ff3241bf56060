package io.binlake.tower.dbs;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Registers {@link DbsProperties} and the one {@link DbsProviders} bean. The providers themselves are not beans, so
 * nothing injects a {@link DbsProvider} of the wrong kind by accident.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DbsProperties.class)
public class DbsConfiguration {

    @Bean
    public DbsProviders dbsProviders(DbsProperties properties) {
        return new DbsProviders(List.of(new HttpDbsProvider(properties), new JdbcDbsProvider(properties)));
    }
}
