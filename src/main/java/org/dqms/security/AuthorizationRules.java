package org.dqms.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call what, one rule per group of endpoints, first match wins: the request half of the
 * role × endpoint matrix in docs/SECURITY.md. What the role of a signed-in user allows comes from
 * the {@code role} claim as the authority {@code ROLE_<role>}. The other half, "own only" (reception
 * in its departments, a doctor on their own tokens, a patient on theirs), needs the token or doctor
 * at hand and is checked where it is loaded, with the {@link Caller}.
 */
final class AuthorizationRules {

    static final String PATIENT = "PATIENT";
    static final String RECEPTION = "RECEPTION";
    static final String DOCTOR = "DOCTOR";
    static final String ADMIN = "ADMIN";

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
                // What the QR page and the waiting-room screens show: open to everybody.
                .requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/departments",
                        "/api/v1/departments/{id}",
                        "/api/v1/departments/{id}/hours",
                        "/api/v1/doctors",
                        "/api/v1/doctors/{id}")
                .permitAll()
                // Live streams carry what the waiting room's screen shows; a token's stream is keyed by its link.
                .requestMatchers(HttpMethod.GET, "/api/v1/live/departments", "/api/v1/live/departments/{id}")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/live/tokens/{publicId}")
                .permitAll()
                // The capability link: its unguessable UUID is the credential of an anonymous patient.
                .requestMatchers(HttpMethod.GET, "/api/v1/tokens/by-link/{publicId}")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/tokens/by-link/{publicId}/cancel")
                .permitAll()
                // Joining from the QR page needs no account. The join itself refuses doctors, a priority
                // other than NORMAL from patients, and reception outside its departments.
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/{id}/tokens")
                .permitAll()
                // Booking needs no account, like joining; the manage link is the appointment's credential.
                .requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/booking-plans",
                        "/api/v1/booking-plans/{id}",
                        "/api/v1/booking-plans/{id}/slots",
                        "/api/v1/appointments/by-link/{publicId}",
                        "/api/v1/appointments/by-link/{publicId}/calendar.ics")
                .permitAll()
                .requestMatchers(
                        HttpMethod.POST,
                        "/api/v1/booking-plans/{id}/appointments",
                        "/api/v1/appointments/by-link/{publicId}/reschedule",
                        "/api/v1/appointments/by-link/{publicId}/cancel",
                        "/api/v1/appointments/by-link/{publicId}/check-in")
                .permitAll()
                // A department's day: its reception and doctors (checked on the call), administrators.
                .requestMatchers(HttpMethod.GET, "/api/v1/appointments")
                .hasAnyRole(RECEPTION, DOCTOR, ADMIN)
                .requestMatchers(
                        HttpMethod.POST,
                        "/api/v1/appointments/{id}/check-in",
                        "/api/v1/appointments/{id}/reschedule",
                        "/api/v1/appointments/{id}/cancel")
                .hasAnyRole(RECEPTION, ADMIN)
                // Which notification channels a join or booking may choose, for the clients' forms.
                .requestMatchers(HttpMethod.GET, "/api/v1/notifications/channels")
                .permitAll()
                // A patient's STOP through the SMS gateway: its HMAC signature is the credential.
                .requestMatchers(HttpMethod.POST, "/api/v1/notifications/inbound")
                .permitAll()
                // The caller's own tokens; staff hold none.
                .requestMatchers(HttpMethod.GET, "/api/v1/me/tokens")
                .authenticated()
                // Own doctor id only, checked on the call.
                .requestMatchers(HttpMethod.POST, "/api/v1/doctors/{id}/call-next")
                .hasAnyRole(DOCTOR, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/v1/departments/{id}/queue", "/api/v1/tokens")
                .hasAnyRole(RECEPTION, DOCTOR, ADMIN)
                // A token by its number: staff in scope or the patient who holds it.
                .requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/tokens/{id}",
                        "/api/v1/tokens/{id}/position",
                        "/api/v1/tokens/{id}/history")
                .authenticated()
                .requestMatchers(HttpMethod.POST, "/api/v1/tokens/{id}/cancel")
                .hasAnyRole(PATIENT, RECEPTION, ADMIN)
                .requestMatchers(
                        HttpMethod.POST,
                        "/api/v1/tokens/{id}/call",
                        "/api/v1/tokens/{id}/recall",
                        "/api/v1/tokens/{id}/start",
                        "/api/v1/tokens/{id}/complete",
                        "/api/v1/tokens/{id}/no-show",
                        "/api/v1/tokens/{id}/transfer")
                .hasAnyRole(RECEPTION, DOCTOR, ADMIN)
                // Everything else under /api/v1 is administration: departments, doctors, hours, duty,
                // staff accounts (/api/v1/users) and the audit log.
                .requestMatchers("/api/v1/**")
                .hasRole(ADMIN)
                // Probes and metrics for load balancers and collectors; keep /actuator off public networks.
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                .permitAll()
                // Endpoints an operator adds to management.endpoints.web.exposure.include.
                .requestMatchers("/actuator/**")
                .hasRole(ADMIN)
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .requestMatchers("/error")
                .permitAll()
                // Pages. What a patient and the waiting room see needs no account; the link of "my
                // token" is its credential, as in the API.
                .requestMatchers(
                        HttpMethod.GET,
                        "/",
                        "/join/{departmentId}",
                        "/t/{publicId}",
                        "/board",
                        "/board/{departmentId}",
                        "/departments/{id}/qr.svg",
                        "/departments/{id}/poster",
                        "/sign-in",
                        "/book/{departmentId}",
                        "/a/{publicId}",
                        "/css/**",
                        "/js/**",
                        "/favicon.svg")
                .permitAll()
                .requestMatchers(
                        HttpMethod.POST,
                        "/join/{departmentId}",
                        "/t/{publicId}/cancel",
                        "/sign-in",
                        "/book/{departmentId}",
                        "/a/{publicId}/reschedule",
                        "/a/{publicId}/cancel",
                        "/a/{publicId}/check-in")
                .permitAll()
                .requestMatchers("/reception", "/reception/**")
                .hasAnyRole(RECEPTION, ADMIN)
                .requestMatchers("/doctor", "/doctor/**")
                .hasRole(DOCTOR)
                .requestMatchers("/admin", "/admin/**")
                .hasRole(ADMIN)
                // Anything else (a page, say) exists only once it has a rule above.
                .anyRequest()
                .denyAll();
    }
}
