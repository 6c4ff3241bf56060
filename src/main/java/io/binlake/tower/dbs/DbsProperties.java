package io.binlake.tower.dbs;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How Tower talks to DBS ({@code tower.dbs.*}). Where DBS is and its token are per cluster, not here.
 *
 * @param connectTimeout TCP connect timeout of the http provider
 * @param readTimeout    time the http provider allows for an answer (the original waited 120 s)
 * @param orderPath      path of DBS's order-creation route below the cluster's API URL (not in the original source:
 *                       agree it with the DBS owners)
 * @param jdbcTimeout    connect and socket timeout of the jdbc provider
 */
@Validated
@ConfigurationProperties(prefix = "tower.dbs")
public record DbsProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration connectTimeout,
                            @NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration readTimeout,
                            @NotNull @Pattern(regexp = "/[A-Za-z0-9._~/-]*", message = "must be a path starting with /")
                            @DefaultValue("/order/create") String orderPath,
                            @NotNull @DurationMin(millis = 1) @DurationMax(days = 1) @DefaultValue("10s") Duration jdbcTimeout) {

    public DbsProperties {
        // Defaults also for code that builds the record by hand (tests, tools).
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        orderPath = orderPath == null ? "/order/create" : orderPath;
        jdbcTimeout = jdbcTimeout == null ? Duration.ofSeconds(10) : jdbcTimeout;
    }

    /** All defaults (a factory, not a constructor: binding needs a single constructor). */
    public static DbsProperties defaults() {
        return new DbsProperties(null, null, null, null);
    }
}
