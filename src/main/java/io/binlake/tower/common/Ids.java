package io.binlake.tower.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Identifiers exactly as the original Tower derived them (tower-spec §1.4): lower-case md5 hex of plain
 * concatenations without separators, so an existing Tower database can be imported. The one deliberate change:
 * an instance's host is normalised (trimmed, lower-case) before hashing, so one server has one id.
 */
public final class Ids {
    private Ids() {
    }

    public static String md5(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    public static String group(String groupName) {
        return md5(groupName);
    }

    public static String member(String userId, String groupId) {
        return md5(userId + groupId);
    }

    public static String filter(String groupId, String filterType, String tableRegex) {
        return md5(groupId + filterType + tableRegex);
    }

    public static String topicRule(String topic, String groupId) {
        return md5(topic + groupId);
    }

    public static String topicRuleFilter(String topicRuleId, String filterId) {
        return md5(topicRuleId + filterId);
    }

    public static String instance(String host, int port) {
        return md5(normaliseHost(host) + ":" + port);
    }

    public static String binding(String instanceId, String topicRuleId) {
        return md5(instanceId + topicRuleId);
    }

    public static String normaliseHost(String host) {
        return host.trim().toLowerCase(Locale.ROOT);
    }
}
