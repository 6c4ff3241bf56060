package io.binlake.tower.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * How Tower reaches DBS for a cluster's instances: JD's HTTP API (order, verifymaster, grants) or direct SQL on the
 * instance with the cluster's admin account, where the DBA's approval becomes a Camunda user task.
 */
public enum DbsProvider {
    HTTP, JDBC;

    /** Accepts "http" as well as "HTTP": the design and configuration speak of the providers in lower case. */
    @JsonCreator
    public static DbsProvider fromJson(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dbsProvider must be HTTP or JDBC");
        }
    }
}
