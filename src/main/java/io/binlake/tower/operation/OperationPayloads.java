package io.binlake.tower.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the payload fields of the operation requests; every refusal names the field. */
final class OperationPayloads {
    /**
     * A binlog file name as SHOW MASTER STATUS prints it: a base name and a numeric suffix of at least six digits
     * (the wave derives the previous file from that suffix). No path: the manager stores what it is given.
     */
    private static final Pattern BINLOG_FILE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}\\.[0-9]{6,10}$");
    /** MySQL (uuid:[tag:]interval,...) and MariaDB (domain-server-seq,...) GTID sets; SHOW MASTER STATUS wraps lines. */
    private static final Pattern GTID_SET = Pattern.compile("^[0-9A-Za-z_:,\\-\\s]*$");
    /** Process variables hold strings of up to 4000 characters. */
    static final int GTID_MAX = 4000;

    private OperationPayloads() {
    }

    static String binlogFile(JsonNode payload) {
        JsonNode n = field(payload, "binlogFile");
        if (n == null || !n.isTextual() || !BINLOG_FILE.matcher(n.asText()).matches()) {
            throw invalid("binlogFile", "must be a binlog file name like mysql-bin.000123");
        }
        return n.asText();
    }

    static long binlogPos(JsonNode payload) {
        JsonNode n = field(payload, "binlogPos");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 4) {
            throw invalid("binlogPos", "must be a whole number of at least 4 (the first event of a file is at 4)");
        }
        return n.asLong();
    }

    /** Absent or null means a file/position dump: the manager then gets "", never null (the wave NPEs on null). */
    static String executedGtidSets(JsonNode payload) {
        JsonNode n = field(payload, "executedGtidSets");
        if (n == null) {
            return "";
        }
        if (!n.isTextual() || n.asText().length() > GTID_MAX || !GTID_SET.matcher(n.asText()).matches()) {
            throw invalid("executedGtidSets", "must be a GTID set (at most " + GTID_MAX + " characters) or absent");
        }
        return n.asText().strip();
    }

    /** The leader is a bare wave IP of the instance's cluster: the wave compares it with its own IP. */
    static String leader(JsonNode payload, ClusterSpec cluster) {
        JsonNode n = field(payload, "leader");
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw invalid("leader", "must be the IP of one of cluster '" + cluster.keyword() + "''s waves");
        }
        String ip = n.asText().trim();
        if (!cluster.waveIps().contains(ip)) {
            throw invalid("leader", "'" + abbreviate(ip) + "' is not a wave of cluster '" + cluster.keyword()
                    + "' (its waves: " + cluster.waveIps() + ")");
        }
        return ip;
    }

    /** One or more distinct wave IPs of the instance's cluster: an empty list would let no wave dump the instance. */
    static List<String> candidates(JsonNode payload, ClusterSpec cluster) {
        JsonNode n = field(payload, "candidates");
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw invalid("candidates", "must list one or more wave IPs of cluster '" + cluster.keyword() + "'");
        }
        Set<String> ips = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode c : n) {
            if (!c.isTextual() || c.asText().isBlank()) {
                throw invalid("candidates", "must hold wave IPs (strings) only");
            }
            String ip = c.asText().trim();
            if (!ips.add(ip)) {
                throw invalid("candidates", "lists " + abbreviate(ip) + " twice");
            }
            if (!cluster.waveIps().contains(ip)) {
                unknown.add(abbreviate(ip));
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("candidates", unknown + " are not waves of cluster '" + cluster.keyword() + "' (its waves: "
                    + cluster.waveIps() + ")");
        }
        return List.copyOf(ips);
    }

    private static JsonNode field(JsonNode payload, String name) {
        JsonNode n = payload == null || !payload.isObject() ? null : payload.get(name);
        return n == null || n.isNull() ? null : n;
    }

    static TowerException invalid(String field, String message) {
        String path = "payload." + field;
        return new TowerException(ErrorCode.VALIDATION_FAILED, path + " " + message,
                Map.of("fields", Map.of(path, message)));
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
