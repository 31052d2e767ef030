package org.dqms.appointment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dqms.appointment.Appointment.State;
import org.dqms.appointment.AppointmentEvents.AppointmentBooked;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.UnprocessableException;
import org.dqms.queue.OfferedChannels;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking, rescheduling and cancelling. A slot is taken with the locked counter in the same
 * transaction as the appointment, so a slot is never overbooked however many book it at once.
 */
@Service
class BookingService {

    /** A patient's booking. */
    /** @param notifications the channels for reminders; EMAIL needs an email */
    record Booking(
            String patientName,
            String phone,
            String email,
            Long userId,
            java.util.Set<org.dqms.queue.NotifyChannel> notifications) {

        Booking {
            notifications = notifications == null ? java.util.Set.of() : java.util.Set.copyOf(notifications);
            if (notifications.contains(org.dqms.queue.NotifyChannel.EMAIL) && (email == null || email.isBlank())) {
                throw new IllegalArgumentException("notifications: EMAIL needs an email address");
            }
        }

        Booking(String patientName, String phone, String email, Long userId) {
            this(patientName, phone, email, userId, java.util.Set.of());
        }
    }

    private final BookingPlanService plans;
    private final AppointmentRepository appointments;
    private final DepartmentService departments;
    private final AppointmentSettings settings;
    private final OfferedChannels channels;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BookingService(
            BookingPlanService plans,
            AppointmentRepository appointments,
            DepartmentService departments,
            AppointmentSettings settings,
            OfferedChannels channels,
            ApplicationEventPublisher events,
            Clock clock) {
        this.plans = plans;
        this.appointments = appointments;
        this.departments = departments;
        this.settings = settings;
        this.channels = channels;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The plan's slots on a local date of its department, with what is free; none for the plan of a
     * doctor who no longer sees patients there.
     */
    @Transactional(readOnly = true)
    List<Slot> slots(long planId, LocalDate date) {
        BookingPlan plan = plans.get(planId);
        if (!plans.offersSlots(plan)) {
            return List.of();
        }
        Department department = departments.get(plan.departmentId());
        List<Slot> none = SlotPlanner.slots(plan, department, date, Map.of());
        if (none.isEmpty()) {
            return none;
        }
        Map<Instant, Integer> booked = appointments.booked(
                planId, none.get(0).startsAt(), none.get(none.size() - 1).endsAt());
        return SlotPlanner.slots(plan, department, date, booked);
    }

    /**
     * Books the slot starting at {@code startsAt}. 400 for reminders on a channel this deployment
     * does not send on; 404 for an unknown plan; 422 for a time that is no slot in the opening hours,
     * is kept for walk-ins, is past or beyond the booking horizon; 409 when the slot is full or the
     * plan's doctor has left its department.
     */
    @Transactional
    Appointment book(Actor actor, long planId, Instant startsAt, Booking booking) {
        channels.require(booking.notifications());
        BookingPlan plan = plans.toBook(planId);
        Slot slot = bookableSlot(plan, startsAt);
        take(plan, slot);
        Instant now = clock.instant();
        long id = appointments.insert(
                new State(
                        0,
                        null,
                        plan.id(),
                        plan.departmentId(),
                        plan.doctorId(),
                        slot.startsAt(),
                        slot.endsAt(),
                        booking.patientName(),
                        booking.phone(),
                        booking.email(),
                        booking.userId(),
                        AppointmentStatus.BOOKED,
                        null,
                        null,
                        now,
                        0),
                booking.notifications());
        appointments.history(
                id,
                new Appointment.Change(
                        null, AppointmentStatus.BOOKED, null, slot.startsAt(), actor.label(), "booked", now));
        events.publishEvent(new AppointmentBooked(id, plan.departmentId(), slot.startsAt()));
        return appointments.find(id).orElseThrow();
    }

    /** The appointment a manage link names; 404 for none. */
    @Transactional(readOnly = true)
    Appointment find(UUID publicId) {
        return appointments.findByLink(publicId).orElseThrow(() -> new NotFoundException("Appointment", publicId));
    }

    @Transactional(readOnly = true)
    Appointment find(long id) {
        return appointments.find(id).orElseThrow(() -> new NotFoundException("Appointment", id));
    }

    /**
     * Through the manage link. 409 past the cut-off, for a full slot or when the plan's doctor has
     * left its department (the appointment stands; to move it, cancel and book again); 422 for a bad
     * slot.
     */
    @Transactional
    Appointment reschedule(Actor actor, UUID publicId, Instant startsAt) {
        return reschedule(actor, lockByLink(publicId), startsAt);
    }

    /** By reception; the same rules. */
    @Transactional
    Appointment reschedule(Actor actor, long id, Instant startsAt) {
        return reschedule(actor, lock(id), startsAt);
    }

    @Transactional
    Appointment cancel(Actor actor, UUID publicId, String reason) {
        return cancel(actor, lockByLink(publicId), reason);
    }

    @Transactional
    Appointment cancel(Actor actor, long id, String reason) {
        return cancel(actor, lock(id), reason);
    }

    private Appointment reschedule(Actor actor, Appointment appointment, Instant startsAt) {
        BookingPlan plan = plans.toBook(appointment.state().planId());
        Instant now = clock.instant();
        Instant previous = appointment.state().startsAt();
        Slot slot = bookableSlot(plan, startsAt);
        appointment.reschedule(slot.startsAt(), slot.endsAt(), actor, now, settings.changeCutoff());
        take(plan, slot);
        appointments.giveBack(plan.id(), previous);
        return stored(appointment);
    }

    private Appointment cancel(Actor actor, Appointment appointment, String reason) {
        appointment.cancel(actor, clock.instant(), settings.changeCutoff(), reason);
        appointments.giveBack(appointment.state().planId(), appointment.state().startsAt());
        return stored(appointment);
    }

    Appointment lockByLink(UUID publicId) {
        return appointments.lockByLink(publicId).orElseThrow(() -> new NotFoundException("Appointment", publicId));
    }

    Appointment lock(long id) {
        return appointments.lock(id).orElseThrow(() -> new NotFoundException("Appointment", id));
    }

    private Appointment stored(Appointment appointment) {
        List<Object> happened = appointment.drainEvents();
        if (!appointments.save(appointment)) {
            throw new ConflictException(
                    "Appointment changed meanwhile",
                    "Someone else changed this appointment at the same moment; load it again.",
                    Map.of("reason", "concurrent-change"));
        }
        happened.forEach(events::publishEvent);
        return appointments.find(appointment.state().id()).orElseThrow();
    }

    private void take(BookingPlan plan, Slot slot) {
        if (!appointments.takePlace(plan.id(), slot.startsAt(), slot.capacity())) {
            throw new ConflictException(
                    "Slot full",
                    "The slot at " + slot.startsAt() + " is fully booked; choose another.",
                    Map.of("reason", "slot-full", "startsAt", slot.startsAt().toString()));
        }
    }

    private Slot bookableSlot(BookingPlan plan, Instant startsAt) {
        Department department = departments.get(plan.departmentId());
        LocalDate date = startsAt.atZone(department.timeZone()).toLocalDate();
        Slot slot = SlotPlanner.slots(plan, department, date, Map.of()).stream()
                .filter(s -> s.startsAt().equals(startsAt))
                .findFirst()
                .orElseThrow(() -> refused(
                        "No such slot",
                        startsAt + " is not the start of a slot within " + department.name() + "'s opening hours.",
                        "outside-hours"));
        if (slot.forWalkIns()) {
            throw refused("Slot kept for walk-ins", "This slot is kept free for walk-in patients.", "walk-in-slot");
        }
        Instant now = clock.instant();
        if (!startsAt.isAfter(now)) {
            throw refused("Slot in the past", "The slot at " + startsAt + " has already begun.", "past");
        }
        LocalDate last = department.today(now).plusDays(plan.horizonDays() - 1L);
        if (date.isAfter(last)) {
            throw refused(
                    "Beyond the booking horizon",
                    "Bookings are open up to " + last + " (" + plan.horizonDays() + " days ahead).",
                    "beyond-horizon");
        }
        return slot;
    }

    private static UnprocessableException refused(String title, String detail, String reason) {
        return new UnprocessableException(title, detail, Map.of("reason", reason));
    }
}
