package org.dqms.department;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.dqms.platform.web.FormErrors;

/** The form that closes a department on one date, e.g. a public holiday, with the reason patients see. */
record ClosingForm(String date, String reason) {

    static final int MAX_REASON = 200;

    static ClosingForm blank() {
        return new ClosingForm("", "");
    }

    /** The date, or null after recording in {@code errors} what is wrong with date or reason. */
    LocalDate closedOn(FormErrors errors) {
        LocalDate parsed = null;
        try {
            parsed = LocalDate.parse(date == null ? "" : date.strip());
        } catch (DateTimeParseException e) {
            errors.reject("date", "admin.closed.error.date");
        }
        if (reason != null && reason.strip().length() > MAX_REASON) {
            errors.reject("reason", "admin.error.tooLong", MAX_REASON);
        }
        return errors.any() ? null : parsed;
    }
}
