package io.binlake.tower.instance;

import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.topic.TopicRuleCatalog;
import io.binlake.tower.topic.TopicRuleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The instance registry and its state machine, for every caller: the REST API (after its permission checks), Kafka
 * onboarding and the lifecycle's BPMN delegates. It checks no caller permissions itself; it does enforce the domain's
 * rules (one group per instance, legal transitions, bindings only to the instance's group's topic rules). Every
 * status change publishes {@link InstanceStatusChanged} inside the caller's transaction.
 */
@Service
@Transactional
public class InstanceService {
    public static final String MQ_STORAGE = "MQ_STORAGE";
    public static final String PROTOBUF_CONVERTER = "com.jd.binlog.convert.ProtobufConverter";
    public static final String AVRO_CONVERTER = "com.jd.binlog.convert.AvroConverter";

    private final MysqlInstanceRepository instances;
    private final InstanceBindingRepository bindings;
    private final ClusterCatalog clusters;
    private final TopicRuleCatalog topicRules;
    private final GroupAccess groups;
    private final ApplicationEventPublisher events;

    InstanceService(MysqlInstanceRepository instances, InstanceBindingRepository bindings, ClusterCatalog clusters,
            TopicRuleCatalog topicRules, GroupAccess groups, ApplicationEventPublisher events) {
        this.instances = instances;
        this.bindings = bindings;
        this.clusters = clusters;
        this.topicRules = topicRules;
        this.groups = groups;
        this.events = events;
    }

    /**
     * Registers host:port for a group on a cluster in status init, with the cluster's slave id. A removed instance
     * is registered afresh (its old bindings are dropped); a live one is refused, whichever group holds it.
     */
    public InstanceSpec register(String groupId, String clusterKeyword, String host, int port, String requestedBy) {
        if (!HostPort.valid(host, port)) {
            throw invalid("host", "not a valid host (name or IPv4) and port (1..65535): " + host + ":" + port);
        }
        requireActor(requestedBy, "requestedBy");
        groups.byId(groupId);
        ClusterSpec cluster = clusters.find(clusterKeyword).orElseThrow(
                () -> TowerException.notFound(ErrorCode.CLUSTER_NOT_FOUND, String.valueOf(clusterKeyword)));
        HostPort hp = new HostPort(Ids.normaliseHost(host), port);
        Optional<MysqlInstance> existing = instances.findById(hp.id());
        MysqlInstance instance;
        InstanceStatus from = null;
        if (existing.isPresent() && existing.get().status() != InstanceStatus.removed) {
            MysqlInstance other = existing.get();
            if (other.groupId().equals(groupId)) {
                throw new TowerException(ErrorCode.INSTANCE_EXISTS, "Instance " + hp + " is registered already.",
                        Map.of("instanceId", other.id(), "host", hp.toString()));
            }
            throw new TowerException(ErrorCode.INSTANCE_IN_OTHER_GROUP, "Instance " + hp
                    + " belongs to another group; an instance belongs to one group only.",
                    Map.of("instanceId", other.id(), "host", hp.toString()));
        } else if (existing.isPresent()) {
            instance = existing.get();
            from = instance.status();
            bindings.deleteAll(bindings.findByInstanceIdOrderByTopicRuleId(instance.id()));
            instance.reRegister(groupId, cluster.keyword(), cluster.slaveId(), requestedBy);
        } else {
            instance = instances.save(new MysqlInstance(groupId, cluster.keyword(), hp.host(), hp.port(),
                    cluster.slaveId(), requestedBy));
        }
        events.publishEvent(new InstanceStatusChanged(instance.id(), groupId, from, InstanceStatus.init, requestedBy,
                instance.statusReason()));
        return InstanceSpec.of(instance);
    }

    /**
     * Moves an instance along the state machine ({@link InstanceStatus#canMoveTo}). With {@code expectedFrom} the
     * caller also states where the instance must be now (a BPMN step that only follows one state). Refuses with
     * INSTANCE_BUSY otherwise. Returns the status the instance left.
     */
    public InstanceStatus changeStatus(String instanceId, InstanceStatus expectedFrom, InstanceStatus to, String actor,
            String reason) {
        if (to == null) {
            throw invalid("to", "the target status is required");
        }
        requireActor(actor, "actor");
        MysqlInstance instance = instance(instanceId);
        if (expectedFrom != null && instance.status() != expectedFrom) {
            throw new TowerException(ErrorCode.INSTANCE_BUSY, "Instance " + instance.hostPort() + " is "
                    + instance.status() + ", not " + expectedFrom + ".", Map.of("instanceId", instanceId,
                    "status", instance.status().name(), "expected", expectedFrom.name()));
        }
        InstanceStatus from = instance.moveTo(to, actor, reason);
        events.publishEvent(new InstanceStatusChanged(instance.id(), instance.groupId(), from, to,
                instance.statusActor(), instance.statusReason()));
        return from;
    }

