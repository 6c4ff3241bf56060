package io.binlake.tower.manager;

/** {@code DbInfo.state}: the only switch binlake-wave reacts to (contract §0.9). */
public enum NodeState {
    ONLINE, OFFLINE
}
