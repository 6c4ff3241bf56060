package io.binlake.tower.monitor;

import io.binlake.tower.binlog.BinaryLog;
import io.binlake.tower.monitor.DumpStatus.Lag;
import java.util.List;

/**
 * The distance from the dump's position to the master's, by file and position (the manager's contract §5: "lag =
 * master vs slave.binlogFile/binlogPos"). Within one file it is the byte difference; across files it counts the files
 * and, when {@code SHOW BINARY LOGS} lists both, adds up the bytes left: the rest of the dump's file, every file in
 * between, and the master's file up to its position.
 */
final class BinlogLag {
    static final String AHEAD = "The dump position is past the master's current end: the master's binary log was "
            + "reset, or the host now points at another server.";

    private BinlogLag() {
    }

    static Lag sameFile(long dumpPos, long masterPos) {
        long bytes = masterPos - dumpPos;
        return bytes >= 0 ? new Lag(0, bytes, null) : new Lag(0, null, AHEAD);
    }

    /**
     * @param newestFirst     the master's binary logs as {@code SHOW BINARY LOGS} lists them, newest first; null when
     *                        they could not be read
     * @param logsUnavailable why they could not be read (used when {@code newestFirst} is null)
     */
    static Lag acrossFiles(String dumpFile, long dumpPos, String masterFile, long masterPos,
            List<BinaryLog> newestFirst, String logsUnavailable) {
        Integer bySuffix = suffixDistance(dumpFile, masterFile);
        if (newestFirst == null) {
            return new Lag(bySuffix, null, "The sizes of the binary logs between are unknown: " + logsUnavailable);
        }
        int master = indexOf(newestFirst, masterFile);
        int dump = indexOf(newestFirst, dumpFile);
        if (dump < 0) {
            return bySuffix != null && bySuffix < 0 ? new Lag(null, null, AHEAD) : new Lag(bySuffix, null, dumpFile
                    + " is not among the master's binary logs (purged, or never there): the dump cannot continue "
                    + "from it; move it with SET_BINLOG_POSITION.");
        }
        if (master < 0) {
            // The master rotated between SHOW MASTER STATUS and SHOW BINARY LOGS; the file count still holds.
            return new Lag(bySuffix, null, "The master's file " + masterFile + " is not listed by SHOW BINARY LOGS.");
        }
        if (dump < master) {
            return new Lag(null, null, AHEAD);
        }
        long dumpFileSize = newestFirst.get(dump).size();
        if (dumpPos > dumpFileSize) {
            return new Lag(dump - master, null, "The dump position " + dumpPos + " is past the end of " + dumpFile
                    + " (" + dumpFileSize + " bytes).");
        }
        long bytes = dumpFileSize - dumpPos + masterPos;
        for (int i = master + 1; i < dump; i++) {
            bytes += newestFirst.get(i).size();
        }
        return new Lag(dump - master, bytes, null);
    }

    private static int indexOf(List<BinaryLog> logs, String name) {
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Files from the dump's to the master's by the numeric suffix (the wave relies on it too: mysql-bin.000007), when
     * both share a base name; null otherwise.
     */
    static Integer suffixDistance(String dumpFile, String masterFile) {
        int d = dumpFile.lastIndexOf('.');
        int m = masterFile.lastIndexOf('.');
        if (d <= 0 || m <= 0 || !dumpFile.substring(0, d).equals(masterFile.substring(0, m))) {
            return null;
        }
        String ds = dumpFile.substring(d + 1);
        String ms = masterFile.substring(m + 1);
        if (ds.isEmpty() || ms.isEmpty() || ds.length() > 9 || ms.length() > 9
                || !ds.chars().allMatch(Character::isDigit) || !ms.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(ms) - Integer.parseInt(ds);
    }
}
