package io.binlake.tower.binlog;

/** One binary log file of a server ({@code SHOW BINARY LOGS}). */
public record BinaryLog(String name, long size) {
}
