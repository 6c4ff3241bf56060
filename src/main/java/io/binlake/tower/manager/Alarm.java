package io.binlake.tower.manager;

import java.util.List;

/** The {@code alarm} node, written by create/znodes only. */
public record Alarm(List<User> users, int retry, int kill) {

    /** The wave's own defaults for {@code retry} / {@code kill}. */
    public static Alarm of(List<User> users) {
        return new Alarm(List.copyOf(users), 9, 3);
    }
}
