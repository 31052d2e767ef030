package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.department.Department;
import org.dqms.platform.Actor;
import org.dqms.queue.AppointmentCheckIns;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** The appointment pages over plain HTTP: booking, its refusals, the manage page and reception's list. */
@IntegrationTest
@TestPropertySource(properties = {"DQMS_APPOINTMENT_CHANGE_CUTOFF=0m", "DQMS_APPOINTMENT_EARLY_WINDOW=4h"})
class AppointmentPagesTest {

    private static final Actor SETUP = Actor.staff("t");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    BookingPlanService plans;

    @Autowired
    BookingService bookings;

    @Autowired
    AppointmentCheckIns queue;

    @Autowired
    AccountService accounts;

    Department department;
    BookingPlan plan;
    PageSession patient;

    @BeforeEach
    void setUp() {
        department = new Hospital(context).department();
        plan = plans.create(department.id(), null, new PlanDetails(15, 2, 0, 14));
        patient = PageSession.anonymous(port);
    }

    /** Bookable slots still ahead: today's, or tomorrow's when today has too few left. */
    static List<Slot> upcoming(BookingService bookings, BookingPlan plan, Department department, int wanted) {
        LocalDate today = department.today(Instant.now());
        for (LocalDate date : List.of(today, today.plusDays(1))) {
            List<Slot> slots = bookings.slots(plan.id(), date).stream()
                    .filter(s -> !s.forWalkIns() && s.free() > 0)
                    .filter(s -> s.startsAt().isAfter(Instant.now().plusSeconds(120)))
                    .toList();
            if (slots.size() >= wanted) {
                return slots;
            }
        }
        throw new IllegalStateException("no upcoming slots");
    }

    /**
     * The booking page on the slot's own day: late in the evening the next free slots are
     * tomorrow's, and the page opens on today.
     */
    static String bookingPage(Department department, Slot slot) {
        return "/book/" + department.id() + "?date="
                + slot.startsAt().atZone(department.timeZone()).toLocalDate();
    }

    private Map<String, String> form(Slot slot, String phone) {
        return Map.of(
                "plan",
                String.valueOf(plan.id()),
                "startsAt",
                slot.startsAt().toString(),
                "patientName",
                "Meena Iyer",
                "phone",
                phone,
                "email",
                "");
    }

    private int booked(Slot slot) {
        return bookings
                .slots(plan.id(), slot.startsAt().atZone(department.timeZone()).toLocalDate())
                .stream()
                .filter(s -> s.startsAt().equals(slot.startsAt()))
                .findFirst()
                .orElseThrow()
                .booked();
    }

    private String book(Slot slot, String phone) {
        patient.get("/book/" + department.id());
        HttpResponse<String> response = patient.post("/book/" + department.id(), form(slot, phone));
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private UUID publicId(String location) {
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theBookingPageOpensOnTheFirstDayWithAFreeSlot() {
        Department small = new Hospital(context).department();
        BookingPlan oneAtATime = plans.create(small.id(), null, new PlanDetails(240, 1, 0, 14));
        LocalDate today = small.today(Instant.now());
        int n = 0;
        for (Slot slot : bookings.slots(oneAtATime.id(), today)) {
            if (slot.startsAt().isAfter(Instant.now())) {
                bookings.book(
                        SETUP,
                        oneAtATime.id(),
                        slot.startsAt(),
                        new BookingService.Booking(
                                "Full day " + n, "+91982220" + String.format("%04d", n++), null, null));
            }
        }
        Slot firstFree = bookings.slots(oneAtATime.id(), today.plusDays(1)).get(0);

        HttpResponse<String> page = patient.get("/book/" + small.id() + "?plan=" + oneAtATime.id());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + firstFree.startsAt() + "\"");
        HttpResponse<String> todayPage =
                patient.get("/book/" + small.id() + "?plan=" + oneAtATime.id() + "&date=" + today);
        assertThat(todayPage.body()).doesNotContain("value=\"" + firstFree.startsAt() + "\"");
    }

    @Test
    void bookingThroughTheFormRedirectsToTheManagePage() {
        Slot slot = upcoming(bookings, plan, department, 1).get(0);
        HttpResponse<String> page = patient.get(bookingPage(department, slot));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + slot.startsAt() + "\"");

        String location = book(slot, "+919811100001");

        assertThat(location).matches(".*/a/[0-9a-f-]{36}");
        Appointment.State booked = bookings.find(publicId(location)).state();
        assertThat(booked.startsAt()).isEqualTo(slot.startsAt());
        assertThat(booked.status()).isEqualTo(AppointmentStatus.BOOKED);
        HttpResponse<String> manage = patient.get(location);
        assertThat(manage.statusCode()).isEqualTo(200);
        assertThat(manage.body())
                .contains(department.name())
                .contains("/api/v1/appointments/by-link/" + booked.publicId() + "/calendar.ics")
                .contains("I have arrived");
    }

