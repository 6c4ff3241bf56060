package io.binlake.tower.manager;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Where the BinLake manager is ({@code tower.manager.*}).
 *
 * @param url            base URL, e.g. {@code http://manager:9096/}; routes are resolved below it
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    time allowed for the answer; the manager's offline+wait alone can take about 5 s, and an
 *                       unreachable ZooKeeper makes it answer only after about 80 s
 */
@Validated
@ConfigurationProperties(prefix = "tower.manager")
public record ManagerProperties(@NotNull URI url,
                                @DefaultValue("5s") Duration connectTimeout,
                                @DefaultValue("30s") Duration readTimeout) {

    public ManagerProperties {
        // Defaults also for code that builds the record by hand (tests, tools).
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    /** The given URL with the default timeouts (a factory, not a constructor: binding needs a single constructor). */
    public static ManagerProperties of(URI url) {
        return new ManagerProperties(url, null, null);
    }
}
