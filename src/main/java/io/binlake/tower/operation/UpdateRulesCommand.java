package io.binlake.tower.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.request.RequestType;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * UPDATE_RULES: pushes the instance's current bindings (topic rules, their filters and producer settings) to the
 * manager. Refused at once when they cannot make a dump (no binding, a rule without a white filter, no waves), so
 * the process only meets the manager's own failures.
 */
@Component
class UpdateRulesCommand extends OperationCommand {
    private final OperationService operations;

    UpdateRulesCommand(OperationRequests requests, OperationService operations) {
        super(requests);
        this.operations = operations;
    }

    @Override
    public RequestType type() {
        return RequestType.UPDATE_RULES;
    }

    @Override
    Map<String, Object> payload(JsonNode payload, InstanceSpec instance, ClusterSpec cluster) {
        operations.checkRules(instance, cluster);
        return Map.of();
    }
}
