package io.binlake.tower.binlog;

/** The server answered, but has no binary log to dump (binary logging is off). Retrying does not help. */
public class BinlogUnavailableException extends BinlogReadException {

    public BinlogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
