package io.binlake.tower.cluster;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.Paging;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.security.CurrentUser;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cluster configuration (tower-spec §2.4.10, §9 items 49–55): super admins write, every logged-in user reads (group
 * admins pick a cluster when they register instances). Secrets are write-only: a view says whether one is set.
 */
@Service
@Transactional
public class ClusterService {
    static final Pattern KEYWORD = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");
    private final DumpClusterRepository clusters;
    private final WaveRepository waves;
    private final CurrentUser currentUser;

    ClusterService(DumpClusterRepository clusters, WaveRepository waves, CurrentUser currentUser) {
        this.clusters = clusters;
        this.waves = waves;
        this.currentUser = currentUser;
    }

    /** A cluster as the API shows it: secrets only as "is set" flags. */
    public record ClusterView(String keyword, String displayName, String zkServers, String zkPath, long slaveId,
            String slaveUuid, String kafkaBootstrapServers, String waveDns, DbsProvider dbsProvider, String dbsApiUrl,
            boolean dbsTokenSet, String dbsAdminUser, boolean dbsAdminPasswordSet, String dumpUser,
            boolean dumpPasswordSet, List<String> waves, Instant createdAt, Instant updatedAt) {
        static ClusterView of(DumpCluster c, List<String> waveIps) {
            return new ClusterView(c.keyword(), c.displayName(), c.zkServers(), c.zkPath(), c.slaveId(),
                    c.slaveUuid(), c.kafkaBootstrapServers(), c.waveDns(), c.dbsProvider(), c.dbsApiUrl(),
                    c.dbsToken() != null, c.dbsAdminUser(), c.dbsAdminPassword() != null, c.dumpUser(),
                    c.dumpPassword() != null, waveIps, c.createdAt(), c.updatedAt());
        }
    }

    public record WavesView(String cluster, List<String> ips) {
    }

    @Transactional(readOnly = true)
    public PageResponse<ClusterView> list(String q, Integer page, Integer size) {
        Page<DumpCluster> found = clusters.search(Paging.likeContains(q), Paging.of(page, size, Sort.by("keyword")));
        Map<String, List<String>> ips = waveIps(found.getContent().stream().map(DumpCluster::keyword).toList());
        return PageResponse.of(found, c -> ClusterView.of(c, ips.getOrDefault(c.keyword(), List.of())));
    }

    @Transactional(readOnly = true)
    public ClusterView get(String keyword) {
        DumpCluster c = cluster(keyword);
        return ClusterView.of(c, waveIps(keyword));
    }

    public ClusterView create(ClusterRequest request) {
        currentUser.requireSuperAdmin();
        FieldErrors errors = new FieldErrors();
        String keyword = request.keyword() == null ? null : request.keyword().trim();
        if (keyword == null || keyword.isEmpty()) {
            errors.add("keyword", "must not be blank");
        } else if (!KEYWORD.matcher(keyword).matches()) {
            errors.add("keyword", "a lower-case letter first, then lower-case letters, digits, _ or -; at most 32");
        }
        ClusterSettings settings = settings(request, null, errors);
        List<String> ips = request.waves() == null ? null : waveIps(request.waves(), "waves", errors);
        if (request.waves() == null) {
            errors.add("waves", "at least one wave IPv4 address is required");
        }
        errors.throwIfAny();
        if (clusters.existsById(keyword)) {
            throw new TowerException(ErrorCode.CLUSTER_EXISTS, "A cluster with keyword '" + keyword + "' exists.",
                    Map.of("keyword", keyword));
        }
        requireZkUnused(settings, null);
        DumpCluster c = clusters.save(new DumpCluster(keyword, settings));
        waves.saveAll(ips.stream().map(ip -> new Wave(keyword, ip)).toList());
        return ClusterView.of(c, ips.stream().sorted().toList());
    }

    public ClusterView update(String keyword, ClusterRequest request) {
        currentUser.requireSuperAdmin();
        DumpCluster c = cluster(keyword);
        FieldErrors errors = new FieldErrors();
        if (request.keyword() != null && !request.keyword().trim().equals(keyword)) {
            errors.add("keyword", "a cluster's keyword cannot change (instances refer to it)");
        }
        ClusterSettings settings = settings(request, c, errors);
        List<String> ips = request.waves() == null ? null : waveIps(request.waves(), "waves", errors);
        errors.throwIfAny();
        requireZkUnused(settings, keyword);
        boolean zkMoves = !settings.zkServers().equals(c.zkServers()) || !settings.zkPath().equals(c.zkPath());
        if (zkMoves) {
            long instances = clusters.countInstances(keyword);
            if (instances > 0) {
                // Their znodes live in the current ZooKeeper: moving the address would orphan running dumps.
                throw new TowerException(ErrorCode.CLUSTER_IN_USE, "The cluster's ZooKeeper address cannot change while "
                        + instances + " instance(s) use it.", Map.of("instances", instances));
            }
        }
        c.apply(settings);
        if (ips != null) {
            storeWaves(keyword, ips);
        }
        return ClusterView.of(c, waveIps(keyword));
    }

