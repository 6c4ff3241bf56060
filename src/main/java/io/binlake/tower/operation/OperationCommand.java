package io.binlake.tower.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.request.RequestCommand;
import io.binlake.tower.request.RequestSource;
import io.binlake.tower.request.TowerRequest;
import java.util.Map;

/** One operation request type: its own payload, the rest shared through {@link OperationRequests}. */
abstract class OperationCommand implements RequestCommand {
    private final OperationRequests requests;

    OperationCommand(OperationRequests requests) {
        this.requests = requests;
    }

    @Override
    public String instanceIdOf(TowerRequest request) {
        return OperationRequests.instanceIdOf(request);
    }

    @Override
    public Result execute(TowerRequest request, RequestSource source) {
        return requests.start(type(), request, source, this::payload);
    }

    /** The payload's fields as process variables; none by default. */
    Map<String, Object> payload(JsonNode payload, InstanceSpec instance, ClusterSpec cluster) {
        return Map.of();
    }
}
