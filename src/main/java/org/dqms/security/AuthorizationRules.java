package org.dqms.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call what, one rule per group of endpoints, first match wins. What the role of a
 * signed-in user allows comes from the {@code role} claim as the authority {@code ROLE_<role>}.
 * The queue API does not check roles yet (docs/SECURITY.md, "Status").
 */
final class AuthorizationRules {

    private AuthorizationRules() {}

    static void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules
                // The request body is the credential: a password or a refresh token.
                .requestMatchers(
                        HttpMethod.POST,
                        "/api/v1/auth/sign-in",
                        "/api/v1/auth/sign-up",
                        "/api/v1/auth/refresh",
                        "/api/v1/auth/sign-out")
                .permitAll()
                .requestMatchers("/api/v1/auth/me")
                .authenticated()
                // Departments, doctors, tokens and queues: open to every caller, as before sign-in existed.
                .requestMatchers("/api/v1/**")
                .permitAll()
                // Probes and metrics for load balancers and collectors; keep /actuator off public networks.
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                .permitAll()
                // Endpoints an operator adds to management.endpoints.web.exposure.include.
                .requestMatchers("/actuator/**")
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .requestMatchers("/error")
                .permitAll()
                // Anything else (a page, say) exists only once it has a rule above.
                .anyRequest()
                .denyAll();
    }
}
