package io.binlake.tower.monitor;

/**
 * Why one half of a dump status is missing: the other half is still shown (a manager outage must not hide the
 * master's position, nor a wrong dump password the dump's).
 *
 * @param kind    what failed, see {@link Kind}
 * @param code    the outside system's own code when it gave one: the manager's answer code (115 = no node) or the
 *                MySQL error number (1045 = access denied); null when there was no answer
 * @param message what happened, for a person; never carries a password
 */
public record OutsideError(Kind kind, Integer code, String message) {

    public enum Kind {
        /** The manager did not answer usably (down, timeout, HTTP error, undecodable). */
        MANAGER_UNAVAILABLE,
        /** The manager answered with a failure code. */
        MANAGER_REFUSED,
        /** The manager has no node for the instance (code 115): not created in ZooKeeper yet. */
        NODE_NOT_CREATED,
        /** The instance could not be reached or refused the dump account or the query. */
        MYSQL_UNAVAILABLE,
        /** The instance answered but has binary logging off. */
        BINLOG_DISABLED,
        /** The cluster has no dump account to read the instance with. */
        NO_DUMP_ACCOUNT
    }
}
