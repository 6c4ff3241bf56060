package io.binlake.tower.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.common.ApiError;
import io.binlake.tower.common.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything but health needs a login. The API and the engine REST API take HTTP Basic, checked against Camunda's
 * identity service. Cockpit/Tasklist under /camunda keep the webapp's own login, which checks the same store.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {
    /** Paths that authenticate on their own (DBS's callback carries a shared token, checked by its controller). */
    public static final String DBS_CALLBACK_PATH = "/api/v1/dbs/callback";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            ObjectMapper json) throws Exception {
        http.authenticationProvider(provider)
                .csrf(c -> c.ignoringRequestMatchers("/api/**", "/engine-rest/**", "/camunda/**"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(DBS_CALLBACK_PATH).permitAll()
                        // The webapp's own login form and session, backed by the same identity store.
                        .requestMatchers("/camunda/**", "/").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint(json)))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint(entryPoint(json))
                        .accessDeniedHandler((req, res, e) -> write(res, json, HttpServletResponse.SC_FORBIDDEN,
                                ErrorCode.FORBIDDEN)))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .formLogin(f -> f.disable());
        return http.build();
    }

    private static AuthenticationEntryPoint entryPoint(ObjectMapper json) {
        return (req, res, e) -> {
            res.setHeader("WWW-Authenticate", "Basic realm=\"tower\"");
            write(res, json, HttpServletResponse.SC_UNAUTHORIZED, ErrorCode.UNAUTHENTICATED);
        };
    }

    private static void write(HttpServletResponse res, ObjectMapper json, int status, ErrorCode code)
            throws IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(res.getOutputStream(), new ApiError(code.name(), code.description(), Map.of()));
    }
}
