package io.binlake.tower.manager.simulator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tower.manager.simulator.*}: the in-process manager of the local profile.
 *
 * @param enabled     start it (never in production)
 * @param port        the real manager's default is 9096; 0 picks a free port
 * @param bindAddress loopback by default: the simulator has no authentication, like the real one
 * @param requireRoot answer create/znodes with 102 NoNode unless the meta root was created (as the real manager does
 *                    before a wave has run); off by default so every root counts as present
 */
@Validated
@ConfigurationProperties(prefix = "tower.manager.simulator")
public record ManagerSimulatorProperties(boolean enabled,
                                         @DefaultValue("9096") @Min(0) @Max(65535) int port,
                                         @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
                                         boolean requireRoot) {
}
