package io.binlake.tower.monitor;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dump status view ({@code tower.monitor.*}).
 *
 * @param mysqlTimeout connect and read timeout of each query on the instance with the dump account. Shorter than the
 *                     lifecycle's: a person waits for the answer, and a dead server should show up as
 *                     {@code masterError} quickly rather than hold the page. The manager call keeps the manager
 *                     client's own timeouts ({@code tower.manager.*}).
 */
@Validated
@ConfigurationProperties(prefix = "tower.monitor")
public record MonitorProperties(
        @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 60) @DefaultValue("5s") Duration mysqlTimeout) {

    public MonitorProperties {
        mysqlTimeout = mysqlTimeout == null ? Duration.ofSeconds(5) : mysqlTimeout;
    }
}
