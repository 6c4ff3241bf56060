package io.binlake.tower.cluster;

import io.binlake.tower.security.EncryptedSecretConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A dump cluster: the ZooKeeper its waves watch, the server id/UUID they replicate as, the Kafka they produce to,
 * how DBS is reached and the dump account (the original's {@code config} table, tower-spec §1.1 and §7.1; the dump
 * account was one global setting there). Secrets are held in plain text in memory only; the columns hold ciphertext.
 */
@Entity
@Table(name = "dump_cluster")
public class DumpCluster {
    @Id
    @Column(length = 32)
    private String keyword;
    @Column(name = "display_name", nullable = false, length = 128)
    private String displayName;
    @Column(name = "zk_servers", nullable = false, length = 255)
    private String zkServers;
    @Column(name = "zk_path", nullable = false, length = 128)
    private String zkPath;
    @Column(name = "slave_id", nullable = false)
    private long slaveId;
    @Column(name = "slave_uuid", nullable = false, length = 36)
    private String slaveUuid;
    @Column(name = "kafka_bootstrap_servers", nullable = false, length = 512)
    private String kafkaBootstrapServers;
    @Column(name = "wave_dns", length = 255)
    private String waveDns;
    @Enumerated(EnumType.STRING)
    @Column(name = "dbs_provider", nullable = false, length = 16)
    private DbsProvider dbsProvider;
    @Column(name = "dbs_api_url", length = 255)
    private String dbsApiUrl;
    @Convert(converter = EncryptedSecretConverter.class)
    @Column(name = "dbs_token_enc", length = 512)
    private String dbsToken;
    @Column(name = "dbs_admin_user", length = 64)
    private String dbsAdminUser;
    @Convert(converter = EncryptedSecretConverter.class)
    @Column(name = "dbs_admin_password_enc", length = 512)
    private String dbsAdminPassword;
    @Column(name = "dump_user", nullable = false, length = 64)
    private String dumpUser;
    @Convert(converter = EncryptedSecretConverter.class)
    @Column(name = "dump_password_enc", nullable = false, length = 512)
    private String dumpPassword;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected DumpCluster() {
    }

    DumpCluster(String keyword, ClusterSettings settings) {
        this.keyword = keyword;
        this.createdAt = Instant.now();
        apply(settings);
    }

    /**
     * Takes every setting; a secret given as null keeps the stored one. The fields of the provider not chosen are
     * cleared, so a cluster switched from JDBC to HTTP does not keep an admin password nobody can see or use.
     */
    void apply(ClusterSettings s) {
        this.displayName = s.displayName();
        this.zkServers = s.zkServers();
        this.zkPath = s.zkPath();
        this.slaveId = s.slaveId();
        this.slaveUuid = s.slaveUuid();
        this.kafkaBootstrapServers = s.kafkaBootstrapServers();
        this.waveDns = s.waveDns();
        this.dbsProvider = s.dbsProvider();
        if (s.dbsProvider() == DbsProvider.HTTP) {
            this.dbsApiUrl = s.dbsApiUrl();
            this.dbsToken = keepUnlessGiven(dbsToken, s.dbsToken());
            this.dbsAdminUser = null;
            this.dbsAdminPassword = null;
        } else {
            this.dbsAdminUser = s.dbsAdminUser();
            this.dbsAdminPassword = keepUnlessGiven(dbsAdminPassword, s.dbsAdminPassword());
            this.dbsApiUrl = null;
            this.dbsToken = null;
        }
        this.dumpUser = s.dumpUser();
        this.dumpPassword = keepUnlessGiven(dumpPassword, s.dumpPassword());
        this.updatedAt = Instant.now();
    }

    void touch() {
        this.updatedAt = Instant.now();
    }

    private static String keepUnlessGiven(String stored, String given) {
        return given == null ? stored : given;
    }

    public String keyword() {
        return keyword;
    }

    public String displayName() {
        return displayName;
    }

    public String zkServers() {
        return zkServers;
    }

    public String zkPath() {
        return zkPath;
    }

    public long slaveId() {
        return slaveId;
    }

    public String slaveUuid() {
        return slaveUuid;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String waveDns() {
        return waveDns;
    }

    public DbsProvider dbsProvider() {
        return dbsProvider;
    }

    public String dbsApiUrl() {
        return dbsApiUrl;
    }

    String dbsToken() {
        return dbsToken;
    }

    public String dbsAdminUser() {
        return dbsAdminUser;
    }

    String dbsAdminPassword() {
        return dbsAdminPassword;
    }

    public String dumpUser() {
        return dumpUser;
    }

    String dumpPassword() {
        return dumpPassword;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
