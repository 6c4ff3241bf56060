package io.binlake.tower.dbs;

import java.util.Locale;

/** How Tower reaches a cluster's DBS: JD's DBS HTTP API, or straight SQL on the instance with an admin account. */
public enum DbsKind {
    HTTP,
    JDBC;

    /** Parses a stored provider name case-insensitively ({@code http}, {@code JDBC}, ...). */
    public static DbsKind parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("DBS provider is required (http or jdbc)");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown DBS provider '" + name + "' (http or jdbc)");
        }
    }
}
