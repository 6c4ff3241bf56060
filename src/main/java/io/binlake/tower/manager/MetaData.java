package io.binlake.tower.manager;

import java.util.List;

/**
 * The one object every manager request carries and {@code /slave/status/} answers (contract §2). Component order is
 * the wire order of the real class.
 *
 * @param master    never used by the manager, echoed by slave/status
 * @param counter   filled by slave/status; ignored on input
 * @param candidate wave IPs allowed to dump the instance (create, set/candidate; filled by slave/status)
 * @param alarm     create only; not returned by slave/status
 * @param error     filled by slave/status; ignored on input
 * @param zk        required by every route
 */
public record MetaData(DbInfo dbInfo, BinlogInfo slave, BinlogInfo master, Counter counter, Terminal terminal,
                       List<String> candidate, Alarm alarm, ErrorInfo error, Admin admin, ZK zk) {

    /** {@code {"dbInfo":{"host":H,"port":P},"zk":{...}}}: the body of every key-only route (contract §5). */
    public static MetaData key(ZK zk, String host, int port) {
        return new MetaData(DbInfo.key(host, port), null, null, null, null, null, null, null, null, zk);
    }

    /** A create/znodes body (contract §6.1); the client fills the {@code ""} defaults of {@code slave}. */
    public static MetaData create(ZK zk, DbInfo dbInfo, BinlogInfo slave, List<String> candidate, Alarm alarm) {
        return new MetaData(dbInfo, slave, null, null, null, candidate, alarm, null, null, zk);
    }

    MetaData withSlave(BinlogInfo newSlave) {
        return new MetaData(dbInfo, newSlave, master, counter, terminal, candidate, alarm, error, admin, zk);
    }

    MetaData withCandidate(List<String> newCandidate) {
        return new MetaData(dbInfo, slave, master, counter, terminal, newCandidate, alarm, error, admin, zk);
    }

    MetaData withTerminal(Terminal newTerminal) {
        return new MetaData(dbInfo, slave, master, counter, newTerminal, candidate, alarm, error, admin, zk);
    }
}
