package org.dqms.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.dqms.platform.Actor;
import org.dqms.queue.TokenEvents.TokenCalled;
import org.dqms.queue.TokenEvents.TokenCancelled;
import org.dqms.queue.TokenEvents.TokenCompleted;
import org.dqms.queue.TokenEvents.TokenEvent;
import org.dqms.queue.TokenEvents.TokenExpired;
import org.dqms.queue.TokenEvents.TokenMarkedNoShow;
import org.dqms.queue.TokenEvents.TokenPreferenceReleased;
import org.dqms.queue.TokenEvents.TokenRecalled;
import org.dqms.queue.TokenEvents.TokenStarted;
import org.dqms.queue.TokenEvents.TokenTransferred;

/**
 * What a patient holds. Its life is a set of guarded transitions: each checks the current status,
 * records a history line and registers an event that is published once the change is stored.
 */
public final class Token {

    /** The most characters a doctor's notes on a consultation may have. */
    static final int MAX_NOTES = 4000;

    private final long id;
    private final UUID publicId;
    private final long departmentId;
    private final LocalDate serviceDate;
    private final TokenNumber number;
    private final Patient patient;
    private Long preferredDoctorId;
    private final Channel channel;
    private final Priority priority;
    private final Instant joinedAt;
    private final Long previousTokenId;
    private final int version;

    private TokenStatus status;
    private Long doctorId;
    private int recallCount;
    private CallReason callReason;
    private Instant calledAt;
    private Instant startedAt;
    private Instant completedAt;
    private Instant endedAt;
    private String consultationNotes;

    private final List<TokenTransition> transitions = new ArrayList<>();
    private final List<TokenEvent> events = new ArrayList<>();

    /** The patient's details as given at join. */
    public record Patient(String name, PhoneNumber phone, String email) {}

    /** Every field as stored; used by the repository to rebuild a token. */
    record Snapshot(
            long id,
            UUID publicId,
            long departmentId,
            LocalDate serviceDate,
            TokenNumber number,
            Patient patient,
            Long preferredDoctorId,
            Channel channel,
            Priority priority,
            TokenStatus status,
            Long doctorId,
            int recallCount,
            CallReason callReason,
            Long previousTokenId,
            Instant joinedAt,
            Instant calledAt,
            Instant startedAt,
            Instant completedAt,
            Instant endedAt,
            String consultationNotes,
            int version) {}

    Token(Snapshot s) {
        this.id = s.id();
        this.publicId = s.publicId();
        this.departmentId = s.departmentId();
        this.serviceDate = s.serviceDate();
        this.number = s.number();
        this.patient = s.patient();
        this.preferredDoctorId = s.preferredDoctorId();
        this.channel = s.channel();
        this.priority = s.priority();
        this.status = s.status();
        this.doctorId = s.doctorId();
        this.recallCount = s.recallCount();
        this.callReason = s.callReason();
        this.previousTokenId = s.previousTokenId();
        this.joinedAt = s.joinedAt();
        this.calledAt = s.calledAt();
        this.startedAt = s.startedAt();
        this.completedAt = s.completedAt();
        this.endedAt = s.endedAt();
        this.consultationNotes = s.consultationNotes();
        this.version = s.version();
    }

    Snapshot snapshot() {
        return new Snapshot(
                id,
                publicId,
                departmentId,
                serviceDate,
                number,
                patient,
                preferredDoctorId,
                channel,
                priority,
                status,
                doctorId,
                recallCount,
                callReason,
                previousTokenId,
                joinedAt,
                calledAt,
                startedAt,
                completedAt,
                endedAt,
                consultationNotes,
                version);
    }

    /** WAITING → CALLED: a doctor calls the patient to their room. */
    public void call(long doctor, CallReason reason, Actor actor, Instant at, String note) {
        require(Set.of(TokenStatus.WAITING), "be called");
        doctorId = doctor;
        callReason = reason;
        calledAt = at;
        move(TokenStatus.CALLED, actor, at, note == null || note.isBlank() ? reason.name() : reason + ": " + note);
        events.add(new TokenCalled(id, departmentId, doctor, reason, at, actor.label()));
    }

    /** CALLED → WAITING: the patient is not there yet; the token keeps its place in the queue. */
    public void recall(Actor actor, Instant at, String reason) {
        require(Set.of(TokenStatus.CALLED), "be recalled");
        recallCount++;
        doctorId = null;
        callReason = null;
        move(TokenStatus.WAITING, actor, at, reason);
        events.add(new TokenRecalled(id, departmentId, at, actor.label()));
    }

    /** CALLED → IN_CONSULTATION: the patient is with the doctor. */
    public void start(Actor actor, Instant at) {
        require(Set.of(TokenStatus.CALLED), "start a consultation");
        startedAt = at;
        move(TokenStatus.IN_CONSULTATION, actor, at, "");
        events.add(new TokenStarted(id, departmentId, doctorId, at, actor.label()));
    }

