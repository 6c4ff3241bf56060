package io.binlake.tower.instance;

import io.binlake.tower.cluster.NetworkAddresses;
import io.binlake.tower.common.Ids;
import java.util.Optional;

/** A normalised "host:port" of a MySQL instance: one spelling per server, so one id per server. */
record HostPort(String host, int port) {

    /** Parses "host:port" (blanks around it ignored); empty when the line is not a valid host and port. */
    static Optional<HostPort> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String t = line.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = Ids.normaliseHost(t.substring(0, colon));
        String port = t.substring(colon + 1);
        if (!NetworkAddresses.isHost(host) || !NetworkAddresses.isPort(port)) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(host, Integer.parseInt(port)));
    }

    static boolean valid(String host, int port) {
        return host != null && NetworkAddresses.isHost(Ids.normaliseHost(host)) && port >= 1 && port <= 65535;
    }

    String id() {
        return Ids.instance(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
