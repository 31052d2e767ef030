package org.dqms.queue;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.validation.Errors;

/**
 * The reception desk's form for a walk-in patient, as typed. Its checks report message keys of
 * i18n/reception.properties, so each error shows next to its field in the desk's language. A
 * JavaBean, not a record: the form binds to it and renders from it.
 */
class WalkInForm {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    // Staff copy numbers as they are written down: "+91 98123-45678" is the same phone.
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");

    private String patientName = "";
    private String phone = "";
    private String email = "";
    private String priority = Priority.NORMAL.name();
    private String preferredDoctorId = "";

    /** Rejects each field that a join would refuse, with a message key. */
    void validate(Errors errors) {
        if (patientName == null || patientName.isBlank() || patientName.strip().length() > 120) {
            errors.rejectValue("patientName", "reception.error.name");
        }
        if (!E164.matcher(normalizedPhone()).matches()) {
            errors.rejectValue("phone", "reception.error.phone");
        }
        if (!blank(email)
                && (email.strip().length() > 254
                        || !EMAIL.matcher(email.strip()).matches())) {
            errors.rejectValue("email", "reception.error.email");
        }
        if (priority() == null) {
            errors.rejectValue("priority", "reception.error.priority");
        }
        if (!blank(preferredDoctorId) && doctorId() == null) {
            errors.rejectValue("preferredDoctorId", "reception.error.doctor");
        }
    }

    /** The join of a walk-in; only after {@link #validate} found nothing. */
    JoinCommand toCommand() {
        return new JoinCommand(
                patientName,
                new PhoneNumber(normalizedPhone()),
                blank(email) ? null : email.strip(),
                doctorId(),
                Channel.RECEPTION,
                priority());
    }

    private String normalizedPhone() {
        return phone == null ? "" : SEPARATORS.matcher(phone).replaceAll("");
    }

    private Priority priority() {
        if (blank(priority)) {
            return Priority.NORMAL;
        }
        try {
            return Priority.valueOf(priority.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Long doctorId() {
        if (blank(preferredDoctorId)) {
            return null;
        }
        try {
            long id = Long.parseLong(preferredDoctorId.strip());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public String getPatientName() {
        return patientName;
    }

    public void setPatientName(String patientName) {
        this.patientName = patientName;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getPreferredDoctorId() {
        return preferredDoctorId;
    }

    public void setPreferredDoctorId(String preferredDoctorId) {
        this.preferredDoctorId = preferredDoctorId;
    }
}
