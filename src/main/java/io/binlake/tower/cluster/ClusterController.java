package io.binlake.tower.cluster;

import io.binlake.tower.cluster.ClusterService.ClusterView;
import io.binlake.tower.cluster.ClusterService.WavesView;
import io.binlake.tower.common.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Clusters", description = "Dump clusters (ZooKeeper, Kafka, DBS access, dump account) and their waves. "
        + "Super admins write; every logged-in user reads. Secrets are write-only.")
@RestController
@Validated
@RequestMapping("/api/v1/clusters")
class ClusterController {
    private final ClusterService clusters;

    ClusterController(ClusterService clusters) {
        this.clusters = clusters;
    }

    record WaveList(@NotNull @Size(min = 1, max = 256) List<String> ips) {
    }

    @Operation(summary = "List clusters; q matches keyword or display name")
    @GetMapping
    PageResponse<ClusterView> list(@RequestParam(required = false) @Size(max = 128) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return clusters.list(q, page, size);
    }

    @Operation(summary = "Create a cluster with its wave IPs (super admin)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ClusterView create(@Valid @RequestBody ClusterRequest body) {
        return clusters.create(body);
    }

    @GetMapping("/{keyword}")
    ClusterView get(@PathVariable String keyword) {
        return clusters.get(keyword);
    }

    @Operation(summary = "Update every field but the keyword (super admin); secrets left out are kept, waves "
            + "given replace the cluster's waves")
    @PutMapping("/{keyword}")
    ClusterView update(@PathVariable String keyword, @Valid @RequestBody ClusterRequest body) {
        return clusters.update(keyword, body);
    }

    @Operation(summary = "Delete a cluster and its waves (super admin); refused while instances use it")
    @DeleteMapping("/{keyword}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String keyword) {
        clusters.delete(keyword);
    }

    @GetMapping("/{keyword}/waves")
    WavesView waves(@PathVariable String keyword) {
        return clusters.waves(keyword);
    }

    @Operation(summary = "Replace the cluster's wave IPs (super admin)")
    @PutMapping("/{keyword}/waves")
    WavesView replaceWaves(@PathVariable String keyword, @Valid @RequestBody WaveList body) {
        return clusters.replaceWaves(keyword, body.ips());
    }
}
