package io.binlake.tower.lifecycle;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.Paging;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.security.CurrentUser;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lifecycle's decisions through Tower's API, besides Tasklist and the engine REST API: an approver lists and
 * decides only the tasks of the groups they administer (and the DBA tasks if they are a DBA); super admins all.
 */
@Tag(name = "Approval tasks", description = "Decide onboarding approvals and DBA authorizations")
@RestController
@RequestMapping("/api/v1/tasks")
class ApprovalTaskController {
    private static final Set<String> DECISIONS = Set.of("agree", "oppose");
    private final TaskService tasks;
    private final CurrentUser currentUser;

    ApprovalTaskController(TaskService tasks, CurrentUser currentUser) {
        this.tasks = tasks;
        this.currentUser = currentUser;
    }

    record TaskView(String id, String name, String kind, String instanceId, String host, Object port, String group,
            String cluster, String topics, String filters, String requestedBy, String candidateGroup, Instant created) {
    }

    record DecisionBody(@NotNull String decision, @Size(max = 900) String comment) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    PageResponse<TaskView> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var pageable = Paging.of(page, size, org.springframework.data.domain.Sort.unsorted());
        TaskQuery query = tasks.createTaskQuery().processDefinitionKey(OnboardInstanceCommand.PROCESS_KEY).active();
        if (!currentUser.isSuperAdmin()) {
            List<String> groups = currentUser.camundaGroups();
            if (groups.isEmpty()) {
                return new PageResponse<>(List.of(), pageable.getPageNumber(), pageable.getPageSize(), 0);
            }
            query = query.taskCandidateGroupIn(groups);
        }
        long total = query.count();
        List<TaskView> items = query.orderByTaskCreateTime().asc()
                .listPage((int) pageable.getOffset(), pageable.getPageSize()).stream().map(this::view).toList();
        return new PageResponse<>(items, pageable.getPageNumber(), pageable.getPageSize(), total);
    }

    /** {"decision":"agree"|"oppose","comment":"..."}; on a DBA task agree authorizes the dump account. */
    @PostMapping("/{taskId}/decision")
    @Transactional
    TaskView decide(@PathVariable String taskId, @Valid @RequestBody DecisionBody body) {
        if (!DECISIONS.contains(body.decision())) {
            throw new TowerException(ErrorCode.VALIDATION_FAILED, "decision must be agree or oppose",
                    Map.of("fields", Map.of("decision", "must be agree or oppose")));
        }
        Task task = tasks.createTaskQuery().taskId(taskId).active().singleResult();
        if (task == null || !OnboardInstanceCommand.PROCESS_KEY.equals(processKey(task))) {
            throw TowerException.notFound(ErrorCode.TASK_NOT_FOUND, taskId);
        }
        String candidateGroup = candidateGroup(task.getId());
        if (!currentUser.isSuperAdmin() && (candidateGroup == null
                || !currentUser.camundaGroups().contains(candidateGroup))) {
            throw new TowerException(ErrorCode.FORBIDDEN, "This task belongs to group '" + candidateGroup
                    + "', which you are not in.");
        }
        TaskView view = view(task);
        Map<String, Object> variables = new HashMap<>();
        variables.put("comment", body.comment());
        if ("dbaDecision".equals(task.getTaskDefinitionKey())) {
            variables.put("authorization", "agree".equals(body.decision()) ? "authorize" : "reject");
            tasks.setVariableLocal(taskId, "dbsApprover", currentUser.id());
        } else {
            variables.put("decision", body.decision());
            tasks.setVariableLocal(taskId, "decidedBy", currentUser.id());
        }
        tasks.complete(taskId, variables);
        return view;
    }

    private TaskView view(Task t) {
        Map<String, Object> v = tasks.getVariables(t.getId());
        return new TaskView(t.getId(), t.getName(), t.getTaskDefinitionKey(), (String) v.get("instanceId"),
                (String) v.get("host"), v.get("port"), (String) v.get("group"), (String) v.get("cluster"),
                (String) v.get("topics"), (String) v.get("filters"), (String) v.get("requestedBy"),
                candidateGroup(t.getId()), t.getCreateTime() == null ? null : t.getCreateTime().toInstant());
    }

    private String candidateGroup(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).findFirst().orElse(null);
    }

    private static String processKey(Task task) {
        String definitionId = task.getProcessDefinitionId();
        return definitionId == null ? null : definitionId.split(":")[0];
    }
}
