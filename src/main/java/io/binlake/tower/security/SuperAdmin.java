package io.binlake.tower.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Tower super admin, as the original's super_admin table (managed by operators, not through the API). */
@Entity
@Table(name = "super_admin")
public class SuperAdmin {
    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SuperAdmin() {
    }

    public SuperAdmin(String userId) {
        this.userId = userId;
        this.createdAt = Instant.now();
    }

    public String userId() {
        return userId;
    }
}
