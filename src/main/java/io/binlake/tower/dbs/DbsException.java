package io.binlake.tower.dbs;

/**
 * A DBS operation that did not succeed. Unchecked: the BPMN delegates let it surface as a retry or an incident, or
 * turn a {@link DbsRefusedException} into a decision. Messages name the operation and {@code host:port} and never
 * contain a token or password.
 */
public abstract sealed class DbsException extends RuntimeException
        permits DbsRefusedException, DbsUnavailableException {

    private final DbsOperation operation;
    private final String target;

    DbsException(DbsOperation operation, String target, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.target = target;
    }

    public DbsOperation operation() {
        return operation;
    }

    /** {@code host:port} of the instance concerned. */
    public String target() {
        return target;
    }
}
