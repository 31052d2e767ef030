package org.dqms.benchmark;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The measured requests, as patients' phones and doctors' consoles send them. */
final class Operations {

    /** The body of the console's "complete and call next". */
    static final String COMPLETE_CURRENT = "{\"completeCurrent\":true}";

    private Operations() {}

    /**
     * A patient joins: {@code POST /api/v1/departments/{id}/tokens} with a name and a phone number
     * no one else has used, no account. Each patient comes from an address of its own (as phones on
     * mobile networks do), told to dqms in X-Forwarded-For. Success is 201, a new token.
     */
    static OpenModelLoad.Operation join(DqmsClient client, List<Long> departments, AtomicLong patients) {
        return () -> {
            long n = patients.incrementAndGet();
            long department = departments.get((int) (n % departments.size()));
            String body = "{\"patientName\":\"Patient " + n + "\",\"phone\":\"+91" + (9_000_000_000L + n) + "\"}";
            String address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
            return client.send("POST", "/api/v1/departments/" + department + "/tokens", body, null, address)
                    .thenApply(reply -> reply.status() == 201);
        };
    }

    /**
     * A patient's phone shows its token: {@code GET /api/v1/tokens/by-link/{publicId}}, the token with
     * its position and estimated wait. Success is 200 with a position.
     */
    static OpenModelLoad.Operation position(DqmsClient client, List<String> links) {
        return () -> {
            String link = links.get(ThreadLocalRandom.current().nextInt(links.size()));
            return client.send("GET", "/api/v1/tokens/by-link/" + link, null, null, null)
                    .thenApply(reply -> reply.status() == 200 && reply.body().contains("\"position\":{"));
        };
    }

    /**
     * A doctor ends the consultation and calls the next patient with the console's one click:
     * {@code POST /api/v1/doctors/{id}/call-next} with {@code {"completeCurrent":true}} and the
     * doctor's own bearer token, which completes the patient with the doctor (if any) and calls the
     * next in one transaction. Each arrival takes the doctor who has been free longest; when all are
     * busy it waits for one, and that wait is part of its latency. The measured request is the call;
     * the doctor then starts the consultation ({@code /tokens/{id}/start}) and is free for the next
     * arrival, whose call completes it. Success is 200 with a token no call answered before.
     */
    static OpenModelLoad.Operation callNext(
            DqmsClient client, DoctorPool doctors, Correctness correctness, CallCounts counts) {
        return () -> doctors.acquire().thenCompose(doctor -> client.send(
                                "POST",
                                "/api/v1/doctors/" + doctor.id() + "/call-next",
                                COMPLETE_CURRENT,
                                doctor.bearer(),
                                null)
                        .handle((reply, failure) -> {
                            if (failure != null || reply.status() != 200) {
                                counts.refused(failure != null ? -1 : reply.status());
                                doctors.release(doctor);
                                return false;
                            }
                            long token = DqmsClient.longField(reply.body(), "id");
                            correctness.called(token);
                            start(client, doctor, token, doctors, counts);
                            return true;
                        }));
    }

    /** The patient comes in; the doctor's next call completes the consultation. */
    private static void start(
            DqmsClient client, Seeder.Doctor doctor, long token, DoctorPool doctors, CallCounts counts) {
        client.send("POST", "/api/v1/tokens/" + token + "/start", null, doctor.bearer(), null)
                .whenComplete((started, failure) -> {
                    if (failure != null || started.status() != 200) {
                        counts.consultationFailed();
                    }
                    doctors.release(doctor);
                });
    }

    /** Why call-next attempts failed: 204 (nobody waiting), 409 (busy or off duty), other. */
    static final class CallCounts {
        final AtomicLong empty = new AtomicLong();
        final AtomicLong conflict = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final AtomicLong consultationFailures = new AtomicLong();

        void refused(int status) {
            (status == 204 ? empty : status == 409 ? conflict : other).incrementAndGet();
        }

        void consultationFailed() {
            consultationFailures.incrementAndGet();
        }

        @Override
        public String toString() {
            return "204 " + empty + ", 409 " + conflict + ", other " + other + ", failed starts "
                    + consultationFailures;
        }
    }

    /** The doctors not busy with a patient, longest idle first, and the arrivals waiting for one. */
    static final class DoctorPool {
        private final ArrayDeque<Seeder.Doctor> idle;
        private final ArrayDeque<CompletableFuture<Seeder.Doctor>> waiting = new ArrayDeque<>();

        DoctorPool(List<Seeder.Doctor> doctors) {
            this.idle = new ArrayDeque<>(doctors);
        }

        CompletableFuture<Seeder.Doctor> acquire() {
            synchronized (this) {
                Seeder.Doctor doctor = idle.poll();
                if (doctor != null) {
                    return CompletableFuture.completedFuture(doctor);
                }
                CompletableFuture<Seeder.Doctor> next = new CompletableFuture<>();
                waiting.add(next);
                return next;
            }
        }

        /** Waits until every doctor is idle again (their consultations finished); false on timeout. */
        boolean awaitIdle(int total, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (System.currentTimeMillis() < deadline) {
                synchronized (this) {
                    if (idle.size() == total) {
                        return true;
                    }
                }
                Thread.sleep(20);
            }
            return false;
        }

        void release(Seeder.Doctor doctor) {
            CompletableFuture<Seeder.Doctor> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    idle.add(doctor);
                    return;
                }
            }
            next.complete(doctor);
        }
    }
}
