package io.binlake.tower.security;

import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is calling, as Spring Security authenticated them. Group roles are the group module's business. */
@Component
public class CurrentUser {

    public String id() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a.getName() == null || "anonymousUser".equals(a.getName())) {
            throw new TowerException(ErrorCode.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED.description());
        }
        return a.getName();
    }

    public boolean isSuperAdmin() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getAuthorities().stream()
                .anyMatch(g -> CamundaIdentityAuthenticationProvider.SUPER_ADMIN.equals(g.getAuthority()));
    }

    /** Camunda group ids of the caller (authorities GROUP_x). */
    public List<String> camundaGroups() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null) {
            return List.of();
        }
        return a.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(s -> s.startsWith("GROUP_"))
                .map(s -> s.substring("GROUP_".length())).toList();
    }

    public void requireSuperAdmin() {
        if (!isSuperAdmin()) {
            throw new TowerException(ErrorCode.FORBIDDEN, "Only a super admin may do this.");
        }
    }
}
