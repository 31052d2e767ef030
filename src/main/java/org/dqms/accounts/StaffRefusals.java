package org.dqms.accounts;

import org.dqms.platform.ConflictException;
import org.dqms.platform.web.FormErrors;

/**
 * Turns the accounts service's refusals ({@code "field: problem"} in English) into a message next to
 * the field in the visitor's language. A refusal this class does not know keeps the service's words.
 */
final class StaffRefusals {

    private StaffRefusals() {}

    static void invalid(IllegalArgumentException e, FormErrors errors) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(':');
        String field = colon < 0 ? FormErrors.FORM : message.substring(0, colon);
        String problem = colon < 0 ? message : message.substring(colon + 1).strip();
        switch (field) {
            case "password" -> errors.reject("password", passwordKey(problem), minLength(problem));
            case "email" -> errors.reject("email", "admin.user.error.email");
            case "name" -> errors.reject("name", "admin.user.error.name");
            case "departmentIds" -> errors.reject("departmentIds", "admin.user.error.departments");
            case "doctorId" -> errors.reject("doctorId", "admin.user.error.doctor");
            case "role" -> errors.reject("role", "admin.user.error.role");
            default -> errors.reject(FormErrors.FORM, "admin.error.other", problem);
        }
    }

    static void conflict(ConflictException e, FormErrors errors) {
        if ("doctorId".equals(e.properties().get("field"))) {
            errors.reject("doctorId", "admin.user.error.doctorTaken");
        } else {
            errors.reject("email", "admin.user.error.emailTaken");
        }
    }

    // PasswordPolicy names the rule a password breaks in these words; see PasswordPolicy.check.
    private static String passwordKey(String problem) {
        if (problem.startsWith("must be at least")) {
            return "admin.user.error.password.short";
        }
        if (problem.startsWith("must be at most")) {
            return "admin.user.error.password.long";
        }
        if (problem.contains("email or name")) {
            return "admin.user.error.password.personal";
        }
        return "admin.user.error.password.common";
    }

    private static String minLength(String problem) {
        String digits = problem.replaceAll("\\D+", " ").strip();
        return digits.isEmpty() ? "" : digits.split(" ")[0];
    }
}
