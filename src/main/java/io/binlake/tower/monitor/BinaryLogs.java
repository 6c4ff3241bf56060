package io.binlake.tower.monitor;

import io.binlake.tower.binlog.BinaryLog;
import io.binlake.tower.common.PageResponse;

/**
 * An instance's binary log files, newest first, with their sizes (tower-spec §9 item 45), read with the cluster's
 * dump account.
 *
 * @param binaryLogs one page of the files; null when the instance could not be read ({@code error} says why)
 */
public record BinaryLogs(String instanceId, String host, int port, PageResponse<BinaryLog> binaryLogs,
        OutsideError error) {
}
