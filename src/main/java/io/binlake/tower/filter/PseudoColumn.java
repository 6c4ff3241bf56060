package io.binlake.tower.filter;

/** A column with a constant value the wave adds to every message of a filter (the manager's {@code fakeColumn} pair). */
public record PseudoColumn(String name, String value) {
}