    public void delete(String keyword) {
        currentUser.requireSuperAdmin();
        DumpCluster c = cluster(keyword);
        long instances = clusters.countInstances(keyword);
        if (instances > 0) {
            throw inUse(keyword, instances);
        }
        waves.deleteAllInBatch(waves.findByClusterKeywordOrderByIp(keyword));
        try {
            clusters.delete(c);
            clusters.flush();
        } catch (DataIntegrityViolationException e) {
            // An instance was registered on the cluster between the count and the delete.
            throw inUse(keyword, 1);
        }
    }

    @Transactional(readOnly = true)
    public WavesView waves(String keyword) {
        cluster(keyword);
        return new WavesView(keyword, waveIps(keyword));
    }

    public WavesView replaceWaves(String keyword, List<String> ips) {
        currentUser.requireSuperAdmin();
        DumpCluster c = cluster(keyword);
        FieldErrors errors = new FieldErrors();
        List<String> valid = waveIps(ips == null ? List.of() : ips, "ips", errors);
        errors.throwIfAny();
        storeWaves(keyword, valid);
        c.touch();
        return new WavesView(keyword, waveIps(keyword));
    }

    /** Keeps the waves that stay (and their creation time), removes the others, adds the new ones. */
    private void storeWaves(String keyword, List<String> ips) {
        Set<String> wanted = new LinkedHashSet<>(ips);
        List<Wave> current = waves.findByClusterKeywordOrderByIp(keyword);
        List<Wave> gone = current.stream().filter(w -> !wanted.contains(w.ip())).toList();
        Set<String> kept = current.stream().map(Wave::ip).collect(Collectors.toSet());
        waves.deleteAllInBatch(gone);
        waves.saveAll(wanted.stream().filter(ip -> !kept.contains(ip)).map(ip -> new Wave(keyword, ip)).toList());
    }

