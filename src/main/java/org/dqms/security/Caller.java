package org.dqms.security;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.dqms.accounts.Role;
import org.dqms.platform.Actor;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as the access token says: what the ownership checks of the services and
 * controllers need, without a database read. Controllers take it (or just an {@link Actor}) as a
 * method parameter; see {@link #of(Jwt)} for how a token becomes one.
 *
 * @param userId the account's id; 0 for {@link #ANONYMOUS}
 * @param role null for {@link #ANONYMOUS}
 * @param departmentIds the departments of a {@link Role#RECEPTION} account; empty for others
 * @param doctorId the doctor record of a {@link Role#DOCTOR} account; null for others
 */
public record Caller(long userId, Role role, Set<Long> departmentIds, Long doctorId) {

    /** Somebody without a (valid) access token, e.g. a patient on the QR page. */
    public static final Caller ANONYMOUS = new Caller(0, null, Set.of(), null);

    public Caller {
        departmentIds = departmentIds == null ? Set.of() : Set.copyOf(departmentIds);
    }

    /** The caller an authenticated access token names; its claims were checked when it was decoded. */
    public static Caller of(Jwt token) {
        if (token == null) {
            return ANONYMOUS;
        }
        Set<Long> departments = token.getClaims().get(AccessTokens.DEPARTMENT_IDS) instanceof Collection<?> ids
                ? ids.stream().map(id -> Long.valueOf(id.toString())).collect(Collectors.toSet())
                : Set.of();
        Object doctor = token.getClaims().get(AccessTokens.DOCTOR_ID);
        return new Caller(
                Long.parseLong(token.getSubject()),
                Role.valueOf(token.getClaimAsString(AccessTokens.ROLE)),
                departments,
                doctor == null ? null : Long.valueOf(doctor.toString()));
    }

    public boolean anonymous() {
        return role == null;
    }

    public boolean is(Role wanted) {
        return role == wanted;
    }

    /** Reception of the department, or an administrator. */
    public boolean worksIn(long departmentId) {
        return is(Role.ADMIN) || (is(Role.RECEPTION) && departmentIds.contains(departmentId));
    }

    /** The doctor themselves. */
    public boolean isDoctor(long doctor) {
        return is(Role.DOCTOR) && doctorId != null && doctorId == doctor;
    }

    /**
     * Who acts, for the history: {@code patient:anonymous}, {@code patient:user-7}, {@code
     * staff:doctor-3} (by doctor record, as the queue names doctors) or {@code staff:user-2}.
     */
    public Actor actor() {
        if (anonymous()) {
            return Actor.patient("anonymous");
        }
        if (is(Role.PATIENT)) {
            return Actor.patient("user-" + userId);
        }
        if (is(Role.DOCTOR) && doctorId != null) {
            return Actor.staff("doctor-" + doctorId);
        }
        return Actor.staff("user-" + userId);
    }
}
