package io.binlake.tower.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.request.RequestCommand;
import io.binlake.tower.request.RequestSource;
import io.binlake.tower.request.RequestType;
import io.binlake.tower.request.TowerRequest;
import io.binlake.tower.security.CurrentUser;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * DBS_DECISION: DBS's answer to an authorization order, over Kafka, the callback endpoint or (super admins) REST.
 * Correlated to the waiting process by the instance id; an order that is unknown or already decided is refused.
 */
@Component
class DbsDecisionCommand implements RequestCommand {
    static final String MESSAGE = "DbsDecision";
    private final InstanceService instances;
    private final RuntimeService runtime;
    private final CurrentUser currentUser;

    DbsDecisionCommand(InstanceService instances, RuntimeService runtime, CurrentUser currentUser) {
        this.instances = instances;
        this.runtime = runtime;
        this.currentUser = currentUser;
    }

    @Override
    public RequestType type() {
        return RequestType.DBS_DECISION;
    }

    @Override
    public String instanceIdOf(TowerRequest request) {
        String orderId = text(request.payload(), "orderId");
        return orderId == null ? null : instances.findByDbsOrderId(orderId).map(InstanceSpec::id).orElse(null);
    }

    @Override
    public Result execute(TowerRequest request, RequestSource source) {
        if (source.isUser()) {
            currentUser.requireSuperAdmin();
        }
        JsonNode payload = request.payload();
        String orderId = text(payload, "orderId");
        JsonNode approved = payload == null ? null : payload.get("approved");
        if (orderId == null || orderId.isBlank() || orderId.length() > 64 || approved == null
                || !approved.isBoolean()) {
            throw OnboardInstanceCommand.invalid("DBS_DECISION needs payload.orderId and payload.approved (true/false)");
        }
        String approver = text(payload, "approver");
        String comment = text(payload, "comment");
        if ((approver != null && approver.length() > 64) || (comment != null && comment.length() > 900)) {
            throw OnboardInstanceCommand.invalid("payload.approver (64) or payload.comment (900) is too long");
        }
        InstanceSpec instance = instances.findByDbsOrderId(orderId).orElseThrow(() -> new TowerException(
                ErrorCode.DBS_ORDER_NOT_FOUND, "No DBS order '" + orderId + "'", Map.of("orderId", orderId)));
        if (instance.status() != InstanceStatus.wait) {
            throw new TowerException(ErrorCode.DBS_ORDER_DECIDED, "DBS order '" + orderId + "' was decided already ("
                    + instance.host() + ":" + instance.port() + " is " + instance.status() + ").");
        }
        boolean waiting = runtime.createExecutionQuery().processInstanceBusinessKey(instance.id())
                .messageEventSubscriptionName(MESSAGE).count() > 0;
        if (!waiting) {
            throw new TowerException(ErrorCode.REQUEST_NOT_ALLOWED, "Order '" + orderId + "' is decided by the DBAs in "
                    + "Tasklist (the cluster uses the jdbc DBS provider), not by a DBS message.");
        }
        var result = runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(instance.id())
                .setVariable("dbsApproved", approved.asBoolean())
                .setVariable("dbsApprover", approver == null || approver.isBlank() ? request.requestedBy() : approver)
                .setVariable("dbsComment", comment)
                .correlateWithResult();
        return new Result(instance.id(), result.getExecution().getProcessInstanceId(),
                "DBS " + (approved.asBoolean() ? "approved" : "rejected") + " order " + orderId);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode n = payload == null ? null : payload.get(field);
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }
}
