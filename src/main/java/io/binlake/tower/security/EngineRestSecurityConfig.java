package io.binlake.tower.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class EngineRestSecurityConfig {
    /** Runs after Spring Security's chain (which rejects anonymous callers first). */
    @Bean
    FilterRegistrationBean<EngineRestAuthenticationFilter> engineRestAuthentication(IdentityService identityService,
            CurrentUser currentUser, SecurityProperties properties) {
        var registration = new FilterRegistrationBean<>(new EngineRestAuthenticationFilter(identityService, currentUser,
                properties.superAdminGroup()));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setName("towerEngineRestAuthentication");
        return registration;
    }
}
