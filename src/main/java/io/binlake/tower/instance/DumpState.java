package io.binlake.tower.instance;

/** The dump node's state as the manager last reported it (ZooKeeper's DbInfo.state); UNKNOWN before any report. */
public enum DumpState {
    ONLINE, OFFLINE, UNKNOWN
}
