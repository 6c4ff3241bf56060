package io.binlake.tower.instance;

import java.time.Instant;

/** An instance as other modules read it. The group and cluster come from the database, never from a request. */
public record InstanceSpec(String id, String groupId, String clusterKeyword, String host, int port, long slaveId,
        InstanceStatus status, DumpState dumpState, String dbsOrderId, String dbsOrderUrl, String requestedBy,
        String statusActor, String statusReason, Instant createdAt, Instant updatedAt) {

    static InstanceSpec of(MysqlInstance i) {
        return new InstanceSpec(i.id(), i.groupId(), i.clusterKeyword(), i.host(), i.port(), i.slaveId(), i.status(),
                i.dumpState(), i.dbsOrderId(), i.dbsOrderUrl(), i.requestedBy(), i.statusActor(), i.statusReason(),
                i.createdAt(), i.updatedAt());
    }

    public String hostPort() {
        return host + ":" + port;
    }
}
