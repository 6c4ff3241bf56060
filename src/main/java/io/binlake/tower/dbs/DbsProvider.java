package io.binlake.tower.dbs;

import java.util.List;

/**
 * One way of talking to a cluster's DBS. Called from asynchronous BPMN steps, never from an HTTP request thread:
 * every call has a timeout ({@link DbsProperties}) and fails with {@link DbsRefusedException} (DBS said no) or
 * {@link DbsUnavailableException} (no usable answer). Arguments that cannot be sent safely fail with
 * {@link IllegalArgumentException} before anything goes out. Implementations are thread-safe.
 */
public interface DbsProvider {

    /** The endpoint kind this provider serves; a target of another kind is an {@link IllegalArgumentException}. */
    DbsKind kind();

    /**
     * Refuses a master: BinLake dumps replicas only.
     *
     * @throws DbsRefusedException when the instance is a master (or not a replica at all)
     */
    void verifyReplica(DbsTarget target);

    /** Opens an authorization order; returns its id and a URL people can open (may be null). */
    DbsOrder openOrder(DbsTarget target, OrderRequest request);

    /**
     * Grants the dump account SELECT, REPLICATION SLAVE, REPLICATION CLIENT from the given client host patterns.
     * Idempotent.
     *
     * @param dumpUser           {@code [A-Za-z0-9_]{1,32}}
     * @param clientHostPatterns MySQL host patterns, each {@code [0-9A-Za-z.%_:-]{1,60}}, at least one
     */
    void grantDumpAccount(DbsTarget target, String dumpUser, String dumpPassword, List<String> clientHostPatterns);

    /** binlog_format=ROW. Idempotent. */
    void forceRowFormat(DbsTarget target);
}
