package io.binlake.tower.cluster;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface WaveRepository extends JpaRepository<Wave, Long> {
    List<Wave> findByClusterKeywordOrderByIp(String clusterKeyword);

    List<Wave> findByClusterKeywordInOrderByIp(Collection<String> clusterKeywords);

    @Query("select distinct w.ip from Wave w order by w.ip")
    List<String> findDistinctIps();
}