    private ClusterSettings settings(ClusterRequest r, DumpCluster existing, FieldErrors errors) {
        String zkServers = trimmed(r.zkServers());
        if (zkServers != null && !NetworkAddresses.isZkConnectString(zkServers)) {
            errors.add("zkServers", "must be host:port[,host:port...] with an optional /chroot");
        }
        String zkPath = r.zkPath();
        if (zkPath != null && !NetworkAddresses.isZkPath(zkPath)) {
            errors.add("zkPath", "must be an absolute ZooKeeper path like /zk/wave (no trailing slash or blanks)");
        }
        String kafka = trimmed(r.kafkaBootstrapServers());
        if (kafka != null && !NetworkAddresses.isHostPortList(kafka)) {
            errors.add("kafkaBootstrapServers", "must be host:port[,host:port...]");
        }
        String waveDns = trimmed(r.waveDns());
        if (waveDns != null && waveDns.isEmpty()) {
            waveDns = null;
        }
        if (waveDns != null && !NetworkAddresses.isHostname(waveDns)) {
            errors.add("waveDns", "must be a host name");
        }
        requireNonBlankWhenGiven(r.dbsToken(), "dbsToken", errors);
        requireNonBlankWhenGiven(r.dbsAdminPassword(), "dbsAdminPassword", errors);
        requireNonBlankWhenGiven(r.dumpPassword(), "dumpPassword", errors);
        if (r.dumpPassword() == null && existing == null) {
            errors.add("dumpPassword", "must not be blank");
        }
        String dbsApiUrl = trimmed(r.dbsApiUrl());
        String dbsAdminUser = trimmed(r.dbsAdminUser());
        if (r.dbsProvider() == DbsProvider.HTTP) {
            if (dbsApiUrl == null || dbsApiUrl.isEmpty()) {
                errors.add("dbsApiUrl", "is required with dbsProvider HTTP");
            } else if (!isHttpUrl(dbsApiUrl)) {
                errors.add("dbsApiUrl", "must be an http:// or https:// URL");
            }
            boolean tokenStored = existing != null && existing.dbsToken() != null;
            if (r.dbsToken() == null && !tokenStored) {
                errors.add("dbsToken", "is required with dbsProvider HTTP");
            }
            onlyForOtherProvider(dbsAdminUser, "dbsAdminUser", DbsProvider.JDBC, errors);
            onlyForOtherProvider(r.dbsAdminPassword(), "dbsAdminPassword", DbsProvider.JDBC, errors);
        } else if (r.dbsProvider() == DbsProvider.JDBC) {
            if (dbsAdminUser == null || dbsAdminUser.isEmpty()) {
                errors.add("dbsAdminUser", "is required with dbsProvider JDBC");
            }
            boolean passwordStored = existing != null && existing.dbsAdminPassword() != null;
            if (r.dbsAdminPassword() == null && !passwordStored) {
                errors.add("dbsAdminPassword", "is required with dbsProvider JDBC");
            }
            onlyForOtherProvider(dbsApiUrl, "dbsApiUrl", DbsProvider.HTTP, errors);
            onlyForOtherProvider(r.dbsToken(), "dbsToken", DbsProvider.HTTP, errors);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new ClusterSettings(r.displayName().trim(), NetworkAddresses.normaliseZkConnectString(zkServers),
                zkPath, r.slaveId(), r.slaveUuid().toLowerCase(Locale.ROOT),
                NetworkAddresses.normaliseHostPortList(kafka), waveDns == null ? null : waveDns.toLowerCase(Locale.ROOT),
                r.dbsProvider(), dbsApiUrl, r.dbsToken(), dbsAdminUser, r.dbsAdminPassword(), r.dumpUser(),
                r.dumpPassword());
    }

    private void requireZkUnused(ClusterSettings s, String exceptKeyword) {
        boolean clash = exceptKeyword == null ? clusters.existsByZkServersAndZkPath(s.zkServers(), s.zkPath())
                : clusters.existsByZkServersAndZkPathAndKeywordNot(s.zkServers(), s.zkPath(), exceptKeyword);
        if (clash) {
            throw new TowerException(ErrorCode.CLUSTER_EXISTS, "Another cluster uses ZooKeeper " + s.zkServers()
                    + " with path " + s.zkPath() + ".", Map.of("zkServers", s.zkServers(), "zkPath", s.zkPath()));
        }
    }

    /** Trimmed, de-duplicated IPv4 addresses; blank lines are ignored, at least one address is required. */
    private static List<String> waveIps(Collection<String> given, String field, FieldErrors errors) {
        List<String> bad = new ArrayList<>();
        Set<String> ips = new LinkedHashSet<>();
        for (String raw : given) {
            String ip = raw == null ? "" : raw.trim();
            if (ip.isEmpty()) {
                continue;
            }
            if (NetworkAddresses.isIpv4(ip)) {
                ips.add(ip);
            } else {
                bad.add(ip);
            }
        }
        if (!bad.isEmpty()) {
            errors.add(field, "not IPv4 addresses: " + String.join(", ", bad));
        } else if (ips.isEmpty()) {
            errors.add(field, "at least one wave IPv4 address is required");
        }
        return List.copyOf(ips);
    }

    private List<String> waveIps(String keyword) {
        return waves.findByClusterKeywordOrderByIp(keyword).stream().map(Wave::ip).toList();
    }

    private Map<String, List<String>> waveIps(List<String> keywords) {
        if (keywords.isEmpty()) {
            return Map.of();
        }
        return waves.findByClusterKeywordInOrderByIp(keywords).stream().collect(Collectors.groupingBy(
                Wave::clusterKeyword, Collectors.mapping(Wave::ip, Collectors.toList())));
    }

    private DumpCluster cluster(String keyword) {
        return clusters.findById(keyword).orElseThrow(() -> TowerException.notFound(ErrorCode.CLUSTER_NOT_FOUND,
                keyword));
    }

    private static TowerException inUse(String keyword, long instances) {
        return new TowerException(ErrorCode.CLUSTER_IN_USE, "Instances still use cluster '" + keyword
                + "': remove them first.", Map.of("keyword", keyword, "instances", instances));
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && u.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void requireNonBlankWhenGiven(String secret, String field, FieldErrors errors) {
        if (secret != null && secret.isBlank()) {
            errors.add(field, "must not be blank (leave it out to keep the stored value)");
        }
    }

    private static void onlyForOtherProvider(String value, String field, DbsProvider provider, FieldErrors errors) {
        if (value != null && !value.isEmpty()) {
            errors.add(field, "only applies to dbsProvider " + provider);
        }
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    /** Collects field messages so one answer names every bad field, in the shape of bean validation's answer. */
    static final class FieldErrors {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        void add(String field, String message) {
            fields.putIfAbsent(field, message);
        }

        boolean isEmpty() {
            return fields.isEmpty();
        }

        void throwIfAny() {
            if (!fields.isEmpty()) {
                throw new TowerException(ErrorCode.VALIDATION_FAILED,
                        "Invalid fields: " + String.join(", ", fields.keySet()), Map.of("fields", java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
            }
        }
    }
}
