package org.dqms.queue;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of a join, as a patient's phone, a kiosk or reception sends it.
 *
 * @param phone in E.164 form, e.g. {@code +919812345678}
 * @param channel WEB if left out
 * @param priority NORMAL if left out
 * @param language the language of the messages to the patient ({@code en}, {@code hi}); the
 *     deployment's default language if left out
 */
record JoinRequest(
        @NotBlank @Size(max = 120) String patientName,

        @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be in E.164 form, e.g. +919812345678")
        String phone,

        @Email @Size(max = 254) String email,
        @Positive Long preferredDoctorId,
        Channel channel,
        Priority priority,
        @Size(max = 3) java.util.List<@NotNull NotifyChannel> notifications,
        @Size(max = 8) String language) {

    JoinCommand toCommand() {
        return new JoinCommand(patientName, new PhoneNumber(phone), email, preferredDoctorId, channel, priority)
                .notifiedOn(notifications == null ? java.util.Set.of() : java.util.Set.copyOf(notifications))
                .inLanguage(language == null || language.isBlank() ? null : language.strip());
    }
}
