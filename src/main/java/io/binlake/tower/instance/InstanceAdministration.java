package io.binlake.tower.instance;

import io.binlake.tower.cluster.ClusterCatalog;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.Paging;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.group.GroupAccess;
import io.binlake.tower.group.GroupRef;
import io.binlake.tower.group.GroupScope;
import io.binlake.tower.security.CurrentUser;
import io.binlake.tower.topic.TopicRuleCatalog;
import io.binlake.tower.topic.TopicRuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Instances and bindings as people manage them over the API (tower-spec §9 items 24–31): the permission matrix of
 * §5.3 (members read, admins write, super admins everything), with the group of an existing instance always taken
 * from the database. The domain rules themselves are {@link InstanceService}'s.
 */
@Service
@Transactional
public class InstanceAdministration {
    private static final Sort BY_HOST = Sort.by("host", "port");
    private final InstanceService service;
    private final MysqlInstanceRepository instances;
    private final InstanceBindingRepository bindings;
    private final GroupAccess access;
    private final CurrentUser currentUser;
    private final ClusterCatalog clusters;
    private final TopicRuleCatalog topicRules;

    InstanceAdministration(InstanceService service, MysqlInstanceRepository instances,
            InstanceBindingRepository bindings, GroupAccess access, CurrentUser currentUser, ClusterCatalog clusters,
            TopicRuleCatalog topicRules) {
        this.service = service;
        this.instances = instances;
        this.bindings = bindings;
        this.access = access;
        this.currentUser = currentUser;
        this.clusters = clusters;
        this.topicRules = topicRules;
    }

    public record InstanceView(String id, String group, String groupId, String cluster, String host, int port,
            long slaveId, InstanceStatus status, DumpState dumpState, String dbsOrderId, String dbsOrderUrl,
            String requestedBy, String statusActor, String statusReason, Instant createdAt, Instant updatedAt) {
    }

    public record Registered(List<InstanceView> instances) {
    }

    /** A binding with what a person needs to read it: the instance's address and the rule's topic and name. */
    public record BindingView(String instanceId, String host, int port, String topicRuleId, String topic,
            String ruleName, String storageType, String convertClass, Instant createdAt) {
    }

    public record Bindings(String instanceId, List<BindingView> bindings) {
    }

    @Transactional(readOnly = true)
    public PageResponse<InstanceView> listOfGroup(String groupName, String host, InstanceStatus status, Integer page,
            Integer size) {
        GroupRef group = access.requireMember(groupName);
        Pageable pageable = Paging.of(page, size, BY_HOST);
        return views(instances.findAll(filter(host, status).and(MysqlInstanceRepository.inGroups(Set.of(group.id()))),
                pageable));
    }

    /** Across every group the caller belongs to (all groups for a super admin). */
    @Transactional(readOnly = true)
    public PageResponse<InstanceView> search(String host, InstanceStatus status, Integer page, Integer size) {
        Pageable pageable = Paging.of(page, size, BY_HOST);
        GroupScope scope = access.visibleGroups();
        if (!scope.all() && scope.groupIds().isEmpty()) {
            return views(Page.empty(pageable));
        }
        Specification<MysqlInstance> spec = filter(host, status);
        if (!scope.all()) {
            spec = spec.and(MysqlInstanceRepository.inGroups(scope.groupIds()));
        }
        return views(instances.findAll(spec, pageable));
    }

