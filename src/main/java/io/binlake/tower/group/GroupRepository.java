package io.binlake.tower.group;

import java.util.Collection;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface GroupRepository extends JpaRepository<TowerGroup, String> {
    Optional<TowerGroup> findByName(String name);

    boolean existsByName(String name);

    @Query("select g from TowerGroup g where lower(g.name) like :prefix escape '\\'")
    Page<TowerGroup> findByNamePrefix(@Param("prefix") String prefix, Pageable pageable);

    @Query("select g from TowerGroup g where lower(g.name) like :prefix escape '\\' and g.id in :ids")
    Page<TowerGroup> findByNamePrefixAndIdIn(@Param("prefix") String prefix, @Param("ids") Collection<String> ids,
            Pageable pageable);
}
