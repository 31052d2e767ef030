package org.dqms.appointment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ConflictException;
import org.dqms.platform.PageController;
import org.dqms.platform.UnprocessableException;
import org.dqms.queue.AppointmentCheckIns;
import org.dqms.queue.LiveToken;
import org.dqms.queue.QueueSnapshots;
import org.dqms.security.Caller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page the manage link opens: the appointment, its history, and while it is booked, reschedule,
 * cancel and "I have arrived" (from the appointment's day; before, when it will be offered). Each
 * action posts and comes back here (post, redirect, get) with the outcome as a message key in
 * {@code ?msg=}; whoever holds the link may act, as with the API.
 */
@PageController
class ManagePageController {

    /** One history line: when, what happened, and the times it concerns, as the department's clock reads. */
    record Line(String at, String kind, String from, String to) {}

    private final BookingService bookings;
    private final CheckInService checkIns;
    private final BookingPlanService plans;
    private final SlotChoices choices;
    private final AppointmentViews views;
    private final DoctorService doctors;
    private final AppointmentCheckIns queue;
    private final QueueSnapshots snapshots;
    private final Clock clock;

    ManagePageController(
            BookingService bookings,
            CheckInService checkIns,
            BookingPlanService plans,
            SlotChoices choices,
            AppointmentViews views,
            DoctorService doctors,
            AppointmentCheckIns queue,
            QueueSnapshots snapshots,
            Clock clock) {
        this.bookings = bookings;
        this.checkIns = checkIns;
        this.plans = plans;
        this.choices = choices;
        this.views = views;
        this.doctors = doctors;
        this.queue = queue;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @GetMapping("/a/{publicId}")
    String page(
            @PathVariable UUID publicId,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(required = false) String msg,
            Locale locale,
            Model model) {
        Appointment appointment = bookings.find(publicId);
        Appointment.State a = appointment.state();
        BookingPlan plan = plans.get(a.planId());
        Department department = choices.department(plan);
        ZoneId zone = department.timeZone();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale);
        model.addAttribute("a", a);
        model.addAttribute("department", department);
        model.addAttribute(
                "doctor",
                a.doctorId() == null
                        ? null
                        : doctors.find(a.doctorId()).map(Doctor::name).orElse(null));
        model.addAttribute("day", day.format(a.startsAt().atZone(zone)));
        model.addAttribute("time", SlotChoices.TIME.format(a.startsAt().atZone(zone)));
        model.addAttribute("history", history(views.forPatient(appointment).history(), zone, locale));
        model.addAttribute("msg", PageRefusals.shown(msg));
        Instant checkInOpens = checkIns.opensAt(a, zone);
        model.addAttribute(
                "checkInOpensAt",
                clock.instant().isBefore(checkInOpens)
                        ? day.format(checkInOpens.atZone(zone)) + ", "
                                + SlotChoices.TIME.format(checkInOpens.atZone(zone))
                        : null);
        // Closed since the booking (a closed date, shorter hours): the patient should move or cancel it.
        model.addAttribute("closedThen", !department.isOpen(a.startsAt()));
        // A doctor who left the department offers no other time; the page says what happens instead.
        boolean doctorLeft = !plans.offersSlots(plan);
        model.addAttribute("doctorLeft", doctorLeft);
        if (a.status() == AppointmentStatus.BOOKED && !doctorLeft) {
            LocalDate shown = choices.dateOrToday(
                    plan, date == null ? a.startsAt().atZone(zone).toLocalDate() : date);
            model.addAttribute("days", choices.days(plan, shown, locale, d -> "/a/" + publicId + "?date=" + d));
            model.addAttribute("slots", choices.slots(plan, shown, a.startsAt()));
        }
        if (a.tokenId() != null) {
            LiveToken token = snapshots
                    .snapshot(a.departmentId(), Set.of(a.tokenId()))
                    .tokens()
                    .get(a.tokenId());
            model.addAttribute("tokenNumber", token == null ? null : token.number());
            model.addAttribute(
                    "tokenLink", queue.link(a.tokenId()).map(l -> "/t/" + l).orElse(null));
        }
        return "appointments/manage";
    }

    @PostMapping("/a/{publicId}/reschedule")
    String reschedule(Caller caller, @PathVariable UUID publicId, @RequestParam(defaultValue = "") String startsAt) {
        Instant slot;
        try {
            slot = Instant.parse(startsAt.strip());
        } catch (DateTimeParseException e) {
            return back(publicId, "appt.error.slot");
        }
        return act(publicId, "appt.done.rescheduled", () -> bookings.reschedule(caller.actor(), publicId, slot));
    }

    @PostMapping("/a/{publicId}/cancel")
    String cancel(Caller caller, @PathVariable UUID publicId) {
        return act(publicId, "appt.done.cancelled", () -> bookings.cancel(caller.actor(), publicId, null));
    }

    @PostMapping("/a/{publicId}/check-in")
    String checkIn(Caller caller, @PathVariable UUID publicId) {
        return act(publicId, "appt.done.checked-in", () -> checkIns.checkIn(caller.actor(), publicId));
    }

    private String act(UUID publicId, String done, Runnable action) {
        try {
            action.run();
            return back(publicId, done);
        } catch (ConflictException e) {
            return back(publicId, PageRefusals.of(e));
        } catch (UnprocessableException e) {
            return back(publicId, PageRefusals.of(e));
        }
    }

    private static List<Line> history(List<AppointmentView.HistoryLine> lines, ZoneId zone, Locale locale) {
        DateTimeFormatter at = DateTimeFormatter.ofPattern("d MMM HH:mm", locale);
        return lines.stream()
                .map(c -> new Line(
                        at.format(c.at().atZone(zone)),
                        c.from() == null ? "booked" : c.from() == c.to() ? "rescheduled" : c.to().name(),
                        c.fromStartsAt() == null
                                ? ""
                                : at.format(c.fromStartsAt().atZone(zone)),
                        at.format(c.toStartsAt().atZone(zone))))
                .toList();
    }

    private static String back(UUID publicId, String message) {
        return "redirect:/a/" + publicId + "?msg=" + message;
    }
}
