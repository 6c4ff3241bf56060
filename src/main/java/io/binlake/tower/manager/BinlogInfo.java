package io.binlake.tower.manager;

import java.util.Map;

/**
 * A binlog position: the {@code dynamic} node ({@code MetaData.slave}) or the master's status ({@code MetaData.master},
 * which the manager only echoes).
 *
 * @param binlogFile       e.g. {@code mysql-bin.000003} (the wave expects a numeric suffix)
 * @param binlogPos        create refuses 0; the first event of a file is at 4
 * @param executedGtidSets GTID set, {@code ""} without GTID; null makes the wave NPE
 * @param leader           written by the wave as {@code <waveIp>:<httpPort>}; for set/leader the bare wave IP
 * @param instanceIp       IP behind the MySQL host name; {@code ""} at create
 * @param withGTID         GTID dump; only create sets it
 * @param preLeader        {@code ""} at create
 */
public record BinlogInfo(String binlogFile, long binlogPos, String executedGtidSets, String leader, long leaderVersion,
                         long binlogWhen, long transactionId, String instanceIp, boolean withGTID, String preLeader,
                         Map<String, Long> msgid) {

    /**
     * A start position for create/znodes: every string the wave dereferences is {@code ""}, not null (contract §2,
     * BinlogInfo).
     */
    public static BinlogInfo start(String binlogFile, long binlogPos, String executedGtidSets, boolean withGtid) {
        return new BinlogInfo(binlogFile, binlogPos, executedGtidSets, "", 0, 0, 0, "", withGtid, "", null)
                .withCreateDefaults();
    }

    /** This position with null {@code executedGtidSets}, {@code leader}, {@code instanceIp}, {@code preLeader} as {@code ""}. */
    public BinlogInfo withCreateDefaults() {
        return new BinlogInfo(binlogFile, binlogPos, orEmpty(executedGtidSets), orEmpty(leader), leaderVersion,
                binlogWhen, transactionId, orEmpty(instanceIp), withGTID, orEmpty(preLeader), msgid);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
