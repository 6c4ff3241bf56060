package io.binlake.tower.testsupport;

import io.binlake.tower.security.SuperAdmin;
import io.binlake.tower.security.SuperAdminRepository;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Creates real users in Camunda's identity store (the one store the API authenticates against). */
public class TestUsers {
    private final IdentityService identityService;
    private final SuperAdminRepository superAdmins;

    public TestUsers(IdentityService identityService, SuperAdminRepository superAdmins) {
        this.identityService = identityService;
        this.superAdmins = superAdmins;
    }

    public static String passwordOf(String userId) {
        return userId == null ? null : "pw-" + userId + "-secret";
    }

    /** A plain user with a known password. */
    public String user(String userId) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User u = identityService.newUser(userId);
            u.setFirstName(userId);
            u.setLastName("Test");
            u.setEmail(userId + "@example.com");
            u.setPassword(passwordOf(userId));
            identityService.saveUser(u);
        }
        return userId;
    }

    /** A Tower super admin (row in super_admin). */
    public String superAdmin(String userId) {
        user(userId);
        superAdmins.save(new SuperAdmin(userId));
        return userId;
    }
}
