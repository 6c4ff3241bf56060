package io.binlake.tower.manager;

import java.util.List;
import java.util.Map;

/**
 * Input shape of {@code MetaData.admin} (only {@code /set/admin/}, which the real manager always refuses). Kept so a
 * MetaData with an admin part can be decoded; Tower never sends one.
 */
public record Admin(Map<String, String> mail, Map<String, String> phone, List<User> users) {
}
