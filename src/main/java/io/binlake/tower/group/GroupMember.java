package io.binlake.tower.group;

import io.binlake.tower.common.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A user's membership of a group. Id = md5(userId + groupId), as the original. */
@Entity
@Table(name = "group_member")
public class GroupMember {
    @Id
    @Column(length = 32)
    private String id;
    @Column(name = "group_id", nullable = false, length = 32)
    private String groupId;
    @Column(name = "user_id", nullable = false, length = 64)
    private String userId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MemberRole role;
    @Column(length = 128)
    private String email;
    @Column(name = "org_name", length = 128)
    private String orgName;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected GroupMember() {
    }

    GroupMember(String groupId, String userId, MemberRole role, String email, String orgName) {
        this.id = Ids.member(userId, groupId);
        this.groupId = groupId;
        this.userId = userId;
        this.role = role;
        this.email = email;
        this.orgName = orgName;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void changeRole(MemberRole role) {
        this.role = role;
        this.updatedAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String groupId() {
        return groupId;
    }

    public String userId() {
        return userId;
    }

    public MemberRole role() {
        return role;
    }

    public String email() {
        return email;
    }

    public String orgName() {
        return orgName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
