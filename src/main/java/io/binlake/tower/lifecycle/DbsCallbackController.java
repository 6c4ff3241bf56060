package io.binlake.tower.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.request.RequestHandler;
import io.binlake.tower.request.RequestOutcome;
import io.binlake.tower.request.RequestSource;
import io.binlake.tower.request.RequestType;
import io.binlake.tower.request.TowerRequest;
import io.binlake.tower.security.SecurityConfig;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * DBS reports the outcome of an authorization order here. Authenticated by the cluster's DBS token in the
 * X-DBS-Token header (the token Tower sends DBS with every call), validated (the original's codes 1010–1016 as
 * DBS_CALLBACK_TOKEN_INVALID, VALIDATION_FAILED, DBS_ORDER_NOT_FOUND, DBS_ORDER_DECIDED), then handled exactly as a
 * DBS_DECISION request.
 */
@Tag(name = "DBS callback", description = "DBS reports the outcome of an authorization order")
@RestController
class DbsCallbackController {
    static final String TOKEN_HEADER = "X-DBS-Token";
    private final InstanceService instances;
    private final ClusterCatalog clusters;
    private final RequestHandler requests;
    private final ObjectMapper json;

    DbsCallbackController(InstanceService instances, ClusterCatalog clusters, RequestHandler requests,
            ObjectMapper json) {
        this.instances = instances;
        this.clusters = clusters;
        this.requests = requests;
        this.json = json;
    }

    record Decision(@NotBlank @Size(max = 64) String orderId, @NotNull Boolean approved, @Size(max = 64) String approver,
            @Size(max = 900) String comment) {
    }

    @PostMapping(SecurityConfig.DBS_CALLBACK_PATH)
    ResponseEntity<RequestOutcome> decide(@RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @Valid @RequestBody Decision decision) {
        // The token is the cluster's, so the order is looked up first: an unknown order is answered 404.
        InstanceSpec instance = instances.findByDbsOrderId(decision.orderId()).orElseThrow(() -> new TowerException(
                ErrorCode.DBS_ORDER_NOT_FOUND, "No DBS order '" + decision.orderId() + "'"));
        String expected = clusters.find(instance.clusterKeyword()).map(c -> c.dbsToken()).orElse(null);
        if (token == null || expected == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            throw new TowerException(ErrorCode.DBS_CALLBACK_TOKEN_INVALID,
                    ErrorCode.DBS_CALLBACK_TOKEN_INVALID.description());
        }
        if (instance.status() != InstanceStatus.wait) {
            throw new TowerException(ErrorCode.DBS_ORDER_DECIDED, "DBS order '" + decision.orderId()
                    + "' was decided already.");
        }
        TowerRequest request = new TowerRequest("dbs-callback-" + decision.orderId(), RequestType.DBS_DECISION, "dbs",
                null, null, json.valueToTree(decision));
        RequestOutcome outcome = requests.handle(request, RequestSource.dbsCallback());
        if (!outcome.accepted()) {
            ErrorCode code = ErrorCode.valueOf(outcome.code());
            throw new TowerException(code, outcome.message(), Map.of("orderId", decision.orderId()));
        }
        return ResponseEntity.ok(outcome);
    }
}
