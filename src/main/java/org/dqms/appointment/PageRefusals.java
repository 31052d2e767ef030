package org.dqms.appointment;

import java.util.Set;
import org.dqms.platform.ConflictException;
import org.dqms.platform.UnprocessableException;

/** The message keys under which the appointment pages explain a refusal in the visitor's language. */
final class PageRefusals {

    private static final Set<String> KNOWN = Set.of(
            "slot-full",
            "past-cutoff",
            "status",
            "closed",
            "full",
            "already-queued",
            "concurrent-change",
            "outside-hours",
            "walk-in-slot",
            "past",
            "beyond-horizon",
            "doctor-left",
            "too-early");

    private PageRefusals() {}

    static String of(ConflictException e) {
        return key(e.properties().get("reason"));
    }

    static String of(UnprocessableException e) {
        return key(e.properties().get("reason"));
    }

    /** A {@code ?msg=} key the page may show: only appointment keys, so a link cannot pick any text. */
    static String shown(String msg) {
        return msg != null && msg.matches("appt\\.[a-z.-]{1,60}") ? msg : null;
    }

    private static String key(Object reason) {
        return reason != null && KNOWN.contains(reason.toString()) ? "appt.refused." + reason : "appt.refused.other";
    }
}
