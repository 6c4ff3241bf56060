package io.binlake.tower.binlog;

/**
 * Where a MySQL's binary log currently ends: the start position of a new dump.
 *
 * @param binlogFile       e.g. {@code mysql-bin.000001}
 * @param binlogPos        offset in that file (at least 4)
 * @param executedGtidSets the MySQL GTID set when {@code withGtid}, otherwise {@code ""} (never null: the wave NPEs on it)
 * @param withGtid         true only for MySQL with {@code gtid_mode=ON}
 */
public record BinlogPosition(String binlogFile, long binlogPos, String executedGtidSets, boolean withGtid) {

    public BinlogPosition {
        executedGtidSets = executedGtidSets == null ? "" : executedGtidSets;
    }
}
