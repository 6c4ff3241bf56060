package io.binlake.tower.dbs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One MySQL instance and how to reach its cluster's DBS. Plain values: the caller resolves them server-side from the
 * instance id (never from a request body). The host is used as given; normalising it is the instance registry's job.
 *
 * @param host     host name or IP (IPv6 without brackets)
 * @param port     MySQL port
 * @param endpoint the cluster's DBS settings
 */
public record DbsTarget(String host, int port, DbsEndpoint endpoint) {

    // The host ends up in a JDBC URL and in JSON; anything beyond name/IP characters would let it add URL parameters.
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    public DbsTarget {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host must be a host name or IP address, got '" + host + "'");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** {@code host:port}, the form used in messages. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return address() + " via " + endpoint;
    }
}
