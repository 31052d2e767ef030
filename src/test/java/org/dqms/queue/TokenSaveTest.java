package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** A token is stored with exactly its new history lines, or not at all when it changed meanwhile. */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class TokenSaveTest {

    @Autowired
    QueueTestData data;

    @Autowired
    TokenRepository tokens;

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void oneTransitionIsStoredWithItsHistoryLine() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token token = data.start(data.join(department), doctor);
        Token loaded = tokens.find(token.id()).orElseThrow();
        loaded.complete(Actor.staff("doctor-" + doctor.id()), data.clock().instant(), null);

        tokens.save(loaded);

        assertThat(tokens.find(token.id()).orElseThrow().status()).isEqualTo(TokenStatus.COMPLETED);
        TokenTransition last = last(tokens.history(token.id()));
        assertThat(last.from()).isEqualTo(TokenStatus.IN_CONSULTATION);
        assertThat(last.to()).isEqualTo(TokenStatus.COMPLETED);
        assertThat(last.actor()).isEqualTo(Actor.staff("doctor-" + doctor.id()).label());
        assertThat(last.at()).isEqualTo(data.clock().instant().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void twoTransitionsAreStoredWithBothLinesInOrder() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token token = data.call(data.join(department), doctor);
        Token loaded = tokens.find(token.id()).orElseThrow();
        int before = tokens.history(token.id()).size();
        loaded.start(Actor.staff("doctor-" + doctor.id()), data.clock().instant());
        loaded.complete(Actor.staff("doctor-" + doctor.id()), data.clock().instant(), null);

        tokens.save(loaded);

        List<TokenTransition> history = tokens.history(token.id());
        assertThat(history).hasSize(before + 2);
        assertThat(history.subList(before, before + 2))
                .extracting(TokenTransition::to)
                .containsExactly(TokenStatus.IN_CONSULTATION, TokenStatus.COMPLETED);
    }

    @Test
    void aTokenChangedMeanwhileIsRefusedAndGetsNoHistoryLine() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token token = data.start(data.join(department), doctor);
        Token stale = tokens.find(token.id()).orElseThrow();
        Token current = tokens.find(token.id()).orElseThrow();
        current.complete(Actor.staff("doctor-" + doctor.id()), data.clock().instant(), null);
        tokens.save(current);
        int before = tokens.history(token.id()).size();
        stale.complete(Actor.staff("doctor-" + doctor.id()), data.clock().instant(), "again");

        assertThatThrownBy(() -> tokens.save(stale)).isInstanceOf(ConflictException.class);

        assertThat(tokens.find(token.id()).orElseThrow().status()).isEqualTo(TokenStatus.COMPLETED);
        assertThat(tokens.history(token.id())).hasSize(before);
    }

    private static TokenTransition last(List<TokenTransition> history) {
        return history.get(history.size() - 1);
    }
}
