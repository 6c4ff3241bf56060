package io.binlake.tower.filter;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to filters for other modules (topic rules, rule assembly). It checks no permissions: the caller has
 * decided already who may see what it reads.
 */
@Service
@Transactional(readOnly = true)
public class FilterCatalog {
    private final TableFilterRepository filters;

    FilterCatalog(TableFilterRepository filters) {
        this.filters = filters;
    }

    public Optional<FilterSpec> find(String id) {
        return id == null ? Optional.empty() : filters.findById(id).map(TableFilter::spec);
    }

    /** The filters of the given ids, in the order given, each once; ids of no filter are left out. */
    public List<FilterSpec> byIds(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> wanted = ids.stream().filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, TableFilter> found = filters.findByIdIn(wanted).stream()
                .collect(Collectors.toMap(TableFilter::id, Function.identity()));
        return wanted.stream().map(found::get).filter(Objects::nonNull).map(TableFilter::spec).toList();
    }
}
