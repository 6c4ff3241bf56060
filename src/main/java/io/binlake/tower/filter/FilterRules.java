package io.binlake.tower.filter;

import io.binlake.tower.common.FieldErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a filter may contain and how it is stored. The stored form is the original Tower's (comma lists,
 * {@code name:value} pseudo columns, upper-case column names) so an imported database reads the same, but what is
 * written is always clean: no blank entries, no duplicates, never an empty event list, and a pseudo column without
 * {@code :} reads as an empty value instead of crashing (tower-spec §8.3.7, §8.3.15).
 */
final class FilterRules {
    /** The manager's EventType names, in its order (binlake-manager-contract §2). */
    static final List<String> EVENT_TYPES = List.of("OTHER", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "ERASE",
            "QUERY", "TRUNCATE", "RENAME", "CINDEX", "DINDEX");
    /** The original UI's default selection: the row events. */
    static final List<String> DEFAULT_EVENT_TYPES = List.of("INSERT", "UPDATE", "DELETE");

    static final int NAME_MAX = 128;
    static final int TABLE_REGEX_MAX = 255;
    static final int COLUMNS_STORED_MAX = 1024;
    static final int BUSINESS_KEYS_STORED_MAX = 512;
    static final int PSEUDO_VALUE_MAX = 255;
    private static final Pattern COLUMN = Pattern.compile("^[A-Za-z0-9_$]{1,64}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private FilterRules() {
    }

    /** The validated, normalised content of a filter, ready to store. */
    record Content(String name, FilterType type, String tableRegex, List<String> eventTypes,
            List<String> keptColumns, List<String> nulledColumns, List<PseudoColumn> pseudoColumns,
            List<String> businessKeys) {
    }

    /** Validates every field at once; a refusal names each bad field (400 VALIDATION_FAILED). */
    static Content validate(TableFilterService.FilterDraft d) {
        FieldErrors errors = new FieldErrors();
        String name = d.name() == null ? "" : d.name().trim();
        if (name.isEmpty() || name.length() > NAME_MAX) {
            errors.add("name", "required, at most " + NAME_MAX + " characters");
        }
        FilterType type = filterType(d.type(), errors);
        String tableRegex = tableRegex(d.tableRegex(), errors);
        List<String> events = eventTypes(d.eventTypes(), errors);
        List<String> kept = columns("keptColumns", d.keptColumns(), COLUMNS_STORED_MAX, errors);
        List<String> nulled = columns("nulledColumns", d.nulledColumns(), COLUMNS_STORED_MAX, errors);
        List<String> keys = columns("businessKeys", d.businessKeys(), BUSINESS_KEYS_STORED_MAX, errors);
        List<PseudoColumn> pseudo = pseudoColumns(d.pseudoColumns(), errors);
        errors.throwIfAny();
        return new Content(name, type, tableRegex, events, kept, nulled, pseudo, keys);
    }

    private static FilterType filterType(String value, FieldErrors errors) {
        if (value != null) {
            String t = value.trim().toUpperCase(Locale.ROOT);
            for (FilterType type : FilterType.values()) {
                if (type.name().equals(t)) {
                    return type;
                }
            }
        }
        errors.add("type", "must be WHITE or BLACK");
        return null;
    }

