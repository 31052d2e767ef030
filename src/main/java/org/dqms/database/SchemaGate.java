package org.dqms.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.dqms.database.MigrationsOnStart.Checked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the schema is current for this build, for the work an instance does on its own. Readiness
 * only keeps HTTP traffic away from an instance whose schema is behind (in production the server
 * checks and does not migrate); its background rounds ({@code @Scheduled} methods, the loops on
 * {@code Rounds}, the LISTEN session) ask here first and skip while the gate is closed, so they never
 * run this release's SQL on the old schema. Readiness ({@link MigrationsHealthIndicator}) reads the
 * same state.
 *
 * <p>It starts from the check or migration at start ({@link MigrationsOnStart}). A current schema
 * stays current for this build, so it is kept: migrations only go forward, the ones this build does
 * not know are ignored (Flyway's default {@code *:future}), and each must keep the previous release
 * working (docs/DATABASE.md). A schema that is behind is the only case that can change for this
 * instance: once the state is {@code RECHECK} old it is looked at again, by one caller at a time
 * while the others keep the last answer, so the gate opens within seconds of a {@code migrate}.
 */
public final class SchemaGate {

    private static final Duration RECHECK = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SchemaGate.class);

    private final Supplier<MigrationState> check;
    private final MigrationsOnStart onStart;
    private final Duration recheck;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Checked last;

    SchemaGate(Supplier<MigrationState> check, MigrationsOnStart onStart) {
        this(check, onStart, RECHECK);
    }

    SchemaGate(Supplier<MigrationState> check, MigrationsOnStart onStart, Duration recheck) {
        this.check = check;
        this.onStart = onStart;
        this.recheck = recheck;
    }

    /** Whether the schema is current for this build, so that background work may run. */
    public boolean open() {
        return state().upToDate();
    }

    /** {@code round}, run only while the gate is open; skipped otherwise. */
    public Runnable guard(Runnable round) {
        return () -> {
            if (open()) {
                round.run();
            }
        };
    }

    MigrationState state() {
        Checked known = last != null ? last : onStart.checked().orElse(null);
        if (known != null && (known.state().upToDate() || System.nanoTime() - known.atNanos() < recheck.toNanos())) {
            last = known;
            return known.state();
        }
        if (!checking.compareAndSet(false, true)) {
            return known != null ? known.state() : check.get();
        }
        try {
            MigrationState fresh = check.get();
            last = new Checked(fresh, System.nanoTime());
            if (fresh.upToDate() && known != null && !known.state().upToDate()) {
                log.info("Migrations: {}; background work starts", fresh.summary());
            }
            return fresh;
        } finally {
            checking.set(false);
        }
    }
}
