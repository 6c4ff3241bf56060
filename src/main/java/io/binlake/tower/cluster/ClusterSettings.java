package io.binlake.tower.cluster;

/**
 * A cluster's settings after validation and normalisation, as the service hands them to the entity. Secrets are null
 * when the caller did not send them (keep the stored value).
 */
record ClusterSettings(String displayName, String zkServers, String zkPath, long slaveId, String slaveUuid,
        String kafkaBootstrapServers, String waveDns, DbsProvider dbsProvider, String dbsApiUrl, String dbsToken,
        String dbsAdminUser, String dbsAdminPassword, String dumpUser, String dumpPassword) {

    @Override
    public String toString() {
        return "ClusterSettings[zkServers=" + zkServers + ", zkPath=" + zkPath + ", dbsProvider=" + dbsProvider
                + ", secrets redacted]";
    }
}
