package io.binlake.tower.cluster;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read surface other modules use: the instance registry (does the cluster exist, its slave id) and the lifecycle
 * (ZooKeeper coordinates, DBS access and the dump account for an instance's cluster, wave addresses for grants).
 * No caller check here: callers are Tower's own services, never a user's request directly.
 */
@Service
@Transactional(readOnly = true)
public class ClusterCatalog {
    private final DumpClusterRepository clusters;
    private final WaveRepository waves;

    ClusterCatalog(DumpClusterRepository clusters, WaveRepository waves) {
        this.clusters = clusters;
        this.waves = waves;
    }

    public Optional<ClusterSpec> find(String keyword) {
        if (keyword == null) {
            return Optional.empty();
        }
        return clusters.findById(keyword).map(c -> new ClusterSpec(c.keyword(), c.displayName(), c.zkServers(),
                c.zkPath(), c.slaveId(), c.slaveUuid(), c.kafkaBootstrapServers(), c.dbsProvider(), c.dbsApiUrl(),
                c.dbsToken(), c.dbsAdminUser(), c.dbsAdminPassword(), c.dumpUser(), c.dumpPassword(),
                waves.findByClusterKeywordOrderByIp(c.keyword()).stream().map(Wave::ip).toList()));
    }

    /** Every wave address of every cluster, once each: the hosts DBS grants the dump account to. */
    public List<String> allWaveIps() {
        return waves.findDistinctIps();
    }
}
