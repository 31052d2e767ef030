package org.dqms.queue;

import java.util.Locale;
import java.util.Objects;
import org.dqms.platform.web.Languages;

/**
 * What a join asks for, checked: the patient, an optional doctor of their choice, how they came
 * and how urgent they are.
 *
 * @param email optional; blank means none
 * @param preferredDoctorId optional; must serve the department
 * @param channel WEB if null
 * @param priority NORMAL if null
 * @param patientUserId the account of a signed-in patient who joins for themselves, or null
 * @param notifications the channels the patient agreed to be notified on; EMAIL needs an email
 * @param language the language code messages to the patient are written in; null for the default
 */
record JoinCommand(
        String patientName,
        PhoneNumber phone,
        String email,
        Long preferredDoctorId,
        Channel channel,
        Priority priority,
        Long patientUserId,
        java.util.Set<NotifyChannel> notifications,
        String language) {

    /** A join that no patient account holds: anonymous, or by staff for a walk-in. */
    JoinCommand(
            String patientName,
            PhoneNumber phone,
            String email,
            Long preferredDoctorId,
            Channel channel,
            Priority priority) {
        this(patientName, phone, email, preferredDoctorId, channel, priority, null, java.util.Set.of(), null);
    }

    JoinCommand {
        if (patientName == null || patientName.isBlank()) {
            throw new IllegalArgumentException("patientName must not be blank");
        }
        patientName = patientName.strip();
        Objects.requireNonNull(phone, "phone");
        email = email == null || email.isBlank() ? null : email.strip();
        channel = channel == null ? Channel.WEB : channel;
        priority = priority == null ? Priority.NORMAL : priority;
        notifications = notifications == null ? java.util.Set.of() : java.util.Set.copyOf(notifications);
        if (notifications.contains(NotifyChannel.EMAIL) && email == null) {
            throw new IllegalArgumentException("notifications: EMAIL needs an email address");
        }
        if (language != null && !language.equals(Languages.supportedCode(Locale.forLanguageTag(language)))) {
            throw new IllegalArgumentException("language: " + language + " is not one of "
                    + Languages.SUPPORTED.stream().map(Locale::getLanguage).toList());
        }
    }

    /** The same join, notified on these channels. */
    JoinCommand notifiedOn(java.util.Set<NotifyChannel> channels) {
        return new JoinCommand(
                patientName, phone, email, preferredDoctorId, channel, priority, patientUserId, channels, language);
    }

    /** The same join, the patient's messages written in {@code code} (null for the default). */
    JoinCommand inLanguage(String code) {
        return new JoinCommand(
                patientName, phone, email, preferredDoctorId, channel, priority, patientUserId, notifications, code);
    }

    /** The same join, held by the patient account (none if null). */
    JoinCommand heldBy(Long userId) {
        return new JoinCommand(
                patientName, phone, email, preferredDoctorId, channel, priority, userId, notifications, language);
    }
}
