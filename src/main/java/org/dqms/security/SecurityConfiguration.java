package org.dqms.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dqms.accounts.AccountService;
import org.dqms.platform.Deployment;
import org.dqms.platform.ServerOnly;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
@EnableWebSecurity
@EnableScheduling
@ServerOnly
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    // Swagger UI sets inline styles while it renders; its scripts still come from dqms only.
    static final String SWAGGER_UI_CONTENT_SECURITY_POLICY =
            CONTENT_SECURITY_POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");

    @Bean
    SigningKey signingKey(SecuritySettings settings, Deployment deployment) {
        return SigningKeys.resolve(settings, deployment);
    }

    @Bean
    AccessTokens accessTokens(SigningKey key, SecuritySettings settings, Clock clock) {
        return new AccessTokens(key, settings.accessTokenTtl(), clock);
    }

    @Bean
    JwtDecoder jwtDecoder(AccessTokens accessTokens) {
        return accessTokens.decoder();
    }

    @Bean
    SessionService sessionService(
            RefreshTokenRepository refreshTokens,
            AccountService accounts,
            AccessTokens accessTokens,
            SecuritySettings settings,
            Clock clock) {
        return new SessionService(refreshTokens, accounts, accessTokens, settings.refreshTokenTtl(), clock);
    }

    @Bean
    RefreshTokenSweep refreshTokenSweep(RefreshTokenRepository refreshTokens, Clock clock) {
        return new RefreshTokenSweep(refreshTokens, clock);
    }

    /**
     * No observation per security filter, authentication and authorization: every request already
     * has its {@code http.server.requests} timer, and the filter chain's observations cost a wrapper
     * and a timer update per filter on every request, a tenth of a position lookup's CPU, for
     * detail dqms exports nowhere. Failed sign-ins are counted and audited by dqms itself.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, with the same character rules checked without regular expressions. */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallCharacters::assignedAndNotControl);
        firewall.setAllowedHeaderValues(FirewallCharacters::assignedAndNotControlOrTab);
        firewall.setAllowedParameterNames(FirewallCharacters::assignedAndNotControl);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return SessionCookies.csrfTokens();
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, JwtDecoder decoder, SecuritySettings settings, CsrfTokenRepository csrfTokens) {
        AuthenticationEntryPoint entryPoint = Pages.entryPoint(new ProblemAuthenticationEntryPoint());
        AccessDeniedHandler accessDenied = Pages.accessDenied(new ProblemAccessDeniedHandler());
        if (settings.requireHttps()) {
            http.addFilterAfter(new HttpsOnlyFilter(), HeaderWriterFilter.class);
        }
        RequestMatcher csrfProtected = new AndRequestMatcher(
                SessionCookies.csrfProtected(),
                new NegatedRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/sign-in")));
        RequestMatcher swaggerUi = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
        return http.authorizeHttpRequests(AuthorizationRules::apply)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new CookieBearerTokenResolver(decoder))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roleClaimAsAuthority()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                // A forged cross-site request can carry cookies but never an Authorization header, so only
                // state-changing requests that the access cookie authenticates need a CSRF token here. The
                // API's sign-in needs none: it carries its own credential, as JSON that no cross-site form
                // can send. The sign-in page's form checks its own token (SignInFormToken).
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new DeferredCsrfTokenRequestHandler())
                        .csrfTokenRepository(csrfTokens)
                        // The CSRF token stays the same while the access cookie is renewed; sign-in
                        // replaces it (AuthController).
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy())
                        // Set last: the resource server exempts every request its token resolver finds a
                        // token in, and that includes the cookie.
                        .withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
                            @Override
                            public <O extends CsrfFilter> O postProcess(O filter) {
                                filter.setRequireCsrfProtectionMatcher(csrfProtected);
                                return filter;
                            }
                        }))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {})
                .cors(cors -> cors.configurationSource(cors(settings.corsAllowedOrigins())))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts ->
                                hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds()))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                swaggerUi,
                                new StaticHeadersWriter("Content-Security-Policy", SWAGGER_UI_CONTENT_SECURITY_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(swaggerUi),
                                new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY))))
                .build();
    }

    /** The {@code role} claim becomes the one authority {@code ROLE_<role>}; the name is the user id. */
    private static JwtAuthenticationConverter roleClaimAsAuthority() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(AccessTokens.ROLE);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    /**
     * Pages on the listed origins may call the API with a bearer token; without origins, every
     * cross-origin request to the API is refused (403). No cookies cross origins: a page elsewhere
     * cannot use the session cookies.
     */
    static CorsConfigurationSource cors(List<String> allowedOrigins) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(allowedOrigins);
        api.setAllowedMethods(List.of(
                HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.PUT.name(), HttpMethod.DELETE.name()));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        api.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate"));
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return source;
    }
}
