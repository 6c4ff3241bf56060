package io.binlake.tower.filter;

/**
 * How the wave applies a filter to a topic: an event must match at least one WHITE filter of the topic to be published,
 * and is then dropped if any BLACK filter matches it (manager contract §4.6.7).
 */
public enum FilterType {
    WHITE, BLACK
}
