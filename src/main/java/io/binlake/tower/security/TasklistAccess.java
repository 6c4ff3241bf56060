package io.binlake.tower.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Approver groups (a Tower group's admins, the DBAs) need Tasklist itself; which tasks they see follows from the
 * engine's default authorizations for a task's candidate group.
 */
@Component
public class TasklistAccess {
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;

    public TasklistAccess(IdentityService identityService, AuthorizationService authorizationService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
    }

    /** Creates the Camunda group if missing and lets its members open Tasklist. */
    public void ensureGroup(String groupId, String name, String type) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group g = identityService.newGroup(groupId);
            g.setName(name);
            g.setType(type);
            identityService.saveGroup(g);
        }
        if (authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(Resources.APPLICATION)
                .resourceId("tasklist").count() == 0) {
            Authorization access = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            access.setGroupId(groupId);
            access.setResource(Resources.APPLICATION);
            access.setResourceId("tasklist");
            access.addPermission(Permissions.ACCESS);
            authorizationService.saveAuthorization(access);
        }
    }

    public void deleteGroup(String groupId) {
        authorizationService.createAuthorizationQuery().groupIdIn(groupId).list()
                .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
        identityService.deleteGroup(groupId);
    }
}