    @Test
    void aBadPhoneIsRefusedNextToTheFieldAndBooksNothing() {
        Slot slot = upcoming(bookings, plan, department, 1).get(0);
        patient.get("/book/" + department.id());

        HttpResponse<String> response = patient.post("/book/" + department.id(), form(slot, "98111"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("id=\"phone-error\"")
                .contains("Enter the mobile number with the country code")
                .contains("value=\"Meena Iyer\"")
                .contains("value=\"98111\"");
        assertThat(booked(slot)).isZero();
    }

    @Test
    void aFullSlotIsExplained() {
        Slot slot = upcoming(bookings, plan, department, 1).get(0);
        for (String phone : List.of("+919811100011", "+919811100012")) {
            bookings.book(SETUP, plan.id(), slot.startsAt(), new BookingService.Booking("Someone", phone, null, null));
        }
        patient.get("/book/" + department.id());

        HttpResponse<String> response = patient.post("/book/" + department.id(), form(slot, "+919811100013"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("fully booked");
        assertThat(booked(slot)).isEqualTo(2);
    }

    @Test
    void aTimeThatIsNoSlotIsExplained() {
        Slot slot = upcoming(bookings, plan, department, 1).get(0);
        patient.get("/book/" + department.id());
        Map<String, String> fields = new java.util.HashMap<>(form(slot, "+919811100021"));
        fields.put("startsAt", slot.startsAt().plusSeconds(60).toString());

        HttpResponse<String> response = patient.post("/book/" + department.id(), fields);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("outside the department");
    }

    @Test
    void theManagePageCancels() {
        Slot slot = upcoming(bookings, plan, department, 1).get(0);
        String location = book(slot, "+919811100031");
        patient.get(location);

        HttpResponse<String> cancelled = patient.post(location + "/cancel", Map.of());

        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(cancelled.headers().firstValue("Location").orElseThrow())
                .endsWith(location + "?msg=appt.done.cancelled");
        assertThat(bookings.find(publicId(location)).state().status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(booked(slot)).isZero();
        HttpResponse<String> page = patient.get(location + "?msg=appt.done.cancelled");
        assertThat(page.body()).contains("has been cancelled").doesNotContain("I have arrived");
        assertThat(patient.post(location + "/cancel", Map.of())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .endsWith("?msg=appt.refused.status");
    }

    @Test
    void receptionListsTheDayAndChecksIn() {
        Slot slot = upcoming(bookings, plan, department, 1).get(0);
        UUID publicId = publicId(book(slot, "+919811105678"));
        long id = bookings.find(publicId).state().id();
        String email = "desk-" + UUID.randomUUID() + "@example.org";
        accounts.createStaff(SETUP, email, "Desk", Role.RECEPTION, Set.of(department.id()), null, ApiClient.PASSWORD);
        PageSession desk = PageSession.signIn(port, email, ApiClient.PASSWORD);
        LocalDate date = slot.startsAt().atZone(department.timeZone()).toLocalDate();

        HttpResponse<String> list = desk.get("/reception/appointments?department=" + department.id() + "&date=" + date);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("Meena Iyer")
                .contains("*********5678")
                .doesNotContain("+919811105678")
                .contains("/reception/appointments/" + id + "/check-in");

        HttpResponse<String> checkedIn = desk.post("/reception/appointments/" + id + "/check-in", Map.of());

        assertThat(checkedIn.statusCode()).isEqualTo(302);
        assertThat(checkedIn.headers().firstValue("Location").orElseThrow()).contains("msg=appt.done.checked-in");
        Appointment appointment = bookings.find(publicId);
        assertThat(appointment.state().status()).isEqualTo(AppointmentStatus.CHECKED_IN);
        // The token link the manage page and the API show: the token exists and has its page.
        assertThat(queue.link(appointment.state().tokenId())).isPresent();
        assertThat(patient.get("/a/" + publicId).body())
                .contains(department.prefix().value() + "-");
    }

    @Test
    void receptionOfAnotherDepartmentIsForbidden() {
        Department other = new Hospital(context).department();
        String email = "other-" + UUID.randomUUID() + "@example.org";
        accounts.createStaff(SETUP, email, "Other", Role.RECEPTION, Set.of(other.id()), null, ApiClient.PASSWORD);
        PageSession desk = PageSession.signIn(port, email, ApiClient.PASSWORD);

        assertThat(desk.get("/reception/appointments?department=" + department.id())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theDoctorSeesTheDepartmentsAndOwnAppointmentsOnly() {
        Hospital hospital = new Hospital(context);
        var doctor = hospital.doctor(department);
        var colleague = hospital.doctor(department);
        BookingPlan colleagues = plans.create(department.id(), colleague.id(), new PlanDetails(15, 2, 0, 14));
        Slot slot = upcoming(bookings, plan, department, 1).get(0);
        bookings.book(
                SETUP, plan.id(), slot.startsAt(), new BookingService.Booking("Ravi Das", "+919833300001", null, null));
        bookings.book(
                SETUP,
                colleagues.id(),
                slot.startsAt(),
                new BookingService.Booking("Sita Ram", "+919833300002", null, null));
        String email = "doctor-" + UUID.randomUUID() + "@example.org";
        accounts.createStaff(SETUP, email, "Doc", Role.DOCTOR, Set.of(), doctor.id(), ApiClient.PASSWORD);
        PageSession session = PageSession.signIn(port, email, ApiClient.PASSWORD);

        HttpResponse<String> page = session.get("/doctor/schedule");

        assertThat(page.statusCode()).isEqualTo(200);
        boolean today =
                slot.startsAt().atZone(department.timeZone()).toLocalDate().equals(department.today(Instant.now()));
        if (today) {
            assertThat(page.body()).contains("Ravi Das");
        }
        assertThat(page.body()).doesNotContain("Sita Ram");
    }

    @Test
    void theBookingPageSpeaksHindi() {
        HttpResponse<String> page = patient.get("/book/" + department.id() + "?lang=hi");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("lang=\"hi\"")
                .contains("अपॉइंटमेंट बुक करें")
                .contains("मोबाइल नंबर");
    }
}
