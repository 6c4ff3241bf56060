package io.binlake.tower.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.request.RequestType;
import java.util.Map;
import org.springframework.stereotype.Component;

/** SET_LEADER (leader): the next election goes to this wave of the instance's cluster; ends ONLINE. */
@Component
class SetLeaderCommand extends OperationCommand {
    SetLeaderCommand(OperationRequests requests) {
        super(requests);
    }

    @Override
    public RequestType type() {
        return RequestType.SET_LEADER;
    }

    @Override
    Map<String, Object> payload(JsonNode payload, InstanceSpec instance, ClusterSpec cluster) {
        return Map.of(OperationProcess.LEADER, OperationPayloads.leader(payload, cluster));
    }
}
