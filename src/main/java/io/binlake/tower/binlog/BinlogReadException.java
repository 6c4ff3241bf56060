package io.binlake.tower.binlog;

/** Reading a server's binlog status failed: cannot connect, access denied, a query refused. */
public class BinlogReadException extends RuntimeException {

    public BinlogReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
