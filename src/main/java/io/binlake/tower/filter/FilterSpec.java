package io.binlake.tower.filter;

import java.util.List;

/**
 * A filter as the rule assembly needs it: exactly the content of the manager's {@code Filter} (table, eventType,
 * white = keptColumns, black = nulledColumns, fakeColumn = pseudoColumns, hashKey = businessKeys). Lists are never
 * null and never hold blank entries; {@code eventTypes} is never empty and holds only the manager's EventType names.
 */
public record FilterSpec(String id, String groupId, String name, FilterType type, String tableRegex,
        List<String> eventTypes, List<String> keptColumns, List<String> nulledColumns,
        List<PseudoColumn> pseudoColumns, List<String> businessKeys) {
}
