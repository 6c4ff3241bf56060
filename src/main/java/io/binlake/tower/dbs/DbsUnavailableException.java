package io.binlake.tower.dbs;

/**
 * No usable answer: DBS or the instance not reachable, timed out, HTTP status other than 200, an answer that cannot
 * be read. Usually worth a retry; a call that timed out may still have been applied (all DBS operations are
 * idempotent except opening an order, which DBS can match by {@code towerId}).
 */
public final class DbsUnavailableException extends DbsException {

    public DbsUnavailableException(DbsOperation operation, String target, String message, Throwable cause) {
        super(operation, target, "DBS unavailable for " + operation.label() + " of " + target + ": " + message, cause);
    }
}
