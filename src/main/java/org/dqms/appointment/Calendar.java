package org.dqms.appointment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An appointment as an iCalendar (RFC 5545) event, for the patient's calendar: times in UTC, text
 * escaped, lines folded at 75 octets and ended with CRLF. A rescheduled or cancelled appointment
 * keeps its UID and raises SEQUENCE, so calendars update the event instead of adding another.
 */
final class Calendar {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Calendar() {}

    static String event(Appointment.State a, String title, String location, String manageLink, Instant now) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//dqms//appointments//EN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + a.publicId() + "@dqms");
        line(ics, "SEQUENCE:" + a.version());
        line(ics, "DTSTAMP:" + UTC.format(now));
        line(ics, "DTSTART:" + UTC.format(a.startsAt()));
        line(ics, "DTEND:" + UTC.format(a.endsAt()));
        line(ics, "SUMMARY:" + escape(title));
        line(ics, "LOCATION:" + escape(location));
        line(ics, "DESCRIPTION:" + escape("Reschedule, cancel or check in: " + manageLink));
        line(ics, "URL:" + manageLink);
        line(ics, "STATUS:" + (a.status() == AppointmentStatus.CANCELLED ? "CANCELLED" : "CONFIRMED"));
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /** Appends a content line, folded so that no line is longer than 75 octets (UTF-8). */
    private static void line(StringBuilder ics, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                ics.append("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append("\r\n");
    }
}
