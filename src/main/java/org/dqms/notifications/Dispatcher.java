package org.dqms.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dqms.database.SchemaGate;
import org.dqms.notifications.OutboxRepository.Claimed;
import org.dqms.platform.Rounds;
import org.dqms.queue.NotifyChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends what the outbox holds, after commit and outside any transaction: it claims due messages
 * under a lease (SKIP LOCKED, so instances share the work), sends each, and marks it SENT, or
 * schedules another attempt with exponential backoff, or marks it FAILED after the last attempt or
 * when the provider refused it; an SMS or WhatsApp to a number that answered STOP ends FAILED
 * unsent. Patients' messages go before integrators' webhooks, which get a share of each round only
 * ({@link #WEBHOOK_SHARE}).
 * A message whose sender died mid-send is claimed again when its lease runs out and sent with the
 * same idempotency key, which the provider uses to deliver it once.
 */
final class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 20;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    // How long a stop waits for the round under way to give back what it holds.
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    // Webhooks come after the patients' messages of a round and get this long of it (at least one
    // attempt); the rest go back for the next round, whose claim takes the patients' messages due
    // by then first. A patient's message that falls due while an endpoint hangs so waits for one
    // attempt, not for a batch of them.
    static final Duration WEBHOOK_SHARE = Duration.ofSeconds(1);

    /** The last error of a message not sent because its number answered STOP after it was stored. */
    static final String OPTED_OUT = "opted out";

    private final OutboxRepository outbox;
    private final OptOuts optOuts;
    private final Senders senders;
    private final IntegratorSender integrators;
    private final NotificationSettings settings;
    private final NotificationFailures failures;
    private final Clock clock;
    private final SchemaGate schema;
    private volatile Rounds rounds;
    private volatile boolean stopping;

    Dispatcher(
            OutboxRepository outbox,
            OptOuts optOuts,
            Senders senders,
            IntegratorSender integrators,
            NotificationSettings settings,
            NotificationFailures failures,
            Clock clock,
            SchemaGate schema) {
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.senders = senders;
        this.integrators = integrators;
        this.settings = settings;
        this.failures = failures;
        this.clock = clock;
        this.schema = schema;
    }

    /** One round: claims and sends what is due; how many were sent. */
    int dispatch() {
        Instant now = clock.instant();
        // Stored to the microsecond, and matched exactly when the outcome is marked.
        Instant leaseUntil = now.plus(settings.lease()).truncatedTo(ChronoUnit.MILLIS);
        // An attempt takes at most attemptTimeout, which the settings keep within half the lease: a
        // message is only tried while its lease has that long left, so no other instance claims it
        // mid-send.
        Duration margin = settings.attemptTimeout();
        int sent = 0;
        Instant webhooksUntil = null;
        for (Claimed claimed : outbox.claim(now, leaseUntil, BATCH, senders.withSender())) {
            Message message = claimed.message();
            if (stopping || clock.instant().plus(margin).isAfter(leaseUntil)) {
                // Stopping, or slow sends used up the lease: what is left goes back, for this or
                // another instance.
                giveBack(message, leaseUntil);
                continue;
            }
            if (optedOut(message)) {
                failedForGood(message, leaseUntil, OPTED_OUT);
                log.info(
                        "Notification {} to {} not sent: the number answered STOP",
                        message.id(),
                        message.maskedRecipient());
                continue;
            }
            if (message.endpointId() != null) {
                if (webhooksUntil == null) {
                    webhooksUntil = clock.instant().plus(WEBHOOK_SHARE);
                } else if (clock.instant().isAfter(webhooksUntil)) {
                    giveBack(message, leaseUntil);
                    continue;
                }
            }
            Sender.SendFailure failure = attempt(message);
            if (failure == null) {
                if (!outbox.sent(message.id(), leaseUntil, clock.instant())) {
                    log.warn("Notification {} was sent after its lease ran out", message.id());
                }
                sent++;
                continue;
            }
            if (stopping) {
                // Cut off by the stop, not refused: no fault of the message, so no attempt counted.
                giveBack(message, leaseUntil);
                continue;
            }
            Instant next = retryAt(claimed.attempts(), failure);
            if (next == null) {
                failedForGood(message, leaseUntil, failure.getMessage());
            } else {
                outbox.failed(message.id(), leaseUntil, next, failure.getMessage(), clock.instant());
            }
            log.warn(
                    "Notification {} to {} failed (attempt {} of {}{}): {}",
                    message.id(),
                    message.maskedRecipient(),
                    claimed.attempts(),
                    settings.maxAttempts(),
                    next == null ? ", the last" : "",
                    failure.getMessage());
        }
        return sent;
    }

    /**
     * Whether the message is an SMS or WhatsApp to a number that answered STOP. The intents check
     * too, but a STOP may come in while the message waits in the outbox, or before an operator
     * retries it.
     */
    private boolean optedOut(Message message) {
        return (message.channel() == NotifyChannel.SMS || message.channel() == NotifyChannel.WHATSAPP)
                && optOuts.stopped(message.recipient());
    }

    /**
     * Sends the message; null when it went, else why not. Any exception is a failed attempt like
     * another: a message no sender can take (an endpoint address the HTTP client refuses, say) is
     * retried with backoff and ends FAILED, instead of ending the round and holding up the rest of
     * the batch, and every later event for its endpoint, on every claim. Only the exception's class
     * is kept: its message may hold the endpoint's address.
     */
    private Sender.SendFailure attempt(Message message) {
        try {
            if (message.endpointId() != null) {
                integrators.send(message);
            } else {
                senders.of(message.channel())
                        .orElseThrow(() -> new Sender.SendFailure("no sender for " + message.channel()))
                        .send(message);
            }
            return null;
        } catch (Sender.SendFailure e) {
            return e;
        } catch (RuntimeException e) {
            return new Sender.SendFailure("unexpected " + e.getClass().getName());
        }
    }

    /**
     * When to try the message again; null for never: after a refusal, or after the last attempt.
     * Otherwise after the backoff, or later if the provider asked so, but within ten minutes.
     */
    private Instant retryAt(int attempts, Sender.SendFailure failure) {
        if (failure.refused() || attempts >= settings.maxAttempts()) {
            return null;
        }
        Instant now = clock.instant();
        Duration wait = backoff(attempts);
        Duration asked = RetryAfter.wait(failure.retryAfter(), now);
        if (asked.compareTo(wait) > 0) {
            wait = asked.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : asked;
        }
        return now.plus(wait);
    }

    /** FAILED, and counted as such unless the lease it was claimed under has been taken over. */
    private void failedForGood(Message message, Instant leaseUntil, String error) {
        if (outbox.failed(message.id(), leaseUntil, null, error, clock.instant())) {
            failures.add(message.endpointId() == null ? message.channel().name() : "WEBHOOK", 1);
        }
    }

    /** Back to PENDING, due at once, the claim's attempt not counted. */
    private void giveBack(Message message, Instant leaseUntil) {
        if (stopping) {
            // The stop interrupted this thread; heard, it must not fail the release.
            Thread.interrupted();
        }
        outbox.release(message.id(), leaseUntil);
    }

    /** retryBase × 2^(attempts − 1), at most ten minutes. */
    Duration backoff(int attempts) {
        Duration wait = settings.retryBase().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    @Override
    public void start() {
        stopping = false;
        Duration every = settings.pollInterval();
        rounds = Rounds.start(
                "dqms-notify-dispatch",
                every,
                every,
                schema.guard(this::dispatch),
                e -> log.warn("Notifications: dispatch round failed: {}", e.getMessage()));
    }

    /**
     * Interrupts the attempt under way, whose message then goes back untried with the rest of its
     * batch: a rolling deploy costs no message an attempt, and fails none on its last one.
     */
    @Override
    public void stop() {
        stopping = true;
        Rounds current = rounds;
        if (current != null) {
            current.stop(STOP_WAIT);
        }
        rounds = null;
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }
}