    /** The DBS authorization order opened for the instance; DBS's decision is correlated by its id. */
    public void recordDbsOrder(String instanceId, String orderId, String orderUrl) {
        if (orderId == null || orderId.isBlank() || orderId.length() > 64) {
            throw invalid("orderId", "must be 1..64 characters");
        }
        if (orderUrl != null && orderUrl.length() > 512) {
            throw invalid("orderUrl", "must be at most 512 characters");
        }
        MysqlInstance instance = instance(instanceId);
        instances.findByDbsOrderId(orderId).filter(other -> !other.id().equals(instanceId)).ifPresent(other -> {
            throw invalid("orderId", "DBS order " + orderId + " is recorded for another instance");
        });
        instance.recordDbsOrder(orderId, orderUrl);
    }

    /** The dump node's state as the manager last reported it. Not a status change: no event. */
    public void recordDumpState(String instanceId, DumpState state) {
        if (state == null) {
            throw invalid("state", "the dump state is required");
        }
        instance(instanceId).recordDumpState(state);
    }

    /**
     * Locks the instance's row until the caller's transaction ends, so two requests for one instance that arrive at
     * once (REST callers are not ordered like a Kafka partition) see each other's process instead of both starting one.
     */
    public void lock(String instanceId) {
        instances.lockById(instanceId);
    }

    @Transactional(readOnly = true)
    public Optional<InstanceSpec> find(String id) {
        return id == null ? Optional.empty() : instances.findById(id).map(InstanceSpec::of);
    }

    /** By host and port in any spelling of the host (it is normalised as the id is). */
    @Transactional(readOnly = true)
    public Optional<InstanceSpec> findByHostPort(String host, int port) {
        return host == null ? Optional.empty() : find(Ids.instance(host, port));
    }

    @Transactional(readOnly = true)
    public Optional<InstanceSpec> findByDbsOrderId(String orderId) {
        return orderId == null ? Optional.empty() : instances.findByDbsOrderId(orderId).map(InstanceSpec::of);
    }

    /**
     * Deletes an instance that is not dumping, with its bindings. One the manager may hold a znode for (agree,
     * online) is refused: it is taken offline and removed by a REMOVE_INSTANCE request, which stops the dump.
     */
    public void delete(String instanceId, String actor) {
        requireActor(actor, "actor");
        MysqlInstance instance = instance(instanceId);
        if (instance.status().mayBeDumping()) {
            throw new TowerException(ErrorCode.INSTANCE_BUSY, "Instance " + instance.hostPort() + " is "
                    + instance.status() + " and may be dumping: take it offline and remove it through a "
                    + "REMOVE_INSTANCE request.", Map.of("instanceId", instanceId, "status", instance.status().name()));
        }
        InstanceStatus from = instance.status();
        bindings.deleteAll(bindings.findByInstanceIdOrderByTopicRuleId(instanceId));
        instances.delete(instance);
        if (from != InstanceStatus.removed) {
            events.publishEvent(new InstanceStatusChanged(instanceId, instance.groupId(), from,
                    InstanceStatus.removed, actor, "deleted"));
        }
    }

    /**
     * Binds the instance to a topic rule of its group, or changes the storage and converter of the binding if it
     * exists: calling it again with the same values changes nothing.
     */
    public BindingSpec bind(String instanceId, String topicRuleId, String storageType, String convertClass) {
        String storage = storageType(storageType);
        String converter = convertClass(convertClass);
        MysqlInstance instance = instance(instanceId);
        TopicRuleSpec rule = ruleOfGroup(topicRuleId, instance);
        return BindingSpec.of(upsert(instance.id(), rule.id(), storage, converter));
    }

