package io.binlake.tower.local;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tower.local.kafka.enabled", havingValue = "true")
@EnableConfigurationProperties(LocalKafkaProperties.class)
class LocalConfiguration {
    @Bean
    LocalKafkaBroker localKafkaBroker(LocalKafkaProperties properties) {
        return new LocalKafkaBroker(properties);
    }
}