    /**
     * Registers every "host:port" line on the cluster in one transaction: all or none. Blank lines are ignored,
     * repeated lines (in any spelling of the host) count once, two ports of one host are two instances.
     */
    public Registered register(String groupName, String clusterKeyword, List<String> lines) {
        GroupRef group = access.requireAdmin(groupName);
        Map<String, HostPort> wanted = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            Optional<HostPort> hp = HostPort.parse(line);
            if (hp.isPresent()) {
                wanted.putIfAbsent(hp.get().id(), hp.get());
            } else {
                bad.add(line);
            }
        }
        if (!bad.isEmpty()) {
            throw new TowerException(ErrorCode.VALIDATION_FAILED, "Not host:port (host name or IPv4, port 1..65535): "
                    + String.join(", ", bad), Map.of("fields", Map.of("hosts", "lines that are not host:port"),
                    "badLines", bad));
        }
        if (wanted.isEmpty()) {
            throw new TowerException(ErrorCode.VALIDATION_FAILED, "Give at least one host:port.",
                    Map.of("fields", Map.of("hosts", "at least one host:port is required")));
        }
        if (clusters.find(clusterKeyword).isEmpty()) {
            throw TowerException.notFound(ErrorCode.CLUSTER_NOT_FOUND, clusterKeyword);
        }
        refuseRegistered(group, wanted);
        String requestedBy = currentUser.id();
        List<InstanceSpec> created = wanted.values().stream()
                .map(hp -> service.register(group.id(), clusterKeyword, hp.host(), hp.port(), requestedBy)).toList();
        Map<String, String> names = Map.of(group.id(), group.name());
        return new Registered(created.stream().map(i -> view(i, names)).toList());
    }

    @Transactional(readOnly = true)
    public InstanceView get(String instanceId) {
        InstanceSpec i = readable(instanceId);
        return view(i, Map.of(i.groupId(), access.byId(i.groupId()).name()));
    }

    public void delete(String instanceId) {
        InstanceSpec i = writable(instanceId);
        service.delete(i.id(), currentUser.id());
    }

    @Transactional(readOnly = true)
    public PageResponse<BindingView> bindings(String instanceId, Integer page, Integer size) {
        InstanceSpec i = readable(instanceId);
        Page<InstanceBinding> found = bindings.findByInstanceId(i.id(), Paging.of(page, size, Sort.by("topicRuleId")));
        Map<String, TopicRuleSpec> rules = rules(found.getContent().stream().map(InstanceBinding::topicRuleId).toList());
        return PageResponse.of(found, b -> bindingView(b.instanceId(), i.host(), i.port(), b.topicRuleId(),
                b.storageType(), b.convertClass(), b.createdAt(), rules));
    }

    public Bindings replaceBindings(String instanceId, List<BindingRequest> wanted) {
        InstanceSpec i = writable(instanceId);
        List<BindingSpec> now = service.replaceBindings(i.id(), wanted);
        return new Bindings(i.id(), bindingViews(now, Map.of(i.id(), i)));
    }

    public void unbind(String instanceId, String topicRuleId) {
        InstanceSpec i = writable(instanceId);
        service.unbind(i.id(), topicRuleId);
    }

    /**
     * Binds every given instance of the group to every given topic rule of the group (item 29). Idempotent: a pair
     * bound already keeps its binding, with the storage type and converter of this call.
     */
    public List<BindingView> bindMany(String groupName, List<String> instanceIds, List<String> topicRuleIds,
            String storageType, String convertClass) {
        GroupRef group = access.requireAdmin(groupName);
        String storage = InstanceService.storageType(storageType);
        String converter = InstanceService.convertClass(convertClass);
        Map<String, InstanceSpec> members = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(instanceIds)) {
            InstanceSpec i = service.find(id)
                    .orElseThrow(() -> TowerException.notFound(ErrorCode.INSTANCE_NOT_FOUND, id));
            if (!i.groupId().equals(group.id())) {
                throw new TowerException(ErrorCode.INSTANCE_IN_OTHER_GROUP, "Instance " + i.hostPort()
                        + " does not belong to group " + group.name() + ".", Map.of("instanceId", id));
            }
            members.put(id, i);
        }
        Set<String> ruleIds = new LinkedHashSet<>(topicRuleIds);
        Map<String, TopicRuleSpec> rules = rules(ruleIds);
        for (String ruleId : ruleIds) {
            TopicRuleSpec rule = rules.get(ruleId);
            if (rule == null) {
                throw TowerException.notFound(ErrorCode.TOPIC_RULE_NOT_FOUND, ruleId);
            }
            if (!rule.groupId().equals(group.id())) {
                throw new TowerException(ErrorCode.INSTANCE_IN_OTHER_GROUP, "Topic rule " + rule.topic()
                        + " does not belong to group " + group.name() + ".", Map.of("topicRuleId", ruleId));
            }
        }
        List<BindingSpec> bound = new ArrayList<>();
        for (String instanceId : members.keySet()) {
            for (String ruleId : ruleIds) {
                bound.add(service.bind(instanceId, ruleId, storage, converter));
            }
        }
        return bindingViews(bound, members);
    }

    /** The bindings of a group's instances, filtered by host (item 28). */
    @Transactional(readOnly = true)
    public PageResponse<BindingView> bindingsOfGroup(String groupName, String host, Integer page, Integer size) {
        GroupRef group = access.requireMember(groupName);
        Pageable pageable = Paging.of(page, size, Sort.unsorted());
        Page<Object[]> found = bindings.findByGroup(group.id(), Paging.likeContains(host), pageable);
        Map<String, TopicRuleSpec> rules = rules(found.getContent().stream()
                .map(row -> ((InstanceBinding) row[0]).topicRuleId()).toList());
        return PageResponse.of(found, row -> {
            InstanceBinding b = (InstanceBinding) row[0];
            MysqlInstance i = (MysqlInstance) row[1];
            return bindingView(b.instanceId(), i.host(), i.port(), b.topicRuleId(), b.storageType(), b.convertClass(),
                    b.createdAt(), rules);
        });
    }

    private void refuseRegistered(GroupRef group, Map<String, HostPort> wanted) {
        List<MysqlInstance> live = instances.findByIdIn(wanted.keySet()).stream()
                .filter(i -> i.status() != InstanceStatus.removed).toList();
        if (live.isEmpty()) {
            return;
        }
        List<String> taken = live.stream().map(MysqlInstance::hostPort).sorted().toList();
        boolean elsewhere = live.stream().anyMatch(i -> !i.groupId().equals(group.id()));
        // The other group's name is not told: the caller may not be a member of it.
        throw new TowerException(elsewhere ? ErrorCode.INSTANCE_IN_OTHER_GROUP : ErrorCode.INSTANCE_EXISTS,
                (elsewhere ? "Registered already, some in another group: " : "Registered already: ")
                        + String.join(", ", taken), Map.of("existing", taken));
    }

    private InstanceSpec readable(String instanceId) {
        InstanceSpec i = service.find(instanceId)
                .orElseThrow(() -> TowerException.notFound(ErrorCode.INSTANCE_NOT_FOUND, instanceId));
        access.requireMemberById(i.groupId());
        return i;
    }

    private InstanceSpec writable(String instanceId) {
        InstanceSpec i = service.find(instanceId)
                .orElseThrow(() -> TowerException.notFound(ErrorCode.INSTANCE_NOT_FOUND, instanceId));
        access.requireAdminById(i.groupId());
        return i;
    }

    private static Specification<MysqlInstance> filter(String host, InstanceStatus status) {
        return MysqlInstanceRepository.hostLike(Paging.likeContains(host)).and(MysqlInstanceRepository.inStatus(status));
    }

    private PageResponse<InstanceView> views(Page<MysqlInstance> page) {
        Map<String, String> names = new HashMap<>();
        page.getContent().forEach(i -> names.computeIfAbsent(i.groupId(), id -> access.byId(id).name()));
        return PageResponse.of(page, i -> view(InstanceSpec.of(i), names));
    }

    private static InstanceView view(InstanceSpec i, Map<String, String> groupNames) {
        return new InstanceView(i.id(), groupNames.get(i.groupId()), i.groupId(), i.clusterKeyword(), i.host(),
                i.port(), i.slaveId(), i.status(), i.dumpState(), i.dbsOrderId(), i.dbsOrderUrl(), i.requestedBy(),
                i.statusActor(), i.statusReason(), i.createdAt(), i.updatedAt());
    }

    private List<BindingView> bindingViews(List<BindingSpec> specs, Map<String, InstanceSpec> instancesById) {
        Map<String, TopicRuleSpec> rules = rules(specs.stream().map(BindingSpec::topicRuleId).toList());
        Map<String, Instant> created = bindings.findAllById(specs.stream()
                        .map(s -> Ids.binding(s.instanceId(), s.topicRuleId())).toList()).stream()
                .collect(Collectors.toMap(InstanceBinding::id, InstanceBinding::createdAt));
        return specs.stream().map(s -> {
            InstanceSpec i = instancesById.get(s.instanceId());
            return bindingView(s.instanceId(), i.host(), i.port(), s.topicRuleId(), s.storageType(), s.convertClass(),
                    created.get(Ids.binding(s.instanceId(), s.topicRuleId())), rules);
        }).toList();
    }

    private static BindingView bindingView(String instanceId, String host, int port, String ruleId, String storage,
            String converter, Instant createdAt, Map<String, TopicRuleSpec> rules) {
        TopicRuleSpec rule = rules.get(ruleId);
        return new BindingView(instanceId, host, port, ruleId, rule == null ? null : rule.topic(),
                rule == null ? null : rule.name(), storage, converter, createdAt);
    }

    private Map<String, TopicRuleSpec> rules(Collection<String> ids) {
        return topicRules.byIds(ids).stream().collect(Collectors.toMap(TopicRuleSpec::id, Function.identity()));
    }
}
