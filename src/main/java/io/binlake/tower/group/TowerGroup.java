package io.binlake.tower.group;

import io.binlake.tower.common.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A tenant team: owns filters, topic rules and instances. Id = md5(name), as the original. */
@Entity
@Table(name = "tower_group")
public class TowerGroup {
    @Id
    @Column(length = 32)
    private String id;
    @Column(nullable = false, length = 36)
    private String name;
    @Column(nullable = false, length = 128)
    private String mark;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TowerGroup() {
    }

    TowerGroup(String name, String mark, String createdBy) {
        this.id = Ids.group(name);
        this.name = name;
        this.mark = mark == null ? "" : mark;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void changeMark(String mark) {
        this.mark = mark == null ? "" : mark;
        this.updatedAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String mark() {
        return mark;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
