package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dqms.appointment.AppointmentTestData.inKolkata;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dqms.appointment.AppointmentEvents.AppointmentCancelled;
import org.dqms.department.Department;
import org.dqms.queue.NotifyChannel;
import org.dqms.testing.AllAtOnce;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An appointment dqms cancels because its department was closed at the booked time (ADR 29): the
 * patient is told once on each channel they chose, by SMS through the gateway and by real SMTP
 * (GreenMail), though several instances sweep at the same moment; no SMS after a STOP; nothing for
 * a patient who chose no channel, who cancelled themselves, or who missed an open department's.
 */
@IntegrationTest
@Import({AppointmentTestData.Configuration.class, CancelledAsClosedNoticeTest.RefusedCommit.class})
class CancelledAsClosedNoticeTest {

    private static final LocalDate TOMORROW = AppointmentTestData.startDate().plusDays(1);
    // The second test's day: a sweep of the first test's day never reaches its appointment.
    private static final LocalDate DAY_AFTER = TOMORROW.plusDays(1);
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static final MockWebServer GATEWAY = new MockWebServer();
    private static final List<String> TEXTS = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void senders(DynamicPropertyRegistry registry) throws IOException {
        TestSmtp.start(SMTP, registry);
        GATEWAY.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                TEXTS.add(request.getBody().string(StandardCharsets.UTF_8));
                return new MockResponse.Builder().code(200).body("{}").build();
            }
        });
        GATEWAY.start(0);
        registry.add("DQMS_SMS_PROVIDER", () -> "webhook");
        registry.add("DQMS_SMS_PROVIDER_URL", () -> GATEWAY.url("/sms").toString());
        registry.add("DQMS_SMS_PROVIDER_SECRET", () -> "a-test-gateway-secret-of-at-least-32-characters");
        registry.add("DQMS_NOTIFY_POLL_INTERVAL", () -> "50ms");
        registry.add("DQMS_PUBLIC_URL", () -> "https://queue.hospital.example");
    }

    @AfterAll
    static void stop() throws IOException {
        SMTP.stop();
        GATEWAY.close();
    }

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    AppointmentNoShowSweep sweep;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefusedCommit refused;

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    @Test
    void thePatientIsToldOncePerChosenChannelThoughSeveralSweepsRunAtOnce() throws Exception {
        Department closed = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        BookingPlan plan = data.plan(closed, 15, 5, 0);
        long told = book(plan, "+919870000001", "told@cancelled.example", NotifyChannel.SMS, NotifyChannel.EMAIL);
        long stopped = book(plan, "+919870000002", "stopped@cancelled.example", NotifyChannel.SMS, NotifyChannel.EMAIL);
        long silent = book(plan, "+919870000003", "silent@cancelled.example");
        long withdrawn = book(plan, "+919870000004", "withdrawn@cancelled.example", NotifyChannel.EMAIL);
        bookings.cancel(AppointmentTestData.ADMIN, withdrawn, "the patient called");
        Department open = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        long missed = book(data.plan(open, 15, 5, 0), "+919870000005", "missed@cancelled.example", NotifyChannel.SMS);
        stopSms("+919870000002");
        data.departments.closeOn(AppointmentTestData.ADMIN, closed.id(), TOMORROW, "Holiday");

        data.clock.set(inKolkata(TOMORROW.plusDays(1), "00:00"));
        var marked = AllAtOnce.run(List.of(1, 2, 3, 4), n -> sweep.sweep(data.clock.instant()));

        assertThat(marked.values().stream().mapToInt(Integer::intValue).sum())
                .as("appointments marked by the four sweeps")
                .isEqualTo(4);
        assertThat(List.of(told, stopped, silent, missed).stream()
                        .map(id -> bookings.find(id).state().status()))
                .containsExactly(
                        AppointmentStatus.CANCELLED,
                        AppointmentStatus.CANCELLED,
                        AppointmentStatus.CANCELLED,
                        AppointmentStatus.NO_SHOW);
        List<String> ours = Stream.of(told, stopped, silent, withdrawn, missed)
                .map(String::valueOf)
                .toList();
        assertThat(jdbc.sql("SELECT idempotency_key || ' ' || recipient FROM dqms.notification_outbox"
                                + " WHERE kind = 'APPOINTMENT_CANCELLED'"
                                + " AND split_part(idempotency_key, ':', 2) IN (:ids)")
                        .param("ids", ours)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        "cancelled:" + told + ":SMS +919870000001",
                        "cancelled:" + told + ":EMAIL told@cancelled.example",
                        "cancelled:" + stopped + ":EMAIL stopped@cancelled.example");

        String expected = "Your appointment at " + closed.name() + " on 16 Jan 2030 at 12:00 has been cancelled:"
                + " the department was closed at that time. To book another time:"
                + " https://queue.hospital.example/book/" + closed.id();
        List<MimeMessage> emails = received(2, 1);
        assertThat(emails).hasSize(2);
        assertThat(emails.stream().map(TestSmtp::recipient))
                .containsExactlyInAnyOrder("told@cancelled.example", "stopped@cancelled.example");
        for (MimeMessage email : emails) {
            assertThat(email.getSubject()).isEqualTo("Cancelled: your appointment at " + closed.name());
            assertThat(((String) email.getContent()).strip()).isEqualTo(expected);
        }
        assertThat(TEXTS).hasSize(1);
        assertThat(TEXTS.get(0)).contains("\"to\":\"+919870000001\"").contains(expected);
    }

    /** The message is stored in the cancellation's transaction: a sweep that rolls back leaves neither. */
    @Test
    void aSweepThatRollsBackLeavesNoMessageAndTheNextOneStoresIt() {
        Department closed = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        long appointment = book(
                data.plan(closed, 15, 5, 0), DAY_AFTER, "+919870000011", "rolled@rolled.example", NotifyChannel.EMAIL);
        data.departments.closeOn(AppointmentTestData.ADMIN, closed.id(), DAY_AFTER, "Holiday");
        data.clock.set(inKolkata(DAY_AFTER.plusDays(1), "00:00"));

        refused.appointment.set(appointment);
        assertThatThrownBy(() -> sweep.sweep(data.clock.instant())).hasMessageContaining("commit refused");
        assertThat(refused.rowsInside.get())
                .as("the message inside the sweep's transaction")
                .isEqualTo(1);
        assertThat(bookings.find(appointment).state().status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(messagesTo("rolled@rolled.example")).isZero();

        while (sweep.sweep(data.clock.instant()) > 0) {
            // Until nothing is left to mark.
        }
        assertThat(bookings.find(appointment).state().status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(messagesTo("rolled@rolled.example")).isEqualTo(1);
    }

    private int messagesTo(String recipient) {
        return jdbc.sql("SELECT count(*) FROM dqms.notification_outbox"
                        + " WHERE kind = 'APPOINTMENT_CANCELLED' AND recipient = :recipient")
                .param("recipient", recipient)
                .query(Integer.class)
                .single();
    }

    private long book(BookingPlan plan, String phone, String email, NotifyChannel... channels) {
        return book(plan, TOMORROW, phone, email, channels);
    }

    private long book(BookingPlan plan, LocalDate day, String phone, String email, NotifyChannel... channels) {
        var patient = new BookingService.Booking("Patient " + phone, phone, email, null, Set.of(channels));
        return bookings.book(AppointmentTestData.ADMIN, plan.id(), inKolkata(day, "12:00"), patient)
                .state()
                .id();
    }

    /** The phone answered STOP: stored as the gateway's signed STOP stores it, as its SHA-256. */
    private void stopSms(String phone) {
        jdbc.sql("INSERT INTO dqms.notification_opt_out (phone_hash, opted_out_at)"
                        + " VALUES (sha256(convert_to(:phone, 'UTF8')), now())")
                .param("phone", phone)
                .update();
    }

    /**
     * The emails received, once {@code emails} and {@code texts} SMS arrived (or 10 s passed), and
     * half a second for any more.
     */
    private static List<MimeMessage> received(int emails, int texts) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && (ours().size() < emails || TEXTS.size() < texts)) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        return ours();
    }

    /** The emails of the first test, told apart by their addresses. */
    private static List<MimeMessage> ours() {
        return Stream.of(SMTP.getReceivedMessages())
                .filter(m -> TestSmtp.recipient(m).endsWith("@cancelled.example"))
                .toList();
    }

    /**
     * Refuses the commit of the transaction that cancels the chosen appointment, once, after every
     * listener has run, counting first the messages to its patient the transaction holds.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class RefusedCommit {

        final AtomicLong appointment = new AtomicLong(-1);
        final AtomicInteger rowsInside = new AtomicInteger(-1);
        private final JdbcClient jdbc;

        RefusedCommit(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventListener
        void on(AppointmentCancelled cancelled) {
            if (!appointment.compareAndSet(cancelled.appointmentId(), -1)) {
                return;
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    rowsInside.set(jdbc.sql("SELECT count(*) FROM dqms.notification_outbox"
                                    + " WHERE kind = 'APPOINTMENT_CANCELLED' AND idempotency_key LIKE :key")
                            .param("key", "cancelled:" + cancelled.appointmentId() + ":%")
                            .query(Integer.class)
                            .single());
                    throw new IllegalStateException("commit refused by the test");
                }
            });
        }
    }
}
