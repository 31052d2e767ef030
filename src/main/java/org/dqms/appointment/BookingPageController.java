package org.dqms.appointment;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.dqms.accounts.Role;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.PageController;
import org.dqms.platform.UnprocessableException;
import org.dqms.platform.web.FormInput;
import org.dqms.queue.NotifyChannel;
import org.dqms.queue.OfferedChannels;
import org.dqms.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The booking page: pick the department's or a doctor's plan, a day and a free slot, give a name
 * and mobile number, and land on the appointment's manage page (post, redirect, get). Works
 * without JavaScript: the plan and day pickers are links that reload the page.
 */
@PageController
class BookingPageController {

    static final String VIEW = "appointments/book";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final BookingPlanService plans;
    private final BookingService bookings;
    private final SlotChoices choices;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final OfferedChannels channels;

    BookingPageController(
            BookingPlanService plans,
            BookingService bookings,
            SlotChoices choices,
            DepartmentService departments,
            DoctorService doctors,
            OfferedChannels channels) {
        this.plans = plans;
        this.bookings = bookings;
        this.choices = choices;
        this.departments = departments;
        this.doctors = doctors;
        this.channels = channels;
    }

    /** What the form holds, as typed, and the reminder channels ticked. */
    record BookForm(String patientName, String phone, String email, String startsAt, Set<NotifyChannel> channels) {}

    /** A plan as the picker shows it: the department's own, or a doctor's by name. */
    record PlanChoice(long id, String doctorName, String href, boolean chosen) {}

    @GetMapping("/book/{departmentId}")
    String form(
            @PathVariable long departmentId,
            @RequestParam(required = false) Long plan,
            @RequestParam(required = false) LocalDate date,
            Locale locale,
            Model model) {
        return render(departmentId, plan, date, new BookForm("", "+91", "", "", Set.of()), locale, model);
    }

    @PostMapping("/book/{departmentId}")
    String book(
            Caller caller,
            @PathVariable long departmentId,
            @RequestParam(required = false) Long plan,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(defaultValue = "") String startsAt,
            @RequestParam(defaultValue = "") String patientName,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(required = false) List<NotifyChannel> notifications,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        BookForm form = new BookForm(
                patientName.strip(),
                FormInput.phone(phone),
                email.strip(),
                startsAt.strip(),
                Set.copyOf(FormInput.chosen(notifications)));
        BookingPlan chosen = plan(departmentId, plan);
        Instant slot = instant(form.startsAt());
        // The form carries the day the patient was looking at: a refused form shows that day again,
        // not the first bookable one.
        LocalDate shown = date != null || slot == null
                ? date
                : slot.atZone(choices.department(chosen).timeZone()).toLocalDate();
        String[] problem = problem(form, slot, channels.offers(form.channels()));
        if (problem != null) {
            render(departmentId, chosen.id(), shown, form, locale, model);
            return invalid(response, model, problem[0], problem[1]);
        }
        Long userId = caller.is(Role.PATIENT) ? caller.userId() : null;
        try {
            Appointment booked = bookings.book(
                    caller.actor(),
                    chosen.id(),
                    slot,
                    new BookingService.Booking(
                            form.patientName(),
                            form.phone(),
                            form.email().isEmpty() ? null : form.email(),
                            userId,
                            form.channels()));
            return "redirect:/a/" + booked.state().publicId();
        } catch (ConflictException e) {
            render(departmentId, chosen.id(), shown, form, locale, model);
            return refused(response, model, HttpStatus.CONFLICT, PageRefusals.of(e));
        } catch (IllegalArgumentException e) {
            render(departmentId, chosen.id(), shown, form, locale, model);
            return invalid(response, model, "email", "appt.error.email-needed");
        } catch (UnprocessableException e) {
            render(departmentId, chosen.id(), shown, form, locale, model);
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, PageRefusals.of(e));
        }
    }

    private static String refused(HttpServletResponse response, Model model, HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAttribute("refusal", message);
        return VIEW;
    }

    /**
     * Only plans that offer slots are shown; a link to the plan of a doctor who has left the
     * department shows the first of them, so the patient picks another doctor.
     */
    private String render(long departmentId, Long planId, LocalDate date, BookForm form, Locale locale, Model model) {
        List<BookingPlan> offered = plans.offered(departmentId);
        Long asked = planId == null ? null : plan(departmentId, planId).id();
        BookingPlan plan = offered.stream()
                .filter(p -> asked == null || p.id() == asked)
                .findFirst()
                .orElse(offered.isEmpty() ? null : offered.get(0));
        model.addAttribute("department", departments.get(departmentId));
        model.addAttribute("form", form);
        model.addAttribute("offeredChannels", channels.all());
        model.addAttribute(
                "plans",
                offered.stream()
                        .map(p -> new PlanChoice(
                                p.id(),
                                p.doctorId() == null
                                        ? null
                                        : doctors.find(p.doctorId())
                                                .map(Doctor::name)
                                                .orElse(null),
                                "/book/" + departmentId + "?plan=" + p.id(),
                                plan != null && p.id() == plan.id()))
                        .toList());
        if (plan == null) {
            return VIEW;
        }
        LocalDate day = date == null ? choices.firstBookableDay(plan) : choices.dateOrToday(plan, date);
        model.addAttribute("plan", plan);
        model.addAttribute("date", day);
        model.addAttribute(
                "days",
                choices.days(plan, day, locale, d -> "/book/" + departmentId + "?plan=" + plan.id() + "&date=" + d));
        model.addAttribute("slots", choices.slots(plan, day, null));
        return VIEW;
    }

    private BookingPlan plan(long departmentId, Long planId) {
        if (planId == null) {
            return plans.offered(departmentId).stream()
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("Booking plan of department", departmentId));
        }
        BookingPlan plan = plans.get(planId);
        if (plan.departmentId() != departmentId) {
            throw new NotFoundException("Booking plan", planId);
        }
        return plan;
    }

    /** The first bad field and its message key; null when the form is fine. */
    private static String[] problem(BookForm form, Instant slot, boolean channelsOffered) {
        if (slot == null) {
            return new String[] {"startsAt", "appt.error.slot"};
        }
        if (form.patientName().isEmpty() || form.patientName().length() > 120) {
            return new String[] {"patientName", "appt.error.name"};
        }
        if (!E164.matcher(form.phone()).matches()) {
            return new String[] {"phone", "appt.error.phone"};
        }
        if (!form.email().isEmpty()
                && (!EMAIL.matcher(form.email()).matches() || form.email().length() > 254)) {
            return new String[] {"email", "appt.error.email"};
        }
        if (!channelsOffered) {
            // A page shown before a restart without that channel's sender, or a form the page did not make.
            return new String[] {"notifications", "appt.error.channel"};
        }
        return null;
    }

    private static Instant instant(String value) {
        try {
            return value.isEmpty() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String invalid(HttpServletResponse response, Model model, String field, String message) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("invalidField", field);
        model.addAttribute("invalidMessage", message);
        return VIEW;
    }
}
