package io.binlake.tower.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A dump worker of a cluster, known by its IPv4 address (candidate and leader picks, DBS grant host patterns). */
@Entity
@Table(name = "wave")
public class Wave {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "cluster_keyword", nullable = false, length = 32)
    private String clusterKeyword;
    @Column(nullable = false, length = 45)
    private String ip;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Wave() {
    }

    Wave(String clusterKeyword, String ip) {
        this.clusterKeyword = clusterKeyword;
        this.ip = ip;
        this.createdAt = Instant.now();
    }

    public String clusterKeyword() {
        return clusterKeyword;
    }

    public String ip() {
        return ip;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