    /** The full {@code db\.table} regex: it must compile, and it becomes a znode name ({@code white:<regex>}). */
    private static String tableRegex(String value, FieldErrors errors) {
        String regex = value == null ? "" : value.trim();
        if (regex.isEmpty() || regex.length() > TABLE_REGEX_MAX) {
            errors.add("tableRegex", "required, at most " + TABLE_REGEX_MAX + " characters");
            return null;
        }
        if (regex.indexOf('/') >= 0) {
            errors.add("tableRegex", "must not contain '/': it becomes a ZooKeeper node name");
            return null;
        }
        if (CONTROL.matcher(regex).find()) {
            errors.add("tableRegex", "must not contain control characters");
            return null;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            errors.add("tableRegex", "not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex());
            return null;
        }
        return regex;
    }

    /**
     * Omitted means the row events (the original UI's default); an explicit empty list is refused, since the manager
     * would get an event list that matches nothing (the original stored "" and sent {@code [""]}).
     */
    private static List<String> eventTypes(List<String> values, FieldErrors errors) {
        if (values == null) {
            return DEFAULT_EVENT_TYPES;
        }
        if (values.isEmpty()) {
            errors.add("eventTypes", "choose at least one of " + EVENT_TYPES + ", or omit it for INSERT, UPDATE, DELETE");
            return null;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String v : values) {
            String e = v == null ? "" : v.trim().toUpperCase(Locale.ROOT);
            if (!EVENT_TYPES.contains(e)) {
                errors.add("eventTypes", "'" + v + "' is not one of " + EVENT_TYPES);
                return null;
            }
            chosen.add(e);
        }
        // Stored in the manager's order so equal selections store equal text.
        return EVENT_TYPES.stream().filter(chosen::contains).toList();
    }

    /**
     * Column names are trimmed, upper-cased (as the original stored them) and de-duplicated; the stored, comma-joined
     * text must fit its column.
     */
    private static List<String> columns(String field, List<String> values, int storedMax, FieldErrors errors) {
        if (values == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String v : values) {
            String c = v == null ? "" : v.trim();
            if (!COLUMN.matcher(c).matches()) {
                errors.add(field, "'" + v + "' is not a column name (letters, digits, _ or $; at most 64)");
                return List.of();
            }
            names.add(c.toUpperCase(Locale.ROOT));
        }
        List<String> list = List.copyOf(names);
        if (String.join(",", list).length() > storedMax) {
            errors.add(field, "too many columns: at most " + storedMax + " characters when joined with ','");
        }
        return list;
    }

    private static List<PseudoColumn> pseudoColumns(List<PseudoColumn> values, FieldErrors errors) {
        if (values == null) {
            return List.of();
        }
        List<PseudoColumn> list = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PseudoColumn p : values) {
            String name = p == null || p.name() == null ? "" : p.name().trim();
            String value = p == null || p.value() == null ? "" : p.value();
            if (!COLUMN.matcher(name).matches()) {
                errors.add("pseudoColumns", "'" + name + "' is not a column name (letters, digits, _ or $; at most 64)");
                return List.of();
            }
            if (value.indexOf(',') >= 0 || value.length() > PSEUDO_VALUE_MAX || CONTROL.matcher(value).find()) {
                errors.add("pseudoColumns", "the value of '" + name + "' must have no ',' nor control characters and at most "
                        + PSEUDO_VALUE_MAX + " characters");
                return List.of();
            }
            if (!seen.add(name.toUpperCase(Locale.ROOT))) {
                errors.add("pseudoColumns", "'" + name + "' is given twice");
                return List.of();
            }
            list.add(new PseudoColumn(name, value));
        }
        if (storePseudoColumns(list).length() > COLUMNS_STORED_MAX) {
            errors.add("pseudoColumns", "too long: at most " + COLUMNS_STORED_MAX + " characters as name:value,...");
        }
        return List.copyOf(list);
    }

    static String storeList(List<String> values) {
        return String.join(",", values);
    }

    static String storePseudoColumns(List<PseudoColumn> values) {
        return String.join(",", values.stream().map(p -> p.name() + ":" + p.value()).toList());
    }

    /** Reads a stored comma list; blank entries (the original's {@code "A,,B"}) are skipped. */
    static List<String> readList(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        for (String item : stored.split(",")) {
            String s = item.trim();
            if (!s.isEmpty() && !list.contains(s)) {
                list.add(s);
            }
        }
        return List.copyOf(list);
    }

    /**
     * Reads stored event types. Rows imported from the original may hold "" or its column default "all", both
     * meaning "every event" there; they read as the full list, since an empty or unknown name is refused by the
     * manager (tower-spec §4.6.2).
     */
    static List<String> readEventTypes(String stored) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String item : readList(stored)) {
            String e = item.toUpperCase(Locale.ROOT);
            if (EVENT_TYPES.contains(e)) {
                chosen.add(e);
            }
        }
        return chosen.isEmpty() ? EVENT_TYPES : EVENT_TYPES.stream().filter(chosen::contains).toList();
    }

    /** Reads {@code name:value,...}; an item without ':' is a column with an empty value, never a crash. */
    static List<PseudoColumn> readPseudoColumns(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        List<PseudoColumn> list = new ArrayList<>();
        for (String item : stored.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.indexOf(':');
            list.add(colon < 0 ? new PseudoColumn(item.trim(), "")
                    : new PseudoColumn(item.substring(0, colon).trim(), item.substring(colon + 1)));
        }
        return List.copyOf(list);
    }
}
