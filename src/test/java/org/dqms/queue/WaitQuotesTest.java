package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.queue.WaitQuoteRepository.WaitQuote;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The waits quoted at joins and recalls, written after the change commits: each token's place in its
 * own department as its phone sees it, at the moment it began to wait.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class WaitQuotesTest {

    @Autowired
    QueueTestData data;

    @Autowired
    WaitQuotes waitQuotes;

    @Autowired
    WaitQuoteRepository quotes;

    @Autowired
    TokenActionService actions;

    @Test
    void everyJoinIsQuotedItsPlaceInItsOwnDepartment() {
        Department eyes = data.department().create();
        Department skin = data.department().create();
        data.doctor(eyes);
        data.doctor(skin);
        data.doctor(skin);
        Instant joinedAt = data.clock().instant();
        List<Token> eyeTokens = List.of(data.join(eyes), data.join(eyes), data.join(eyes));
        List<Token> skinTokens = List.of(data.join(skin), data.join(skin));

        waitQuotes.flush();

        for (int ahead = 0; ahead < eyeTokens.size(); ahead++) {
            long id = eyeTokens.get(ahead).id();
            // One doctor, 10 minutes each: ahead × 10, upper ahead × 15.
            assertThat(quotes.ofToken(id))
                    .containsExactly(new WaitQuote(id, joinedAt, ahead, 1.0, 10.0, ahead * 10, ahead * 15));
        }
        for (int ahead = 0; ahead < skinTokens.size(); ahead++) {
            long id = skinTokens.get(ahead).id();
            // Two doctors: half of that, the upper rounded up.
            assertThat(quotes.ofToken(id))
                    .containsExactly(new WaitQuote(id, joinedAt, ahead, 2.0, 10.0, ahead * 5, (ahead * 15 + 1) / 2));
        }
    }

    @Test
    void aRecalledTokenIsQuotedAgainAtTheRecall() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token first = data.join(department);
        data.join(department);
        Instant joinedAt = data.clock().instant();
        data.call(first, doctor);
        data.clock().advance(Duration.ofMinutes(5));

        actions.recall(Actor.staff("doctor-" + doctor.id()), first.id(), "not here yet", TokenActionService.ANYONE);
        waitQuotes.flush();

        // A recall keeps the token's place: first again, nobody ahead.
        assertThat(quotes.ofToken(first.id()))
                .containsExactly(
                        new WaitQuote(first.id(), joinedAt, 0, 1.0, 10.0, 0, 0),
                        new WaitQuote(first.id(), joinedAt.plus(Duration.ofMinutes(5)), 0, 1.0, 10.0, 0, 0));
    }

    @Test
    void aStopWritesTheQuotesStillPending() {
        Department department = data.department().create();
        data.doctor(department);
        waitQuotes.stop();
        try {
            Token token = data.join(department);
            assertThat(quotes.ofToken(token.id()))
                    .as("pending while nothing writes")
                    .isEmpty();

            waitQuotes.start();
            waitQuotes.stop();

            assertThat(quotes.ofToken(token.id())).hasSize(1);
        } finally {
            waitQuotes.start();
        }
    }
}
