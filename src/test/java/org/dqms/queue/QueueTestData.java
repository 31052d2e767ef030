package org.dqms.queue;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.MovableClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Departments, doctors and tokens for queue tests, made through the public services and the
 * token's own transitions. Each department gets a prefix and name of its own, so tests sharing an
 * application context never see each other's queues.
 *
 * <p>Use it with {@code @IntegrationTest @Import(QueueTestData.Configuration.class)} and
 * {@code @Autowired QueueTestData data}; every test class that does so shares one context and one
 * database. The configuration also replaces the application's clock with a {@link MovableClock} that
 * starts at {@link #START} and that tests move (put it back with {@code data.clock().reset()}), and
 * it cancels the scheduled jobs: a test runs a job by calling it with the time it needs.
 */
class QueueTestData {

    /** Tuesday, 15 January 2030, 06:00 UTC: 11:30 in Kolkata, 07:00 in Berlin. */
    static final Instant START = Instant.parse("2030-01-15T06:00:00Z");

    /** Where test departments are unless a test says otherwise. */
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    static final Actor ADMIN = Actor.staff("admin-test");

    private static final AtomicInteger SEQUENCE =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26 * 26 * 26 / 2));

    private final DepartmentService departments;
    private final DoctorService doctors;
    private final JoinService joins;
    private final TokenRepository tokens;
    private final QueueViews views;
    private final MovableClock clock;

    QueueTestData(
            DepartmentService departments,
            DoctorService doctors,
            JoinService joins,
            TokenRepository tokens,
            QueueViews views,
            MovableClock clock) {
        this.views = views;
        this.departments = departments;
        this.doctors = doctors;
        this.joins = joins;
        this.tokens = tokens;
        this.clock = clock;
    }

    MovableClock clock() {
        return clock;
    }

    /** A department open every day, all day, in Kolkata, with room for 500 tokens a day. */
    DepartmentBuilder department() {
        return new DepartmentBuilder();
    }

    /** A doctor, on duty, serving the given departments. */
    Doctor doctor(Department... servedDepartments) {
        String tag = letters(SEQUENCE.getAndIncrement());
        Set<Long> ids = Arrays.stream(servedDepartments).map(Department::id).collect(Collectors.toSet());
        Doctor doctor = doctors.create(ADMIN, new DoctorDetails("Dr " + tag, "Room " + tag, "General", 10, ids));
        return doctors.setDutyStatus(ADMIN, doctor.id(), DutyStatus.ON_DUTY);
    }

    /** A new patient: a unique name and phone, WEB, NORMAL, no preferred doctor. */
    JoinCommand patient() {
        int n = SEQUENCE.getAndIncrement();
        return new JoinCommand("Patient " + letters(n), phone(n), null, null, null, null);
    }

    /** A patient of the given priority. */
    JoinCommand patient(Priority priority) {
        JoinCommand p = patient();
        return new JoinCommand(p.patientName(), p.phone(), null, null, Channel.RECEPTION, priority);
    }

    /** A phone number no other test data uses. */
    static PhoneNumber phone(int n) {
        return new PhoneNumber("+9190" + String.format("%08d", n % 100_000_000));
    }

    /** Joins a new patient to the department at the clock's time; the token is WAITING. */
    Token join(Department department) {
        return join(department, patient());
    }

    Token join(Department department, JoinCommand patient) {
        return joins.join(Actor.patient("test"), department.id(), patient, Optional.empty())
                .token();
    }

    /** The token as stored now. */
    Token reload(Token token) {
        return tokens.find(token.id()).orElseThrow();
    }

    /** Calls a WAITING token to the doctor, through the token's own transition. */
    Token call(Token token, Doctor doctor) {
        return change(token, t -> t.call(doctor.id(), CallReason.ARRIVAL_ORDER, staff(doctor), clock.instant(), null));
    }

    /** Calls and starts the consultation. */
    Token start(Token token, Doctor doctor) {
        call(token, doctor);
        return change(token, t -> t.start(staff(doctor), clock.instant()));
    }

    /** Calls, starts and completes the consultation. */
    Token complete(Token token, Doctor doctor) {
        start(token, doctor);
        return change(token, t -> t.complete(staff(doctor), clock.instant(), null));
    }

    /** Cancels a WAITING or CALLED token on the patient's behalf. */
    Token cancel(Token token) {
        return change(token, t -> t.cancel(Actor.patient("test"), clock.instant(), "test"));
    }

    private Token change(Token token, Consumer<Token> transition) {
        Token current = reload(token);
        transition.accept(current);
        tokens.save(current);
        // Saved without the services' events: tell the positions' views, as those events would.
        views.changed(List.of(current.departmentId()));
        return reload(token);
    }

    private static Actor staff(Doctor doctor) {
        return Actor.staff("doctor-" + doctor.id());
    }

    /** Four capital letters for n, AAAA, AAAB, ...; with a Q in front, a department prefix. */
    static String letters(int n) {
        char[] letters = new char[4];
        for (int i = 3; i >= 0; i--) {
            letters[i] = (char) ('A' + Math.floorMod(n, 26));
            n /= 26;
        }
        return new String(letters);
    }

    /** A department to create, with defaults every test can live with. */
    final class DepartmentBuilder {

        private ZoneId zone = KOLKATA;
        private int capacity = 500;
        private WeeklyHours hours = daily("00:00", "23:59");

        DepartmentBuilder zone(ZoneId value) {
            zone = value;
            return this;
        }

        DepartmentBuilder capacity(int value) {
            capacity = value;
            return this;
        }

        /** Open every day of the week in the given local intervals, e.g. "08:00", "12:00", "13:00", "17:00". */
        DepartmentBuilder openDaily(String... times) {
            hours = daily(times);
            return this;
        }

        DepartmentBuilder hours(WeeklyHours value) {
            hours = value;
            return this;
        }

        Department create() {
            String prefix = "Q" + letters(SEQUENCE.getAndIncrement());
            Department created = departments.create(
                    ADMIN, new DepartmentDetails("Test " + prefix, new DepartmentPrefix(prefix), zone, capacity, 15));
            return departments.setHours(ADMIN, created.id(), hours);
        }

        private static WeeklyHours daily(String... times) {
            List<OpeningTime> intervals = new ArrayList<>();
            for (int i = 0; i < times.length; i += 2) {
                intervals.add(OpeningTime.of(times[i], times[i + 1]));
            }
            return WeeklyHours.weekly(List.of(DayOfWeek.values()), intervals);
        }
    }

    /** HTTP calls to the running application as the client's user, answers parsed as JSON. */
    static final class Api {

        private final ApiClient client;
        private final JsonMapper json;

        /** Anonymous: no access token. */
        Api(int port, JsonMapper json) {
            this(ApiClient.anonymous(port), json);
        }

        Api(ApiClient client, JsonMapper json) {
            this.client = client;
            this.json = json;
        }

        /** An answer: status, headers and the body as JSON (a missing node if it is empty). */
        record Response(int status, HttpHeaders headers, JsonNode body) {

            String contentType() {
                return headers.firstValue("Content-Type").orElse("");
            }
        }

        Response get(String path) {
            return send(request(path).GET());
        }

        /** POSTs the body as JSON; {@code headers} are name, value, name, value, ... */
        Response post(String path, Object body, String... headers) {
            HttpRequest.Builder request = request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            body instanceof String text ? text : json.writeValueAsString(body)));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request);
        }

        /** Any method; a null body sends none. The actuator is asked for whatever it answers. */
        Response send(String method, String path, Object body) {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                            body instanceof String text ? text : json.writeValueAsString(body));
            HttpRequest.Builder request =
                    request(path).header("Content-Type", "application/json").method(method, publisher);
            if (path.startsWith("/actuator")) {
                request.setHeader("Accept", "*/*");
            }
            return send(request);
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(client.uri(path))
                    .header("Accept", "application/json, application/problem+json");
        }

        private Response send(HttpRequest.Builder request) {
            HttpResponse<String> response = client.send(request);
            // Metrics come as text; everything else the API answers is JSON.
            boolean text =
                    response.headers().firstValue("Content-Type").orElse("").startsWith("text/");
            JsonNode body = response.body().isEmpty() || text ? json.missingNode() : json.readTree(response.body());
            return new Response(response.statusCode(), response.headers(), body);
        }
    }

    /** A clock that stands still until a test moves it. */
    /** The test clock in place of the application's, and this builder as a bean. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock(START);
        }

        /** Scheduled jobs stay off, so that they never race a test: tests call them with the time they need. */
        @Bean
        ApplicationListener<ApplicationReadyEvent> scheduledJobsOff(ObjectProvider<ScheduledTaskHolder> holders) {
            return event -> holders.forEach(holder -> holder.getScheduledTasks().forEach(ScheduledTask::cancel));
        }

        @Bean
        QueueTestData queueTestData(
                DepartmentService departments,
                DoctorService doctors,
                JoinService joins,
                TokenRepository tokens,
                QueueViews views,
                MovableClock clock) {
            return new QueueTestData(departments, doctors, joins, tokens, views, clock);
        }
    }
}
