package io.binlake.tower.dbs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules every dump-account grant must pass before anything is sent. Names and host patterns become parts of
 * SQL account names ({@code 'user'@'host'}), which cannot be bind parameters, so only characters that need no
 * quoting are allowed.
 */
final class DumpAccounts {

    static final Pattern USER = Pattern.compile("[A-Za-z0-9_]{1,32}");
    static final Pattern HOST_PATTERN = Pattern.compile("[0-9A-Za-z.%_:-]{1,60}");
    static final int MAX_PASSWORD_LENGTH = 256;

    private DumpAccounts() {
    }

    static String user(String dumpUser) {
        if (dumpUser == null || !USER.matcher(dumpUser).matches()) {
            throw new IllegalArgumentException("the dump user name must match " + USER.pattern()
                    + ", got " + (dumpUser == null ? "null" : "'" + printable(dumpUser) + "'"));
        }
        return dumpUser;
    }

    /** The patterns, validated, without duplicates, in the given order. */
    static List<String> hostPatterns(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("at least one client host pattern is required (the waves' addresses)");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String pattern : patterns) {
            if (pattern == null || !HOST_PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException("client host pattern must match " + HOST_PATTERN.pattern()
                        + ", got " + (pattern == null ? "null" : "'" + printable(pattern) + "'"));
            }
            unique.add(pattern);
        }
        return new ArrayList<>(unique);
    }

    /** Checks the password without ever putting it into the message. */
    static String password(String dumpPassword) {
        if (dumpPassword == null || dumpPassword.isEmpty()) {
            throw new IllegalArgumentException("the dump password is required (an account without password is not granted)");
        }
        if (dumpPassword.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the dump password is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (dumpPassword.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the dump password contains control characters");
        }
        return dumpPassword;
    }

    // Rejected input is echoed for the operator, shortened and with control characters made visible.
    private static String printable(String value) {
        String shortened = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder sb = new StringBuilder();
        shortened.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
