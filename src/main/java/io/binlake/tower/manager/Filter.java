package io.binlake.tower.manager;

import java.util.List;

/**
 * A table filter of an {@link MQRule} (white: publish, black: drop).
 *
 * @param table      regex {@code db\.table}; must not contain {@code /} (it becomes a znode name)
 * @param eventType  event types matched; never empty in practice (an empty list matches nothing)
 * @param white      columns kept
 * @param black      columns nulled
 * @param fakeColumn pseudo columns added to every message
 * @param hashKey    business-key columns for {@link OrderType#BUSINESS_KEY_ORDER}
 */
public record Filter(String table, List<EventType> eventType, List<Column> white, List<Column> black,
                     List<Pair> fakeColumn, List<String> hashKey) {

    /** A filter with only table and events; the other lists are empty, never null (the wave calls size() on them). */
    public static Filter of(String table, List<EventType> eventType) {
        return new Filter(table, eventType, List.of(), List.of(), List.of(), List.of());
    }

    /** This filter with every null list replaced by an empty one (tower-spec §4.6.1: the wave NPEs on null lists). */
    public Filter normalized() {
        return new Filter(table, orEmpty(eventType), orEmpty(white), orEmpty(black), orEmpty(fakeColumn), orEmpty(hashKey));
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
