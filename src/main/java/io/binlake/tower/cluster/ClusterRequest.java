package io.binlake.tower.cluster;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of a cluster create (POST) or update (PUT). Syntax that bean validation can express is checked here; the
 * address formats and the DBS provider's required pair are checked by {@link ClusterService}. Secrets left out (null)
 * keep their stored value on update.
 */
record ClusterRequest(
        String keyword,
        @NotBlank @Size(max = 128) String displayName,
        @NotBlank @Size(max = 255) String zkServers,
        @NotBlank @Size(max = 128) String zkPath,
        // MySQL's server_id is an unsigned 32-bit number.
        @NotNull @Positive @Max(4294967295L) Long slaveId,
        @NotBlank @Pattern(regexp = UUID, message = "must be a UUID like 54c7c6f0-70ad-11e9-a07d-8c1645350bc8")
        String slaveUuid,
        @NotBlank @Size(max = 512) String kafkaBootstrapServers,
        @Size(max = 255) String waveDns,
        @NotNull DbsProvider dbsProvider,
        @Size(max = 255) String dbsApiUrl,
        @Size(max = 256) String dbsToken,
        @Size(max = 64) String dbsAdminUser,
        @Size(max = 256) String dbsAdminPassword,
        @NotBlank @Size(max = 32) @Pattern(regexp = "^\\S+$", message = "must not contain blanks") String dumpUser,
        @Size(max = 256) String dumpPassword,
        @Size(max = 256) List<String> waves) {

    static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    @Override
    public String toString() {
        return "ClusterRequest[keyword=" + keyword + ", zkServers=" + zkServers + ", zkPath=" + zkPath
                + ", secrets redacted]";
    }
}
