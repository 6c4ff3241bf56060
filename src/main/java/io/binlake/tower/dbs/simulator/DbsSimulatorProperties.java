package io.binlake.tower.dbs.simulator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-process DBS simulator ({@code tower.dbs.simulator.*}); only the local profile (and tests) turn it on.
 *
 * @param enabled       start it (never in production)
 * @param port          port on 127.0.0.1; 0 picks a free one (read it from the {@link DbsSimulator} bean)
 * @param token         the {@code token} header the simulator expects (the cluster's DBS token)
 * @param callbackUrl   where decisions are POSTed: an absolute URL, or a path such as {@code /api/v1/dbs/callback}
 *                      that is resolved against this application's own port once its web server is up; may be empty
 * @param callbackToken the {@code X-DBS-Token} sent with decisions; empty means the same as {@code token}
 */
@Validated
@ConfigurationProperties(prefix = "tower.dbs.simulator")
public record DbsSimulatorProperties(boolean enabled,
                                     @Min(0) @Max(65535) @DefaultValue("9097") int port,
                                     @NotBlank String token,
                                     String callbackUrl,
                                     String callbackToken) {

    /** The token sent to the callback. */
    public String effectiveCallbackToken() {
        return callbackToken == null || callbackToken.isBlank() ? token : callbackToken;
    }
}
