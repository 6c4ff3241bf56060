package io.binlake.tower.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
class MessagingConfiguration {
    /** Tower's topics are created at start when missing (KafkaAdmin); existing ones are left as they are. */
    @Bean
    NewTopic requestsTopic(MessagingProperties p) {
        return TopicBuilder.name(p.requestsTopic()).partitions(p.topicPartitions()).replicas(p.topicReplicas()).build();
    }

    @Bean
    NewTopic eventsTopic(MessagingProperties p) {
        return TopicBuilder.name(p.eventsTopic()).partitions(p.topicPartitions()).replicas(p.topicReplicas()).build();
    }

    @Bean
    NewTopic deadLetterTopic(MessagingProperties p) {
        return TopicBuilder.name(p.deadLetterTopic()).partitions(p.topicPartitions()).replicas(p.topicReplicas())
                .build();
    }
}
