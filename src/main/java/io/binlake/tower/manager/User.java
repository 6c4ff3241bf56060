package io.binlake.tower.manager;

/** An alarm contact. */
public record User(String phone, String email) {
}
