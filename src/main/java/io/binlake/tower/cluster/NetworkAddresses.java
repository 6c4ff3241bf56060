package io.binlake.tower.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Syntax of the network coordinates Tower stores: host names, IPv4 addresses, host:port lists and ZooKeeper connect
 * strings. Tower later hands these to the manager, DBS and the JDBC driver, so a typo must be refused when it is
 * typed, not when a dump fails to start days later.
 */
public final class NetworkAddresses {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern ZK_NODE = Pattern.compile("[A-Za-z0-9_.-]+");

    private NetworkAddresses() {
    }

    /**
     * Dotted-quad IPv4 without leading zeros: "010.0.0.1" is refused because resolvers disagree on whether it is
     * octal, and one server must not get two instance ids (tower-spec §8.2.6).
     */
    public static boolean isIpv4(String s) {
        if (s == null) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 1123 host name; a name of digits and dots only must be a valid IPv4 address instead. */
    public static boolean isHostname(String s) {
        if (s == null || s.isEmpty() || s.length() > 253 || DIGITS_AND_DOTS.matcher(s).matches()) {
            return false;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return Arrays.stream(lower.split("\\.", -1)).allMatch(l -> LABEL.matcher(l).matches());
    }

    public static boolean isHost(String s) {
        return isIpv4(s) || isHostname(s);
    }

    public static boolean isPort(String s) {
        if (s == null || s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(s);
        return port >= 1 && port <= 65535;
    }

    public static boolean isHostPort(String s) {
        if (s == null) {
            return false;
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && isHost(s.substring(0, colon)) && isPort(s.substring(colon + 1));
    }

    /** "host:port[,host:port...]" with optional blanks around the commas. */
    public static boolean isHostPortList(String s) {
        if (s == null || s.isBlank()) {
            return false;
        }
        return Arrays.stream(s.split(",", -1)).map(String::trim).allMatch(NetworkAddresses::isHostPort);
    }

    /** A ZooKeeper connect string: "host:port[,host:port...]" optionally followed by a chroot path. */
    public static boolean isZkConnectString(String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return isHostPortList(s);
        }
        return isHostPortList(s.substring(0, slash)) && isZkPath(s.substring(slash)) && slash < s.length() - 1;
    }

    /** An absolute ZooKeeper path: "/" or "/a/b", no trailing slash, no empty, "." or ".." node names. */
    public static boolean isZkPath(String s) {
        if (s == null || !s.startsWith("/")) {
            return false;
        }
        if (s.equals("/")) {
            return true;
        }
        return Arrays.stream(s.substring(1).split("/", -1))
                .allMatch(n -> ZK_NODE.matcher(n).matches() && !n.equals(".") && !n.equals(".."));
    }

    /** One spelling per address list: blanks removed, host names lower-case (they are case-insensitive). */
    public static String normaliseHostPortList(String s) {
        return Arrays.stream(s.split(",", -1)).map(String::trim).map(hp -> hp.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }

    /** As {@link #normaliseHostPortList} for the servers part; the chroot keeps its case (znode names are). */
    public static String normaliseZkConnectString(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        return slash < 0 ? normaliseHostPortList(t) : normaliseHostPortList(t.substring(0, slash)) + t.substring(slash);
    }
}
