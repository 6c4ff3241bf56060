package io.binlake.tower.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param requestsTopic      where upstream systems publish requests
 * @param eventsTopic        where Tower publishes events
 * @param deadLetterTopic    where unparseable requests go, with the reason in headers
 * @param relayInterval      how often the outbox relay looks for unpublished events (it is also woken after commits)
 * @param relayBatchSize     events relayed per round
 * @param sendTimeout        how long one Kafka send may take before the relay retries later
 * @param topicPartitions    partitions when Tower creates its topics
 * @param topicReplicas      replication factor when Tower creates its topics
 */
@Validated
@ConfigurationProperties(prefix = "tower.messaging")
public record MessagingProperties(@NotBlank String requestsTopic, @NotBlank String eventsTopic,
        @NotBlank String deadLetterTopic, Duration relayInterval, @Min(1) @Max(1000) int relayBatchSize,
        Duration sendTimeout, @Min(1) int topicPartitions, @Min(1) short topicReplicas) {
    public MessagingProperties {
        relayInterval = relayInterval == null ? Duration.ofMillis(500) : relayInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
    }
}
