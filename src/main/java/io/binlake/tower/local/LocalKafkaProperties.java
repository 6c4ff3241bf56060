package io.binlake.tower.local;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The in-process Kafka broker of the embedded default (profile local). */
@Validated
@ConfigurationProperties(prefix = "tower.local.kafka")
public record LocalKafkaProperties(boolean enabled, @Min(1) @Max(65535) int port, @Min(1) @Max(65535) int controllerPort,
        @NotBlank String dataDir) {
}
