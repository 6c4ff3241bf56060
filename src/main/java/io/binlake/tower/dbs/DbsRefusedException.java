package io.binlake.tower.dbs;

/**
 * DBS (or, with the jdbc provider, the instance) answered and said no: wrong token, a master, an error code of its
 * own, access denied. Retrying the same call does not help; something must change first.
 */
public final class DbsRefusedException extends DbsException {

    private final Integer status;
    private final String dbsMessage;

    /**
     * @param status     DBS's {@code code}/{@code Status}, or the MySQL error number; null when Tower itself judged
     *                   the answer (e.g. {@code isMaster:true})
     * @param dbsMessage DBS's message, or Tower's description of the refusal
     */
    public DbsRefusedException(DbsOperation operation, String target, Integer status, String dbsMessage) {
        super(operation, target, "DBS refused " + operation.label() + " for " + target + ": "
                + (dbsMessage == null || dbsMessage.isBlank() ? "(no message)" : dbsMessage)
                + (status == null ? "" : " (status " + status + ")"), null);
        this.status = status;
        this.dbsMessage = dbsMessage == null ? "" : dbsMessage;
    }

    /** DBS's status code or the MySQL error number; null when there was none. */
    public Integer status() {
        return status;
    }

    /** DBS's own message (or Tower's description of why the answer is a refusal). */
    public String dbsMessage() {
        return dbsMessage;
    }
}