    /** Makes the instance's bindings exactly the given ones (tower-spec §9 item 30). */
    public List<BindingSpec> replaceBindings(String instanceId, List<BindingRequest> wanted) {
        MysqlInstance instance = instance(instanceId);
        Map<String, String[]> byRule = new LinkedHashMap<>();
        for (BindingRequest w : wanted == null ? List.<BindingRequest>of() : wanted) {
            if (w == null || w.topicRuleId() == null || w.topicRuleId().isBlank()) {
                throw invalid("topicRuleId", "must not be blank");
            }
            String[] formats = {storageType(w.storageType()), convertClass(w.convertClass())};
            if (byRule.put(w.topicRuleId(), formats) != null) {
                throw invalid("bindings", "topic rule " + w.topicRuleId() + " is listed twice");
            }
        }
        byRule.keySet().forEach(ruleId -> ruleOfGroup(ruleId, instance));
        List<InstanceBinding> gone = new ArrayList<>();
        Map<String, InstanceBinding> current = new HashMap<>();
        for (InstanceBinding b : bindings.findByInstanceIdOrderByTopicRuleId(instanceId)) {
            if (byRule.containsKey(b.topicRuleId())) {
                current.put(b.topicRuleId(), b);
            } else {
                gone.add(b);
            }
        }
        bindings.deleteAll(gone);
        byRule.forEach((ruleId, f) -> {
            InstanceBinding b = current.get(ruleId);
            if (b == null) {
                bindings.save(new InstanceBinding(instanceId, ruleId, f[0], f[1]));
            } else {
                b.change(f[0], f[1]);
            }
        });
        return bindings(instanceId);
    }

    public void unbind(String instanceId, String topicRuleId) {
        instance(instanceId);
        InstanceBinding b = bindings.findByInstanceIdAndTopicRuleId(instanceId, topicRuleId).orElseThrow(
                () -> new TowerException(ErrorCode.BINDING_NOT_FOUND, ErrorCode.BINDING_NOT_FOUND.description(),
                        Map.of("instanceId", instanceId, "topicRuleId", String.valueOf(topicRuleId))));
        bindings.delete(b);
    }

    @Transactional(readOnly = true)
    public List<BindingSpec> bindings(String instanceId) {
        return bindings.findByInstanceIdOrderByTopicRuleId(instanceId).stream().map(BindingSpec::of).toList();
    }

    /** MQ_STORAGE when not given; KV_STORAGE is refused because the manager silently drops it. */
    static String storageType(String given) {
        if (given == null || given.isBlank()) {
            return MQ_STORAGE;
        }
        String s = given.trim().toUpperCase(Locale.ROOT);
        if (s.equals(MQ_STORAGE)) {
            return MQ_STORAGE;
        }
        if (s.equals("KV_STORAGE")) {
            throw invalid("storageType", "KV_STORAGE is not supported: the manager drops such rules");
        }
        throw invalid("storageType", "must be MQ_STORAGE");
    }

    /** The converter's class name, from the class name or its short name; PROTOBUF when not given. */
    static String convertClass(String given) {
        if (given == null || given.isBlank()) {
            return PROTOBUF_CONVERTER;
        }
        String c = given.trim();
        if (c.equalsIgnoreCase("PROTOBUF") || c.equals(PROTOBUF_CONVERTER)) {
            return PROTOBUF_CONVERTER;
        }
        if (c.equalsIgnoreCase("AVRO") || c.equals(AVRO_CONVERTER)) {
            return AVRO_CONVERTER;
        }
        throw invalid("convertClass", "must be PROTOBUF, AVRO, " + PROTOBUF_CONVERTER + " or " + AVRO_CONVERTER);
    }

    private InstanceBinding upsert(String instanceId, String ruleId, String storage, String converter) {
        Optional<InstanceBinding> existing = bindings.findById(Ids.binding(instanceId, ruleId));
        if (existing.isPresent()) {
            existing.get().change(storage, converter);
            return existing.get();
        }
        return bindings.save(new InstanceBinding(instanceId, ruleId, storage, converter));
    }

    private TopicRuleSpec ruleOfGroup(String topicRuleId, MysqlInstance instance) {
        TopicRuleSpec rule = topicRules.find(topicRuleId).orElseThrow(
                () -> TowerException.notFound(ErrorCode.TOPIC_RULE_NOT_FOUND, String.valueOf(topicRuleId)));
        if (!rule.groupId().equals(instance.groupId())) {
            throw new TowerException(ErrorCode.INSTANCE_IN_OTHER_GROUP, "Topic rule " + rule.topic()
                    + " belongs to another group than instance " + instance.hostPort() + ".",
                    Map.of("instanceId", instance.id(), "topicRuleId", rule.id()));
        }
        return rule;
    }

    private MysqlInstance instance(String instanceId) {
        return (instanceId == null ? Optional.<MysqlInstance>empty() : instances.findById(instanceId))
                .orElseThrow(() -> TowerException.notFound(ErrorCode.INSTANCE_NOT_FOUND,
                        String.valueOf(instanceId)));
    }

    private static void requireActor(String actor, String field) {
        if (actor == null || actor.isBlank() || actor.length() > MysqlInstance.ACTOR_LENGTH) {
            throw invalid(field, "must be 1.." + MysqlInstance.ACTOR_LENGTH + " characters");
        }
    }

    private static TowerException invalid(String field, String message) {
        return new TowerException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                Map.of("fields", Map.of(field, message)));
    }
}
