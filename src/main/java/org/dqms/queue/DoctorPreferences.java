package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dqms.doctor.DoctorLeftDepartments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A patient may wait for one doctor, whom only that doctor calls. When the doctor no longer sees
 * the department, the patient would wait for ever while their position said they were next; so, in
 * the transaction that takes the department from the doctor, they become patients of the department
 * as a whole, keeping their place, with a history line that says why.
 */
@Component
class DoctorPreferences {

    private static final Logger log = LoggerFactory.getLogger(DoctorPreferences.class);

    private final TokenRepository tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DoctorPreferences(TokenRepository tokens, ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(DoctorLeftDepartments event) {
        Instant now = clock.instant();
        List<Token> waiting = tokens.lockPreferring(event.doctorId(), event.departmentIds());
        for (Token token : waiting) {
            token.releasePreference(event.actor(), now, releaseReason(event.doctorName()));
            tokens.save(token);
            token.drainEvents().forEach(events::publishEvent);
        }
        if (!waiting.isEmpty()) {
            log.info(
                    "{} patients waiting for doctor {} in departments {} may now be called by any of their doctors",
                    waiting.size(),
                    event.doctorId(),
                    event.departmentIds());
        }
    }

    /** The history line of a token whose doctor no longer sees its department. */
    static String releaseReason(String doctorName) {
        return doctorName + " no longer sees patients in this department; any of its doctors may call";
    }
}
