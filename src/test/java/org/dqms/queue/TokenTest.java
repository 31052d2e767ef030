package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.dqms.platform.Actor;
import org.dqms.queue.TokenEvents.TokenCalled;
import org.dqms.queue.TokenEvents.TokenCancelled;
import org.dqms.queue.TokenEvents.TokenCompleted;
import org.dqms.queue.TokenEvents.TokenExpired;
import org.dqms.queue.TokenEvents.TokenMarkedNoShow;
import org.dqms.queue.TokenEvents.TokenPreferenceReleased;
import org.dqms.queue.TokenEvents.TokenRecalled;
import org.dqms.queue.TokenEvents.TokenStarted;
import org.dqms.queue.TokenEvents.TokenTransferred;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The token's transitions: each legal one leaves a history line and an event, each illegal one a 409. */
class TokenTest {

    private static final Instant JOINED = Instant.parse("2030-01-15T04:00:00Z");
    private static final Instant LATER = JOINED.plusSeconds(600);
    private static final Actor DOCTOR = Actor.staff("doctor-7");
    private static final Actor ADMIN = Actor.staff("admin-1");
    private static final long TOKEN_ID = 42;
    private static final long DEPARTMENT_ID = 3;
    private static final long DOCTOR_ID = 7;

    @Test
    void waitingTokenCanBeCalled() {
        Token token = token(TokenStatus.WAITING);

        token.call(DOCTOR_ID, CallReason.ARRIVAL_ORDER, DOCTOR, LATER, null);

        assertThat(token.status()).isEqualTo(TokenStatus.CALLED);
        assertThat(token.doctorId()).isEqualTo(DOCTOR_ID);
        assertThat(token.callReason()).isEqualTo(CallReason.ARRIVAL_ORDER);
        assertThat(token.calledAt()).isEqualTo(LATER);
        assertThat(token.drainTransitions())
                .containsExactly(new TokenTransition(
                        TokenStatus.WAITING, TokenStatus.CALLED, "staff:doctor-7", "ARRIVAL_ORDER", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenCalled(
                        TOKEN_ID, DEPARTMENT_ID, DOCTOR_ID, CallReason.ARRIVAL_ORDER, LATER, "staff:doctor-7"));
    }

    @Test
    void callOutOfOrderKeepsTheStaffNoteInTheHistory() {
        Token token = token(TokenStatus.WAITING);

        token.call(DOCTOR_ID, CallReason.OUT_OF_ORDER, DOCTOR, LATER, "wheelchair, came back from X-ray");

        assertThat(token.drainTransitions())
                .singleElement()
                .extracting(TokenTransition::reason)
                .isEqualTo("OUT_OF_ORDER: wheelchair, came back from X-ray");
    }

    @Test
    void calledTokenCannotBeCalledAgain() {
        Token token = token(TokenStatus.CALLED);

        assertIllegal(token, () -> token.call(DOCTOR_ID, CallReason.ARRIVAL_ORDER, DOCTOR, LATER, null), "be called");
    }

    @Test
    void calledTokenCanStartItsConsultation() {
        Token token = token(TokenStatus.CALLED);

        token.start(DOCTOR, LATER);

        assertThat(token.status()).isEqualTo(TokenStatus.IN_CONSULTATION);
        assertThat(token.startedAt()).isEqualTo(LATER);
        assertThat(token.drainTransitions())
                .containsExactly(new TokenTransition(
                        TokenStatus.CALLED, TokenStatus.IN_CONSULTATION, "staff:doctor-7", "", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenStarted(TOKEN_ID, DEPARTMENT_ID, DOCTOR_ID, LATER, "staff:doctor-7"));
    }

    @Test
    void consultationCanBeCompletedWithNotes() {
        Token token = token(TokenStatus.IN_CONSULTATION);

        token.complete(DOCTOR, LATER, "BP 130/85, review in 2 weeks");

        assertThat(token.status()).isEqualTo(TokenStatus.COMPLETED);
        assertThat(token.completedAt()).isEqualTo(LATER);
        assertThat(token.endedAt()).isEqualTo(LATER);
        assertThat(token.consultationNotes()).isEqualTo("BP 130/85, review in 2 weeks");
        assertThat(token.drainTransitions())
                .containsExactly(new TokenTransition(
                        TokenStatus.IN_CONSULTATION, TokenStatus.COMPLETED, "staff:doctor-7", "", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenCompleted(TOKEN_ID, DEPARTMENT_ID, DOCTOR_ID, LATER, "staff:doctor-7"));
    }

    @Test
    void blankConsultationNotesAreNotStored() {
        Token token = token(TokenStatus.IN_CONSULTATION);

        token.complete(DOCTOR, LATER, "   ");

        assertThat(token.consultationNotes()).isNull();
    }

    @Test
    void recallPutsTheTokenBackWithItsPlaceAndCountsTheRecall() {
        Token token = token(TokenStatus.CALLED);

        token.recall(DOCTOR, LATER, "not in the waiting room");

        assertThat(token.status()).isEqualTo(TokenStatus.WAITING);
        assertThat(token.joinedAt()).isEqualTo(JOINED);
        assertThat(token.recallCount()).isEqualTo(1);
        assertThat(token.doctorId()).isNull();
        assertThat(token.callReason()).isNull();
        assertThat(token.drainTransitions())
                .containsExactly(new TokenTransition(
                        TokenStatus.CALLED, TokenStatus.WAITING, "staff:doctor-7", "not in the waiting room", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenRecalled(TOKEN_ID, DEPARTMENT_ID, LATER, "staff:doctor-7"));
    }

    @Test
    void calledTokenCanBeMarkedNoShow() {
        Token token = token(TokenStatus.CALLED);

        token.markNoShow(DOCTOR, LATER, "recalled twice");

        assertThat(token.status()).isEqualTo(TokenStatus.NO_SHOW);
        assertThat(token.endedAt()).isEqualTo(LATER);
        assertThat(token.drainTransitions())
                .containsExactly(new TokenTransition(
                        TokenStatus.CALLED, TokenStatus.NO_SHOW, "staff:doctor-7", "recalled twice", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenMarkedNoShow(TOKEN_ID, DEPARTMENT_ID, LATER, "staff:doctor-7"));
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"WAITING", "CALLED"})
    void waitingOrCalledTokenCanBeCancelled(TokenStatus from) {
        Token token = token(from);
        Actor patient = Actor.patient("anonymous");

        token.cancel(patient, LATER, "feeling better");

        assertThat(token.status()).isEqualTo(TokenStatus.CANCELLED);
        assertThat(token.endedAt()).isEqualTo(LATER);
        assertThat(token.drainTransitions())
                .containsExactly(
                        new TokenTransition(from, TokenStatus.CANCELLED, "patient:anonymous", "feeling better", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenCancelled(TOKEN_ID, DEPARTMENT_ID, LATER, patient.label()));
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"COMPLETED", "WAITING"})
    void completedOrWaitingTokenCanBeTransferred(TokenStatus from) {
        Token token = token(from);

        token.requireTransferable();
        token.transfer(99, DOCTOR, LATER, "to Cardiology");

        assertThat(token.status()).isEqualTo(TokenStatus.TRANSFERRED);
        assertThat(token.endedAt()).isEqualTo(LATER);
        assertThat(token.drainTransitions())
                .containsExactly(
                        new TokenTransition(from, TokenStatus.TRANSFERRED, "staff:doctor-7", "to Cardiology", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenTransferred(TOKEN_ID, DEPARTMENT_ID, 99, LATER, "staff:doctor-7"));
    }

    @Test
    void waitingTokenExpiresWhenTheDepartmentCloses() {
        Token token = token(TokenStatus.WAITING);

        token.expire(LATER);

        assertThat(token.status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(token.endedAt()).isEqualTo(LATER);
        assertThat(token.drainTransitions())
                .containsExactly(new TokenTransition(
                        TokenStatus.WAITING, TokenStatus.EXPIRED, "system:dqms", "department closed", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenExpired(TOKEN_ID, DEPARTMENT_ID, LATER, "system:dqms"));
    }

    @Test
    void aWholeVisitLeavesOneHistoryLinePerStep() {
        Token token = token(TokenStatus.WAITING);

        token.call(DOCTOR_ID, CallReason.ARRIVAL_ORDER, DOCTOR, LATER, null);
        token.start(DOCTOR, LATER.plusSeconds(60));
        token.complete(DOCTOR, LATER.plusSeconds(600), null);

        assertThat(token.drainTransitions())
                .extracting(TokenTransition::from, TokenTransition::to)
                .containsExactly(
                        Tuple.tuple(TokenStatus.WAITING, TokenStatus.CALLED),
                        Tuple.tuple(TokenStatus.CALLED, TokenStatus.IN_CONSULTATION),
                        Tuple.tuple(TokenStatus.IN_CONSULTATION, TokenStatus.COMPLETED));
        assertThat(token.drainEvents())
                .hasExactlyElementsOfTypes(TokenCalled.class, TokenStarted.class, TokenCompleted.class);
    }

    @Test
    void drainedHistoryAndEventsAreForgotten() {
        Token token = token(TokenStatus.WAITING);
        token.expire(LATER);

        token.drainTransitions();
        token.drainEvents();

        assertThat(token.drainTransitions()).isEmpty();
        assertThat(token.drainEvents()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"WAITING"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyAWaitingTokenCanBeCalled(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.call(DOCTOR_ID, CallReason.ARRIVAL_ORDER, DOCTOR, LATER, null), "be called");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"CALLED"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyACalledTokenCanBeRecalled(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.recall(DOCTOR, LATER, "again"), "be recalled");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"CALLED"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyACalledTokenCanStartAConsultation(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.start(DOCTOR, LATER), "start a consultation");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"IN_CONSULTATION"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyATokenInConsultationCanBeCompleted(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.complete(DOCTOR, LATER, null), "be completed");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"CALLED"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyACalledTokenCanBeMarkedNoShow(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.markNoShow(DOCTOR, LATER, "gone"), "be marked no-show");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"WAITING", "CALLED"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyAWaitingOrCalledTokenCanBeCancelled(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.cancel(DOCTOR, LATER, "no"), "be cancelled");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"COMPLETED", "WAITING"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyACompletedOrWaitingTokenCanBeTransferred(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.transfer(99, DOCTOR, LATER, "elsewhere"), "be transferred");
        assertIllegal(token, token::requireTransferable, "be transferred");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenStatus.class,
            names = {"WAITING"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyAWaitingTokenCanExpire(TokenStatus status) {
        Token token = token(status);
        assertIllegal(token, () -> token.expire(LATER), "expire");
    }

    @Test
    void aRefusedTransitionSaysWhatTheTokenIsAndWhatWasTried() {
        Token token = token(TokenStatus.COMPLETED);

        assertThatThrownBy(() -> token.cancel(DOCTOR, LATER, "no"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Token 42 is COMPLETED and cannot be cancelled.");
    }

    /** The transition is refused, names the current status, and changes nothing. */
    @Test
    void releasingThePreferredDoctorKeepsStatusAndPlace() {
        Token token = token(TokenStatus.WAITING, 9L);

        token.releasePreference(ADMIN, LATER, "Dr Rao left");

        assertThat(token.preferredDoctorId()).isNull();
        assertThat(token.status()).isEqualTo(TokenStatus.WAITING);
        assertThat(token.joinedAt()).isEqualTo(JOINED);
        assertThat(token.drainTransitions())
                .containsExactly(new TokenTransition(
                        TokenStatus.WAITING, TokenStatus.WAITING, "staff:admin-1", "Dr Rao left", LATER));
        assertThat(token.drainEvents())
                .containsExactly(new TokenPreferenceReleased(TOKEN_ID, DEPARTMENT_ID, 9L, LATER, "staff:admin-1"));
    }

    @Test
    void calledTokenCanReleaseItsPreferredDoctor() {
        Token token = token(TokenStatus.CALLED, 9L);

        token.releasePreference(ADMIN, LATER, "Dr Rao left");

        assertThat(token.preferredDoctorId()).isNull();
        assertThat(token.status()).isEqualTo(TokenStatus.CALLED);
    }

    @Test
    void finishedTokenKeepsItsPreferredDoctor() {
        Token token = token(TokenStatus.COMPLETED, 9L);

        assertIllegal(
                token, () -> token.releasePreference(ADMIN, LATER, "Dr Rao left"), "release its preferred doctor");
        assertThat(token.preferredDoctorId()).isEqualTo(9L);
    }

    @Test
    void tokenWithoutPreferredDoctorHasNoneToRelease() {
        Token token = token(TokenStatus.WAITING);

        assertIllegal(
                token,
                () -> token.releasePreference(ADMIN, LATER, "Dr Rao left"),
                "release a preferred doctor it does not have");
    }

    private static void assertIllegal(Token token, Runnable transition, String action) {
        TokenStatus before = token.status();
        assertThatThrownBy(transition::run).isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
            assertThat(e.properties())
                    .containsEntry("currentStatus", before.name())
                    .containsEntry("action", action);
            assertThat(e.title()).isEqualTo("Token is " + before);
        });
        assertThat(token.status()).isEqualTo(before);
        assertThat(token.drainTransitions()).isEmpty();
        assertThat(token.drainEvents()).isEmpty();
    }

    /** A token as the repository would load it, in the given status, with the fields that status implies. */
    static Token token(TokenStatus status) {
        return token(status, null);
    }

    /** The same, waiting for one doctor. */
    static Token token(TokenStatus status, Long preferredDoctorId) {
        boolean called = status == TokenStatus.CALLED
                || status == TokenStatus.IN_CONSULTATION
                || status == TokenStatus.COMPLETED
                || status == TokenStatus.NO_SHOW;
        return new Token(new Token.Snapshot(
                TOKEN_ID,
                UUID.fromString("6f1c2d3e-0000-4000-8000-000000000042"),
                DEPARTMENT_ID,
                LocalDate.of(2030, 1, 15),
                new TokenNumber("CARD", 7),
                new Token.Patient("Asha Rao", new PhoneNumber("+919812345678"), null),
                preferredDoctorId,
                Channel.WEB,
                Priority.NORMAL,
                status,
                called ? DOCTOR_ID : null,
                0,
                called ? CallReason.ARRIVAL_ORDER : null,
                null,
                JOINED,
                called ? JOINED.plusSeconds(60) : null,
                null,
                null,
                null,
                null,
                0));
    }
}
