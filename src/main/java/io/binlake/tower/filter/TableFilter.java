package io.binlake.tower.filter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A group's table filter. The id is md5(groupId + type + tableRegex) when created, as the original, and then stays
 * the same when the type or regex is edited: the original deleted and re-inserted the row under a new id, which left
 * its topic-rule bindings with stale ids (tower-spec §8.2.3). Topic rules bind the id, so it must not move.
 */
@Entity
@Table(name = "table_filter")
public class TableFilter {
    @Id
    @Column(length = 32)
    private String id;
    @Column(name = "group_id", nullable = false, length = 32)
    private String groupId;
    @Column(nullable = false, length = 128)
    private String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "filter_type", nullable = false, length = 8)
    private FilterType type;
    @Column(name = "table_regex", nullable = false, length = 255)
    private String tableRegex;
    @Column(name = "event_types", nullable = false, length = 160)
    private String eventTypes;
    @Column(name = "kept_columns", nullable = false, length = 1024)
    private String keptColumns;
    @Column(name = "nulled_columns", nullable = false, length = 1024)
    private String nulledColumns;
    @Column(name = "pseudo_columns", nullable = false, length = 1024)
    private String pseudoColumns;
    @Column(name = "business_keys", nullable = false, length = 512)
    private String businessKeys;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TableFilter() {
    }

    TableFilter(String id, String groupId, FilterRules.Content content) {
        this.id = id;
        this.groupId = groupId;
        this.createdAt = Instant.now();
        apply(content, createdAt);
    }

    void change(FilterRules.Content content) {
        apply(content, Instant.now());
    }

    private void apply(FilterRules.Content c, Instant at) {
        this.name = c.name();
        this.type = c.type();
        this.tableRegex = c.tableRegex();
        this.eventTypes = FilterRules.storeList(c.eventTypes());
        this.keptColumns = FilterRules.storeList(c.keptColumns());
        this.nulledColumns = FilterRules.storeList(c.nulledColumns());
        this.pseudoColumns = FilterRules.storePseudoColumns(c.pseudoColumns());
        this.businessKeys = FilterRules.storeList(c.businessKeys());
        this.updatedAt = at;
    }

    public FilterSpec spec() {
        return new FilterSpec(id, groupId, name, type, tableRegex, FilterRules.readEventTypes(eventTypes),
                FilterRules.readList(keptColumns), FilterRules.readList(nulledColumns),
                FilterRules.readPseudoColumns(pseudoColumns), FilterRules.readList(businessKeys));
    }

    public String id() {
        return id;
    }

    public String groupId() {
        return groupId;
    }

    public String name() {
        return name;
    }

    public FilterType type() {
        return type;
    }

    public String tableRegex() {
        return tableRegex;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
