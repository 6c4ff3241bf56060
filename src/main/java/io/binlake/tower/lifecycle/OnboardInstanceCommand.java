package io.binlake.tower.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.cluster.ClusterSpec;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.filter.FilterCatalog;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.group.GroupRef;
import io.binlake.tower.instance.InstanceService;
import io.binlake.tower.instance.InstanceSpec;
import io.binlake.tower.instance.InstanceStatus;
import io.binlake.tower.request.RequestCommand;
import io.binlake.tower.request.RequestSource;
import io.binlake.tower.request.RequestType;
import io.binlake.tower.request.TowerRequest;
import io.binlake.tower.topic.TopicRuleCatalog;
import io.binlake.tower.topic.TopicRuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * ONBOARD_INSTANCE: registers the instance (or takes an opposed one back to init), binds the requested topics and
 * starts its lifecycle process. Refused when the group, cluster or a topic is unknown, the instance belongs to
 * another group, or its lifecycle is already running.
 */
@Component
class OnboardInstanceCommand implements RequestCommand {
    static final String PROCESS_KEY = "instance-lifecycle";
    static final Set<String> CONVERTERS = Set.of("PROTOBUF", "AVRO", "com.jd.binlog.convert.ProtobufConverter",
            "com.jd.binlog.convert.AvroConverter");
    private final GroupAccess groups;
    private final ClusterCatalog clusters;
    private final TopicRuleCatalog topicRules;
    private final FilterCatalog filters;
    private final InstanceService instances;
    private final RuntimeService runtime;
    private final LifecycleProperties properties;

    OnboardInstanceCommand(GroupAccess groups, ClusterCatalog clusters, TopicRuleCatalog topicRules,
            FilterCatalog filters, InstanceService instances, RuntimeService runtime, LifecycleProperties properties) {
        this.groups = groups;
        this.clusters = clusters;
        this.topicRules = topicRules;
        this.filters = filters;
        this.instances = instances;
        this.runtime = runtime;
        this.properties = properties;
    }

    @Override
    public RequestType type() {
        return RequestType.ONBOARD_INSTANCE;
    }

    @Override
    public String instanceIdOf(TowerRequest request) {
        return request.instance() == null ? null : Ids.instance(request.instance().host(), request.instance().port());
    }

