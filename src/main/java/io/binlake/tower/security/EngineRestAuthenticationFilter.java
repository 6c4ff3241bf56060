package io.binlake.tower.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the user Spring Security authenticated to the engine for the engine REST API, so Camunda's authorization
 * checks apply (an approver sees and completes only the tasks of the groups they administer).
 */
public class EngineRestAuthenticationFilter extends OncePerRequestFilter {
    private final IdentityService identityService;
    private final CurrentUser currentUser;
    private final String superAdminGroup;

    public EngineRestAuthenticationFilter(IdentityService identityService, CurrentUser currentUser,
            String superAdminGroup) {
        this.identityService = identityService;
        this.currentUser = currentUser;
        this.superAdminGroup = superAdminGroup;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        java.util.List<String> groups = new java.util.ArrayList<>(currentUser.camundaGroups());
        if (currentUser.isSuperAdmin() && !groups.contains(superAdminGroup)) {
            // A super admin from Tower's super_admin table has the engine's admin rights too.
            groups.add(superAdminGroup);
        }
        identityService.setAuthentication(currentUser.id(), groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
