package io.binlake.tower.group;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Keeps a Tower group's administrators (creator + admins) as a Camunda group, the candidate group of its approval
 * tasks, so Tasklist shows an approver only the tasks of groups they administer.
 */
@Component
class ApproverGroups {
    static final String TYPE = "tower-approvers";
    private final IdentityService identityService;

    ApproverGroups(IdentityService identityService) {
        this.identityService = identityService;
    }

    static String camundaGroupId(String groupName) {
        return "tower-group-" + groupName + "-admins";
    }

    void create(String groupName) {
        String id = camundaGroupId(groupName);
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group g = identityService.newGroup(id);
            g.setName("Approvers of Tower group " + groupName);
            g.setType(TYPE);
            identityService.saveGroup(g);
        }
    }

    void delete(String groupName) {
        identityService.deleteGroup(camundaGroupId(groupName));
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