    @Override
    public Result execute(TowerRequest request, RequestSource source) {
        if (request.group() == null || request.group().isBlank() || request.instance() == null
                || request.instance().cluster() == null || request.instance().cluster().isBlank()) {
            throw invalid("ONBOARD_INSTANCE needs group, instance.host, instance.port and instance.cluster");
        }
        List<String> topicNames = topics(request.payload());
        String converter = converter(request.payload());
        GroupRef group = groups.byName(request.group());
        if (source.isUser()) {
            groups.requireAdminById(group.id());
        }
        String requester = source.isUser() ? source.userId() : request.requestedBy();
        ClusterSpec cluster = clusters.find(request.instance().cluster()).orElseThrow(() -> new TowerException(
                ErrorCode.CLUSTER_NOT_FOUND, "No cluster '" + request.instance().cluster() + "'"));
        Map<String, TopicRuleSpec> rules = new LinkedHashMap<>();
        for (String topic : topicNames) {
            rules.put(topic, topicRules.findByGroupAndTopic(group.id(), topic).orElseThrow(() -> new TowerException(
                    ErrorCode.TOPIC_RULE_NOT_FOUND, "Group '" + group.name() + "' has no topic rule for topic '"
                            + topic + "'", Map.of("topic", topic))));
        }
        String host = Ids.normaliseHost(request.instance().host());
        int port = request.instance().port();
        InstanceSpec instance = instances.findByHostPort(host, port).orElse(null);
        // A removed instance is onboarded afresh: register() takes its row back to init under the new request.
        if (instance == null || instance.status() == InstanceStatus.removed) {
            instance = instances.register(group.id(), cluster.keyword(), host, port, requester);
        } else {
            if (!instance.groupId().equals(group.id())) {
                throw new TowerException(ErrorCode.INSTANCE_IN_OTHER_GROUP, host + ":" + port
                        + " belongs to another group.");
            }
            if (!instance.clusterKeyword().equals(cluster.keyword())) {
                throw new TowerException(ErrorCode.REQUEST_NOT_ALLOWED, host + ":" + port + " is registered in cluster '"
                        + instance.clusterKeyword() + "', not '" + cluster.keyword() + "'.");
            }
            if (instance.status() != InstanceStatus.init && instance.status() != InstanceStatus.oppose) {
                throw new TowerException(ErrorCode.REQUEST_NOT_ALLOWED, host + ":" + port + " is "
                        + instance.status() + "; only an instance in init or oppose can be onboarded (again).");
            }
        }
        instances.lock(instance.id());
        if (runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(instance.id()).active().count() > 0) {
            throw new TowerException(ErrorCode.REQUEST_NOT_ALLOWED, "The lifecycle of " + host + ":" + port
                    + " is already running.");
        }
        if (instance.status() == InstanceStatus.oppose) {
            instances.changeStatus(instance.id(), InstanceStatus.oppose, InstanceStatus.init, requester,
                    "Applied again by request " + request.requestId());
        }
        for (TopicRuleSpec rule : rules.values()) {
            instances.bind(instance.id(), rule.id(), "MQ_STORAGE", converter);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instanceId", instance.id());
        variables.put("requestId", request.requestId());
        variables.put("requestedBy", requester);
        variables.put("host", host);
        variables.put("port", (long) port);
        variables.put("group", group.name());
        variables.put("cluster", cluster.keyword());
        variables.put("topics", String.join(", ", rules.keySet()));
        variables.put("filters", describeFilters(rules.values()));
        variables.put("approverGroup", GroupAccess.approverGroupId(group.name()));
        variables.put("dbsProvider", cluster.dbsProvider().name());
        variables.put("retryCycle", properties.retryCycle());
        variables.put("dbsReminder", properties.dbsReminder());
        variables.put("dbsExpiry", properties.dbsExpiry());
        variables.put("approvalReminder", properties.approvalReminder());
        variables.put("dbaGroup", properties.dbaGroup());
        String processInstanceId = runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(instance.id())
                .setVariables(variables).execute().getId();
        return new Result(instance.id(), processInstanceId, "Onboarding of " + host + ":" + port + " started");
    }

    private String describeFilters(java.util.Collection<TopicRuleSpec> rules) {
        List<String> parts = new ArrayList<>();
        for (TopicRuleSpec rule : rules) {
            String f = filters.byIds(rule.filterIds()).stream()
                    .map(s -> s.type() + " " + s.tableRegex() + " " + s.eventTypes())
                    .collect(Collectors.joining("; "));
            parts.add(rule.topic() + ": " + (f.isEmpty() ? "no filters" : f));
        }
        String text = String.join(" | ", parts);
        return text.length() > 3900 ? text.substring(0, 3900) + "…" : text;
    }

    private static List<String> topics(JsonNode payload) {
        JsonNode topics = payload == null ? null : payload.get("topics");
        if (topics == null || !topics.isArray() || topics.isEmpty()) {
            throw invalid("payload.topics must list at least one topic of the group's topic rules");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode t : topics) {
            if (!t.isTextual() || !t.asText().matches("^[A-Za-z0-9._-]{1,200}$")) {
                throw invalid("payload.topics holds something that is not a topic name: " + abbreviate(t.toString()));
            }
            names.add(t.asText());
        }
        if (names.size() > 50) {
            throw invalid("payload.topics lists more than 50 topics");
        }
        return List.copyOf(names);
    }

    private static String converter(JsonNode payload) {
        JsonNode c = payload == null ? null : payload.get("convertClass");
        if (c == null || c.isNull()) {
            return "com.jd.binlog.convert.ProtobufConverter";
        }
        if (!c.isTextual() || !CONVERTERS.contains(c.asText())) {
            throw invalid("payload.convertClass must be PROTOBUF or AVRO");
        }
        return switch (c.asText()) {
            case "PROTOBUF" -> "com.jd.binlog.convert.ProtobufConverter";
            case "AVRO" -> "com.jd.binlog.convert.AvroConverter";
            default -> c.asText();
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    static TowerException invalid(String message) {
        return new TowerException(ErrorCode.VALIDATION_FAILED, message);
    }
}
