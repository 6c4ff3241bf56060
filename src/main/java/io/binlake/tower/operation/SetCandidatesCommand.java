package io.binlake.tower.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.request.RequestType;
import java.util.Map;
import org.springframework.stereotype.Component;

/** SET_CANDIDATES (candidates): the waves of the instance's cluster allowed to dump it; ends ONLINE. */
@Component
class SetCandidatesCommand extends OperationCommand {
    SetCandidatesCommand(OperationRequests requests) {
        super(requests);
    }

    @Override
    public RequestType type() {
        return RequestType.SET_CANDIDATES;
    }

    @Override
    Map<String, Object> payload(JsonNode payload, InstanceSpec instance, ClusterSpec cluster) {
        return Map.of(OperationProcess.CANDIDATES,
                OperationProcess.joinIps(OperationPayloads.candidates(payload, cluster)));
    }
}
