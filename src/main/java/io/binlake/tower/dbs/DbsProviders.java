package io.binlake.tower.dbs;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The DBS provider of each kind; the lifecycle picks one per call by the cluster's setting:
 * {@code providers.forTarget(target).verifyReplica(target)}.
 */
public class DbsProviders {

    private final Map<DbsKind, DbsProvider> byKind = new EnumMap<>(DbsKind.class);

    public DbsProviders(Collection<? extends DbsProvider> providers) {
        for (DbsProvider provider : providers) {
            if (byKind.putIfAbsent(provider.kind(), provider) != null) {
                throw new IllegalArgumentException("two DBS providers for " + provider.kind());
            }
        }
    }

    /** @throws IllegalArgumentException when no provider of that kind is registered */
    public DbsProvider get(DbsKind kind) {
        DbsProvider provider = byKind.get(Objects.requireNonNull(kind, "kind"));
        if (provider == null) {
            throw new IllegalArgumentException("no DBS provider for " + kind);
        }
        return provider;
    }

    /** The provider for the target's endpoint kind. */
    public DbsProvider forTarget(DbsTarget target) {
        return get(Objects.requireNonNull(target, "target").endpoint().kind());
    }
}
