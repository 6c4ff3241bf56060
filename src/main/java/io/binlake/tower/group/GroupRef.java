package io.binlake.tower.group;

/** What other modules need to know of a group. */
public record GroupRef(String id, String name) {
}
