package io.binlake.tower.group;

import io.binlake.tower.security.TasklistAccess;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Keeps a Tower group's administrators (creator + admins) as a Camunda group, the candidate group of its approval
 * tasks, so Tasklist shows an approver only the tasks of groups they administer.
 */
@Component
class ApproverGroups {
    static final String TYPE = "tower-approvers";
    private final IdentityService identityService;
    private final TasklistAccess tasklist;

    ApproverGroups(IdentityService identityService, TasklistAccess tasklist) {
        this.identityService = identityService;
        this.tasklist = tasklist;
    }

    static String camundaGroupId(String groupName) {
        return "tower-group-" + groupName + "-admins";
    }

    void create(String groupName) {
        tasklist.ensureGroup(camundaGroupId(groupName), "Approvers of Tower group " + groupName, TYPE);
    }

    void delete(String groupName) {
        tasklist.deleteGroup(camundaGroupId(groupName));
    }

    void grant(String groupName, String userId) {
        String id = camundaGroupId(groupName);
        create(groupName);
        if (identityService.createUserQuery().memberOfGroup(id).userId(userId).count() == 0) {
            identityService.createMembership(userId, id);
        }
    }

    void revoke(String groupName, String userId) {
        identityService.deleteMembership(userId, camundaGroupId(groupName));
    }
}
