package org.dqms.benchmark;

import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hospital the benchmark works in, made through dqms' own API as its administrator: departments
 * open all day with a large daily capacity, doctors on duty, and a DOCTOR account per doctor, signed
 * in as its console would be.
 */
final class Seeder {

    /** A doctor as the load generator drives it: its record, department and access token. */
    record Doctor(long id, long departmentId, String bearer) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DqmsClient client;
    private final String admin;
    private final String timeZone;
    private final AtomicInteger names = new AtomicInteger();

    Seeder(DqmsClient client, String adminBearer) {
        this.client = client;
        this.admin = adminBearer;
        this.timeZone = middayZone();
    }

    /**
     * A fixed-offset zone where it is about midday now, so that no run crosses the end of a service
     * day: token numbers start again at 1 each day, and the hours end at 23:59.
     */
    static String middayZone() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 12 - hour;
        if (offset > 14) {
            offset -= 24;
        }
        if (offset < -12) {
            offset += 24;
        }
        // Etc/GMT-5 is five hours ahead of UTC.
        return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" + offset : "+" + (-offset));
    }

    String timeZone() {
        return timeZone;
    }

    /** {@code count} departments, open every day from 00:00 to 23:59, created one after another. */
    List<Long> departments(String purpose, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = names.getAndIncrement();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "Bench " + purpose + " " + n);
            body.put("prefix", prefix(n));
            body.put("timeZone", timeZone);
            body.put("dailyCapacity", 100_000);
            body.put("targetWaitMinutes", 30);
            long id = client.call("POST", "/api/v1/departments", body, admin)
                    .get("id")
                    .asLong();
            Map<String, Object> days = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                days.put(day.name(), List.of(Map.of("opens", "00:00", "closes", "23:59")));
            }
            client.call("PUT", "/api/v1/departments/" + id + "/hours", Map.of("days", days), admin);
            ids.add(id);
        }
        return ids;
    }

    /** Doctors on duty, doctor i in department i mod the number of departments; ids in order. */
    List<Long> doctors(String purpose, int count, List<Long> departments) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "Dr " + purpose + " " + i);
            body.put("room", "Room " + purpose + " " + i);
            body.put("specialization", "General");
            body.put("consultationMinutes", 10);
            body.put("departmentIds", List.of(departments.get(i % departments.size())));
            long id = client.call("POST", "/api/v1/doctors", body, admin).get("id").asLong();
            client.call("PUT", "/api/v1/doctors/" + id + "/duty", Map.of("status", "ON_DUTY"), admin);
            ids.add(id);
        }
        return ids;
    }

    /** A DOCTOR account for each doctor, signed in; four at a time, since passwords are hashed (bcrypt). */
    List<Doctor> accounts(List<Long> doctors, List<Long> departments) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Doctor>> futures = new ArrayList<>();
            for (int i = 0; i < doctors.size(); i++) {
                long doctor = doctors.get(i);
                long department = departments.get(i % departments.size());
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            String email = "doctor" + doctor + "@bench.dqms.example";
                            String password = password();
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("email", email);
                            body.put("name", "Doctor " + doctor);
                            body.put("role", "DOCTOR");
                            body.put("doctorId", doctor);
                            body.put("password", password);
                            client.call("POST", "/api/v1/users", body, admin);
                            return new Doctor(doctor, department, client.signIn(email, password));
                        },
                        pool));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /** 24 random bytes: passes every rule of dqms' password policy. */
    static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Two to six capital letters, distinct for each n: B followed by n in base 26. */
    private static String prefix(int n) {
        StringBuilder letters = new StringBuilder();
        do {
            letters.insert(0, (char) ('A' + n % 26));
            n /= 26;
        } while (n > 0);
        while (letters.length() < 3) {
            letters.insert(0, 'A');
        }
        return "B" + letters;
    }
}
