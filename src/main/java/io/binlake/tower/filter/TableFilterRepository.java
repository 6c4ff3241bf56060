package io.binlake.tower.filter;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TableFilterRepository extends JpaRepository<TableFilter, String> {
    /**
     * Case-insensitive because the wave matches table names case-insensitively, so regexes differing only in case are
     * the same filter; it also keeps H2 and MySQL's case-insensitive collation answering alike.
     */
    @Query("select f from TableFilter f where f.groupId = :groupId and f.type = :type"
            + " and lower(f.tableRegex) = lower(:tableRegex)")
    List<TableFilter> findSame(@Param("groupId") String groupId, @Param("type") FilterType type,
            @Param("tableRegex") String tableRegex);

    @Query("select f from TableFilter f where f.groupId = :groupId and lower(f.tableRegex) like :table escape '\\'")
    Page<TableFilter> findInGroup(@Param("groupId") String groupId, @Param("table") String table, Pageable pageable);

    @Query("select f from TableFilter f where lower(f.tableRegex) like :table escape '\\'")
    Page<TableFilter> search(@Param("table") String table, Pageable pageable);

    @Query("select f from TableFilter f where f.groupId in :groupIds and lower(f.tableRegex) like :table escape '\\'")
    Page<TableFilter> searchInGroups(@Param("groupIds") Collection<String> groupIds, @Param("table") String table,
            Pageable pageable);

    List<TableFilter> findByIdIn(Collection<String> ids);
}
