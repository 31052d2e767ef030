package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.platform.Deployment;
import org.junit.jupiter.api.Test;

/**
 * The gate's own rules, with the schema's state given by the test: every background loop and the
 * readiness probe ask it, so a schema that is behind is looked at again by one of them at a time.
 */
class SchemaGateTest {

    private static final int CALLERS = 8;
    private static final MigrationState BEHIND = new MigrationState("17", 17, 1, 0, List.of(), List.of());
    private static final MigrationState CURRENT = new MigrationState("18", 18, 0, 0, List.of(), List.of());

    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicBoolean migrated = new AtomicBoolean();
    private final CountDownLatch recheckMayEnd = new CountDownLatch(1);

    /** The first look finds the schema behind; each later one waits until the test lets it end. */
    private MigrationState check() {
        if (checks.incrementAndGet() > 1) {
            try {
                recheckMayEnd.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return migrated.get() ? CURRENT : BEHIND;
    }

    @Test
    void callersAtOnceLookAgainOnceAndTheOthersKeepTheLastAnswer() throws Exception {
        SchemaGate gate = new SchemaGate(this::check, notStartedYet(), Duration.ZERO);
        assertThat(gate.open()).isFalse();
        migrated.set(true);

        ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
        try {
            CompletionService<Boolean> answers = new ExecutorCompletionService<>(threads);
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < CALLERS; i++) {
                answers.submit(() -> {
                    go.await();
                    return gate.open();
                });
            }
            go.countDown();
            List<Boolean> whileOneLooks = new ArrayList<>();
            for (int i = 0; i < CALLERS - 1; i++) {
                Future<Boolean> answer = answers.poll(30, TimeUnit.SECONDS);
                assertThat(answer)
                        .as("answer %d of %d while one caller looks", i + 1, CALLERS - 1)
                        .isNotNull();
                whileOneLooks.add(answer.get());
            }
            assertThat(checks).as("looks at the schema").hasValue(2);
            assertThat(whileOneLooks).containsOnly(false);

            recheckMayEnd.countDown();
            assertThat(answers.poll(30, TimeUnit.SECONDS).get())
                    .as("the one that looked")
                    .isTrue();
        } finally {
            threads.shutdownNow();
        }

        assertThat(gate.open()).isTrue();
        assertThat(gate.open()).isTrue();
        assertThat(checks).as("a current schema is not looked at again").hasValue(2);
    }

    @Test
    void guardRunsTheRoundOnlyWhileOpen() {
        recheckMayEnd.countDown();
        SchemaGate gate = new SchemaGate(this::check, notStartedYet(), Duration.ZERO);
        AtomicInteger rounds = new AtomicInteger();
        Runnable round = gate.guard(rounds::incrementAndGet);

        round.run();
        round.run();
        migrated.set(true);
        round.run();

        assertThat(rounds).hasValue(1);
    }

    /** Before the check at start has ended (or in a command, where there is none). */
    private static MigrationsOnStart notStartedYet() {
        return new MigrationsOnStart(null, null, new Deployment(false, true, null));
    }
}
