package io.binlake.tower.manager;

/** The {@code counter} node: how often the wave retried / killed a previous leader. Written by the wave. */
public record Counter(int retryTimes, int killTimes) {

    public static final Counter ZERO = new Counter(0, 0);
}
