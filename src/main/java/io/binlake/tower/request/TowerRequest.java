package io.binlake.tower.request;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request as upstream systems send it on tower.requests or to POST /api/v1/requests:
 * {"requestId","type","requestedBy","group","instance":{"host","port","cluster"},"payload":{...}}.
 */
public record TowerRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "^[A-Za-z0-9._:@-]+$",
                message = "letters, digits and . _ : @ - only") String requestId,
        @NotNull RequestType type,
        @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._@-]+$",
                message = "letters, digits and . _ @ - only") String requestedBy,
        @Size(max = 36) String group,
        @Valid InstanceAddress instance,
        JsonNode payload) {

    public record InstanceAddress(
            @NotBlank @Size(max = 255) @Pattern(regexp = "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$",
                    message = "a host name or IPv4 address") String host,
            @NotNull @Min(1) @Max(65535) Integer port,
            @Size(max = 32) String cluster) {
    }
}