    /** IN_CONSULTATION → COMPLETED, with the doctor's optional notes (blank ones are none). */
    public void complete(Actor actor, Instant at, String notes) {
        require(Set.of(TokenStatus.IN_CONSULTATION), "be completed");
        completedAt = at;
        endedAt = at;
        consultationNotes = notes == null || notes.isBlank() ? null : notes.strip();
        move(TokenStatus.COMPLETED, actor, at, "");
        events.add(new TokenCompleted(id, departmentId, doctorId, at, actor.label()));
    }

    /** CALLED → NO_SHOW: called, and never came. */
    public void markNoShow(Actor actor, Instant at, String reason) {
        require(Set.of(TokenStatus.CALLED), "be marked no-show");
        endedAt = at;
        move(TokenStatus.NO_SHOW, actor, at, reason);
        events.add(new TokenMarkedNoShow(id, departmentId, at, actor.label()));
    }

    /** WAITING or CALLED → CANCELLED, by the patient or by staff. */
    public void cancel(Actor actor, Instant at, String reason) {
        require(Set.of(TokenStatus.WAITING, TokenStatus.CALLED), "be cancelled");
        endedAt = at;
        move(TokenStatus.CANCELLED, actor, at, reason);
        events.add(new TokenCancelled(id, departmentId, at, actor.label()));
    }

    /** COMPLETED or WAITING → TRANSFERRED: the journey goes on with the token {@code next}. */
    public void transfer(long next, Actor actor, Instant at, String reason) {
        require(Set.of(TokenStatus.COMPLETED, TokenStatus.WAITING), "be transferred");
        endedAt = at;
        move(TokenStatus.TRANSFERRED, actor, at, reason);
        events.add(new TokenTransferred(id, departmentId, next, at, actor.label()));
    }

    /**
     * WAITING or CALLED, unchanged: the doctor the patient asked for no longer sees the department,
     * so any of its doctors may call them (again, after a recall). The token keeps its place.
     */
    public void releasePreference(Actor actor, Instant at, String reason) {
        require(Set.of(TokenStatus.WAITING, TokenStatus.CALLED), "release its preferred doctor");
        if (preferredDoctorId == null) {
            throw new IllegalTransitionException(id, status, "release a preferred doctor it does not have");
        }
        long released = preferredDoctorId;
        preferredDoctorId = null;
        move(status, actor, at, reason);
        events.add(new TokenPreferenceReleased(id, departmentId, released, at, actor.label()));
    }

    /** Checks, before creating the next token, that this one may be transferred. */
    public void requireTransferable() {
        require(Set.of(TokenStatus.COMPLETED, TokenStatus.WAITING), "be transferred");
    }

    /** WAITING → EXPIRED: the department closed before the patient was called. */
    public void expire(Instant at) {
        require(Set.of(TokenStatus.WAITING), "expire");
        endedAt = at;
        move(TokenStatus.EXPIRED, Actor.SYSTEM, at, "department closed");
        events.add(new TokenExpired(id, departmentId, at, Actor.SYSTEM.label()));
    }

    private void require(Set<TokenStatus> allowed, String action) {
        if (!allowed.contains(status)) {
            throw new IllegalTransitionException(id, status, action);
        }
    }

    private void move(TokenStatus to, Actor actor, Instant at, String reason) {
        transitions.add(new TokenTransition(status, to, actor.label(), reason == null ? "" : reason, at));
        status = to;
    }

    /** Transitions made since the token was loaded, for the history table; then forgotten. */
    List<TokenTransition> drainTransitions() {
        List<TokenTransition> drained = List.copyOf(transitions);
        transitions.clear();
        return drained;
    }

    /** Events registered since the token was loaded, to publish after saving; then forgotten. */
    List<TokenEvent> drainEvents() {
        List<TokenEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    public long id() {
        return id;
    }

    public UUID publicId() {
        return publicId;
    }

    public long departmentId() {
        return departmentId;
    }

    public LocalDate serviceDate() {
        return serviceDate;
    }

    public TokenNumber number() {
        return number;
    }

    public Patient patient() {
        return patient;
    }

    public Long preferredDoctorId() {
        return preferredDoctorId;
    }

    public Channel channel() {
        return channel;
    }

    public Priority priority() {
        return priority;
    }

    public TokenStatus status() {
        return status;
    }

    public Long doctorId() {
        return doctorId;
    }

    public int recallCount() {
        return recallCount;
    }

    public CallReason callReason() {
        return callReason;
    }

    public Long previousTokenId() {
        return previousTokenId;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public Instant calledAt() {
        return calledAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String consultationNotes() {
        return consultationNotes;
    }

    int version() {
        return version;
    }
}
