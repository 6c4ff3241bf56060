package io.binlake.tower.dbs;

/** The DBS operation a failure belongs to (also the word used in messages). */
public enum DbsOperation {
    VERIFY_REPLICA("verify-replica"),
    OPEN_ORDER("open-order"),
    GRANT_DUMP_ACCOUNT("grant-dump-account"),
    FORCE_ROW_FORMAT("force-row-format");

    private final String label;

    DbsOperation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
