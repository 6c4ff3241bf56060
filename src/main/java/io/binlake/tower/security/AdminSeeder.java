package io.binlake.tower.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The local profile's first super admin: created once with a random password that is printed at start, so nobody
 * runs with a default password. Production seeds nobody (Camunda's admin setup page creates the first admin).
 */
@Component
@ConditionalOnProperty(name = "tower.local.seed-admin.enabled", havingValue = "true")
public class AdminSeeder {
    private static final Logger log = LoggerFactory.getLogger(AdminSeeder.class);
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final SuperAdminRepository superAdmins;
    private final SecurityProperties properties;
    private final String userId;

    public AdminSeeder(IdentityService identityService, AuthorizationService authorizationService,
            SuperAdminRepository superAdmins, SecurityProperties properties,
            org.springframework.core.env.Environment env) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.superAdmins = superAdmins;
        this.properties = properties;
        this.userId = env.getProperty("tower.local.seed-admin.user-id", "admin");
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void seed() {
        ensureAdminGroup(identityService, authorizationService, properties.superAdminGroup());
        if (identityService.createUserQuery().userId(userId).count() > 0) {
            log.info("Local admin '{}' exists already (its password was printed when it was created).", userId);
            return;
        }
        byte[] raw = new byte[12];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        User user = identityService.newUser(userId);
        user.setFirstName("Tower");
        user.setLastName("Admin");
        user.setEmail(userId + "@localhost");
        user.setPassword(password);
        identityService.saveUser(user);
        identityService.createMembership(userId, properties.superAdminGroup());
        superAdmins.save(new SuperAdmin(userId));
        // Printed once, on purpose: the local profile is for one developer's machine.
        log.warn("\n\n  Local super admin created: user '{}' password '{}'\n  Cockpit: http://localhost:8080/camunda  "
                + "API: http://localhost:8080/api/v1  (HTTP Basic)\n", userId, password);
    }

    /** The Camunda admin group with every permission, as Camunda's own admin setup creates it. */
    public static void ensureAdminGroup(IdentityService identityService, AuthorizationService authorizationService,
            String groupId) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName("Tower super admins");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identityService.saveGroup(group);
        }
        for (Resource resource : Resources.values()) {
            if (authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
                    .resourceId(Authorization.ANY).count() == 0) {
                Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(groupId);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizationService.saveAuthorization(all);
            }
        }
    }
}
