package io.binlake.tower.manager;

import java.util.List;

/** {@code Filter.eventType}. The manager's Jackson rejects any other name, including {@code ""} (tower-spec §4.6.2). */
public enum EventType {
    OTHER, INSERT, UPDATE, DELETE, CREATE, ALTER, ERASE, QUERY, TRUNCATE, RENAME, CINDEX, DINDEX;

    /** The row events; what "no event type selected" means for a filter, since an empty list matches nothing. */
    public static List<EventType> dml() {
        return List.of(INSERT, UPDATE, DELETE);
    }
}
