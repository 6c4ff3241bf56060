package io.binlake.tower.cluster;

import java.util.List;

/**
 * Everything the lifecycle needs of a cluster, secrets decrypted. Internal only: never serialise it into a response
 * or an event; {@link #toString()} redacts the secrets so a log line cannot leak them.
 */
public record ClusterSpec(String keyword, String displayName, String zkServers, String zkPath, long slaveId,
        String slaveUuid, String kafkaBootstrapServers, DbsProvider dbsProvider, String dbsApiUrl, String dbsToken,
        String dbsAdminUser, String dbsAdminPassword, String dumpUser, String dumpPassword, List<String> waveIps) {

    public ClusterSpec {
        waveIps = List.copyOf(waveIps);
    }

    @Override
    public String toString() {
        return "ClusterSpec[keyword=" + keyword + ", displayName=" + displayName + ", zkServers=" + zkServers
                + ", zkPath=" + zkPath + ", slaveId=" + slaveId + ", slaveUuid=" + slaveUuid
                + ", kafkaBootstrapServers=" + kafkaBootstrapServers + ", dbsProvider=" + dbsProvider
                + ", dbsApiUrl=" + dbsApiUrl + ", dbsToken=" + redacted(dbsToken) + ", dbsAdminUser=" + dbsAdminUser
                + ", dbsAdminPassword=" + redacted(dbsAdminPassword) + ", dumpUser=" + dumpUser
                + ", dumpPassword=" + redacted(dumpPassword) + ", waveIps=" + waveIps + "]";
    }

    private static String redacted(String secret) {
        return secret == null ? "null" : "[redacted]";
    }
}
