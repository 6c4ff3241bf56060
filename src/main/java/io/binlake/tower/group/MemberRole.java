package io.binlake.tower.group;

/** A member's role in a group (tower-spec §5.3). Creator and admin both administer the group. */
public enum MemberRole {
    creator, admin, user;

    public boolean administers() {
        return this == creator || this == admin;
    }
}
