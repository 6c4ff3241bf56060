package io.binlake.tower.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks logins against Camunda's identity service, the one store that Cockpit, Tasklist, the engine REST API and
 * Tower's API share. Authorities: GROUP_<camunda group id> for each group, ROLE_SUPER_ADMIN for super admins.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {
    public static final String SUPER_ADMIN = "ROLE_SUPER_ADMIN";
    private final IdentityService identityService;
    private final SuperAdminRepository superAdmins;
    private final SecurityProperties properties;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService, SuperAdminRepository superAdmins,
            SecurityProperties properties) {
        this.identityService = identityService;
        this.superAdmins = superAdmins;
        this.properties = properties;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null
                || !identityService.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities(userId));
    }

    List<GrantedAuthority> authorities(String userId) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        boolean superAdmin = superAdmins.existsById(userId);
        for (Group g : identityService.createGroupQuery().groupMember(userId).list()) {
            authorities.add(new SimpleGrantedAuthority("GROUP_" + g.getId()));
            superAdmin |= g.getId().equals(properties.superAdminGroup());
        }
        if (superAdmin) {
            authorities.add(new SimpleGrantedAuthority(SUPER_ADMIN));
        }
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
