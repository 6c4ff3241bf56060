package io.binlake.tower.cluster;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DumpClusterRepository extends JpaRepository<DumpCluster, String> {
    boolean existsByZkServersAndZkPath(String zkServers, String zkPath);

    boolean existsByZkServersAndZkPathAndKeywordNot(String zkServers, String zkPath, String keyword);

    @Query("select c from DumpCluster c where lower(c.keyword) like :q escape '\\' "
            + "or lower(c.displayName) like :q escape '\\'")
    Page<DumpCluster> search(@Param("q") String q, Pageable pageable);

    @Query(value = "select count(*) from mysql_instance where cluster_keyword = :keyword", nativeQuery = true)
    long countInstances(@Param("keyword") String keyword);
}
