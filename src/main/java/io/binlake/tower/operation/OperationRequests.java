package io.binlake.tower.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.group.GroupRef;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.lifecycle.LifecycleProperties;
import io.binlake.tower.request.RequestCommand;
import io.binlake.tower.request.RequestSource;
import io.binlake.tower.request.RequestType;
import io.binlake.tower.request.TowerRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * What every operation request shares: find the instance (by host and port, never trusting the request for its
 * group or cluster), check the caller, check that the instance is online and free, read the payload, and start the
 * instance-operation process. Runs inside the request handler's transaction.
 */
@Component
class OperationRequests {
    /** Reads one operation's payload fields into process variables; refuses with VALIDATION_FAILED. */
    @FunctionalInterface
    interface PayloadReader {
        Map<String, Object> read(JsonNode payload, InstanceSpec instance, ClusterSpec cluster);
    }

    private final InstanceService instances;
    private final ClusterCatalog clusters;
    private final GroupAccess groups;
    private final RuntimeService runtime;
    private final LifecycleProperties lifecycle;

    OperationRequests(InstanceService instances, ClusterCatalog clusters, GroupAccess groups, RuntimeService runtime,
            LifecycleProperties lifecycle) {
        this.instances = instances;
        this.clusters = clusters;
        this.groups = groups;
        this.runtime = runtime;
        this.lifecycle = lifecycle;
    }

    static String instanceIdOf(TowerRequest request) {
        TowerRequest.InstanceAddress address = request.instance();
        return address == null || address.host() == null || address.port() == null ? null
                : Ids.instance(address.host(), address.port());
    }

    RequestCommand.Result start(RequestType type, TowerRequest request, RequestSource source, PayloadReader reader) {
        TowerRequest.InstanceAddress address = request.instance();
        if (address == null || address.host() == null || address.port() == null) {
            throw new TowerException(ErrorCode.VALIDATION_FAILED, type + " needs instance.host and instance.port",
                    Map.of("fields", Map.of("instance", "host and port of the instance are required")));
        }
        InstanceSpec instance = instances.findByHostPort(address.host(), address.port()).orElseThrow(
                () -> new TowerException(ErrorCode.INSTANCE_NOT_FOUND, "No instance " + Ids.normaliseHost(
                        address.host()) + ":" + address.port() + " is registered.",
                        Map.of("instanceId", Ids.instance(address.host(), address.port()))));
        if (source.isUser()) {
            groups.requireAdminById(instance.groupId());
        }
        GroupRef group = groups.byId(instance.groupId());
        if (request.group() != null && !request.group().isBlank() && !request.group().equals(group.name())) {
            throw new TowerException(ErrorCode.INSTANCE_IN_OTHER_GROUP, instance.hostPort()
                    + " belongs to another group than '" + request.group() + "'.");
        }
        if (address.cluster() != null && !address.cluster().isBlank()
                && !address.cluster().equals(instance.clusterKeyword())) {
            throw new TowerException(ErrorCode.REQUEST_NOT_ALLOWED, instance.hostPort() + " is registered in cluster '"
                    + instance.clusterKeyword() + "', not '" + address.cluster() + "'.");
        }
        ClusterSpec cluster = clusters.find(instance.clusterKeyword()).orElseThrow(() -> new TowerException(
                ErrorCode.CLUSTER_NOT_FOUND, "Cluster '" + instance.clusterKeyword() + "' of " + instance.hostPort()
                        + " no longer exists."));
        Map<String, Object> payload = reader.read(request.payload(), instance, cluster);
        if (instance.status() != InstanceStatus.online) {
            throw new TowerException(ErrorCode.REQUEST_NOT_ALLOWED, instance.hostPort() + " is " + instance.status()
                    + ": " + type + " is allowed only on an online instance.",
                    Map.of("instanceId", instance.id(), "status", instance.status().name()));
        }
        instances.lock(instance.id());
        List<ProcessInstance> running = runtime.createProcessInstanceQuery()
                .processDefinitionKeyIn(OperationProcess.KEY, OperationProcess.LIFECYCLE_KEY)
                .processInstanceBusinessKey(instance.id()).list();
        if (!running.isEmpty()) {
            ProcessInstance busy = running.get(0);
            Object operation = runtime.getVariable(busy.getId(), OperationProcess.OPERATION);
            throw new TowerException(ErrorCode.REQUEST_NOT_ALLOWED, "Another operation on " + instance.hostPort()
                    + " is still running (" + (operation != null ? operation : "onboarding") + ", process "
                    + busy.getId() + "); one runs at a time. If it is stuck in an incident, retry or cancel it in "
                    + "Cockpit.", Map.of("instanceId", instance.id(), "processInstanceId", busy.getId()));
        }
        String requester = source.isUser() ? source.userId() : request.requestedBy();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(OperationProcess.INSTANCE_ID, instance.id());
        variables.put(OperationProcess.REQUEST_ID, request.requestId());
        variables.put(OperationProcess.REQUESTED_BY, requester);
        variables.put(OperationProcess.OPERATION, type.name());
        variables.put("host", instance.host());
        variables.put("port", (long) instance.port());
        variables.put("group", group.name());
        variables.put("cluster", cluster.keyword());
        variables.put("retryCycle", lifecycle.retryCycle());
        variables.putAll(payload);
        String processInstanceId = runtime.createProcessInstanceByKey(OperationProcess.KEY)
                .businessKey(instance.id()).setVariables(variables).execute().getId();
        return new RequestCommand.Result(instance.id(), processInstanceId,
                type + " of " + instance.hostPort() + " started");
    }
}
