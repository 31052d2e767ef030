package org.dqms.accounts;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dqms.accounts.AccountRepository.StoredAccount;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and sign-in: what the security module and the pages use. Passwords are checked against
 * the {@link PasswordPolicy} when set, stored as bcrypt hashes, and never logged.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_NAME_LENGTH = 120;

    private final AccountRepository accounts;
    private final SignInFailures failures;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final ApplicationEventPublisher events;

    AccountService(
            AccountRepository accounts,
            SignInFailures failures,
            Passwords passwords,
            PasswordPolicy policy,
            DepartmentService departments,
            DoctorService doctors,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.failures = failures;
        this.passwords = passwords;
        this.policy = policy;
        this.departments = departments;
        this.doctors = doctors;
        this.events = events;
    }

    /**
     * Checks an email and password. Unknown emails take as long as wrong passwords and get the same
     * {@link SignInResult.Refused}; failures are counted per email, whether an account has it or not,
     * and a locked email answers {@link SignInResult.LockedOut} to every attempt, right or wrong.
     *
     * @param clientIp the caller's address, for the log and the audit log
     */
    public SignInResult authenticate(String email, String password, String clientIp) {
        String key = email == null ? "" : email.strip();
        Optional<Duration> locked = failures.lockedFor(key);
        if (locked.isPresent()) {
            log.info("Sign-in refused from {}: locked for {}", clientIp, locked.get());
            events.publishEvent(
                    new AccountEvents.SignInFailed(key, AccountEvents.SignInFailed.Reason.LOCKED, clientIp));
            return new SignInResult.LockedOut(locked.get());
        }
        Optional<StoredAccount> stored = key.isEmpty() ? Optional.empty() : accounts.findByEmail(key);
        boolean matches = check(stored, password == null ? "" : password);
        if (matches && stored.get().enabled()) {
            failures.forget(key);
            UserAccount account = stored.get().account();
            upgradeHash(account.id(), stored.get().passwordHash(), password);
            log.info("Account {} ({}) signed in from {}", account.id(), account.role(), clientIp);
            events.publishEvent(new AccountEvents.SignedIn(
                    account.id(), account.role(), account.doctorId(), account.email(), clientIp));
            return new SignInResult.SignedIn(account);
        }
        Optional<Duration> lockedNow = failures.count(key);
        if (lockedNow.isPresent()) {
            log.warn(
                    "Sign-in failed from {}; {} locked for {} after repeated failures",
                    clientIp,
                    stored.map(s -> "account " + s.account().id()).orElse("an email without an account"),
                    lockedNow.get());
            events.publishEvent(new AccountEvents.SignInLockedOut(key, lockedNow.get(), clientIp));
            return new SignInResult.LockedOut(lockedNow.get());
        }
        log.info(
                "Sign-in failed from {} ({})",
                clientIp,
                stored.map(s -> "account " + s.account().id() + (s.enabled() ? "" : ", disabled"))
                        .orElse("no such account"));
        events.publishEvent(new AccountEvents.SignInFailed(key, AccountEvents.SignInFailed.Reason.REFUSED, clientIp));
        return new SignInResult.Refused();
    }

    /** The account, if it exists, enabled or not. */
    @Transactional(readOnly = true)
    public Optional<UserAccount> find(long id) {
        return accounts.find(id).map(StoredAccount::account);
    }

    /** The account, if it exists and may still sign in: what a session refresh must check. */
    @Transactional(readOnly = true)
    public Optional<UserAccount> findEnabled(long id) {
        return accounts.find(id).filter(StoredAccount::enabled).map(StoredAccount::account);
    }

    /**
     * Creates a patient's account. 409 ({@link ConflictException}) if the email is taken, whatever
     * its case; {@code IllegalArgumentException("field: ...")} (400) for a bad email, name, phone or
     * a password the policy refuses.
     *
     * @param phone in E.164, or null
     */
    @Transactional
    public UserAccount signUpPatient(Actor actor, String name, String phone, String email, String password) {
        return create(
                actor, new NewAccount(email(email), name(name), phone(phone), Role.PATIENT, Set.of(), null), password);
    }

    /**
     * Creates a staff account. A {@link Role#RECEPTION} account needs at least one department, a
     * {@link Role#DOCTOR} account the id of an existing doctor without an account; others have
     * neither. Who may call this (administrators) is the security module's rule.
     */
    @Transactional
    public UserAccount createStaff(
            Actor actor,
            String email,
            String name,
            Role role,
            Set<Long> departmentIds,
            Long doctorId,
            String password) {
        Set<Long> departmentsOf = staffScope(role, departmentIds, doctorId);
        return create(actor, new NewAccount(email(email), name(name), null, role, departmentsOf, doctorId), password);
    }

    /** An account with whether it is enabled; {@link NotFoundException} (404) if there is none. */
    @Transactional(readOnly = true)
    ManagedAccount get(long id) {
        return accounts.find(id).map(AccountService::managed).orElseThrow(() -> new NotFoundException("Account", id));
    }

    /** Page {@code page} (from 0) of accounts by id, of one role or, if {@code role} is null, of all. */
    @Transactional(readOnly = true)
    PageView<ManagedAccount> page(Role role, int page, int size) {
        return PageView.of(
                accounts.page(role, size, (long) page * size).stream()
                        .map(AccountService::managed)
                        .toList(),
                page,
                size,
                accounts.count(role));
    }

    /**
     * Gives a staff account another role, or other departments or another doctor in its role, checked
     * as {@link #createStaff} checks them (400). 409 ({@link ConflictException}) for a patient's
     * account, which stays a patient's, for a doctor that has an account already, and for demoting
     * the last enabled administrator.
     */
    @Transactional
    ManagedAccount changeRole(Actor actor, long id, Role role, Set<Long> departmentIds, Long doctorId) {
        Set<Long> departmentsOf = staffScope(role, departmentIds, doctorId);
        StoredAccount stored = accounts.find(id).orElseThrow(() -> new NotFoundException("Account", id));
        UserAccount before = stored.account();
        if (before.role() == Role.PATIENT) {
            throw new ConflictException(
                    "Patient account",
                    "A patient's account cannot become a staff account; create a staff account instead.",
                    Map.of("currentRole", Role.PATIENT.name()));
        }
        if (before.role() == Role.ADMIN && role != Role.ADMIN && stored.enabled()) {
            keepAnotherAdmin(id);
        }
        try {
            accounts.updateRole(id, role, departmentsOf, doctorId);
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        ManagedAccount after = get(id);
        boolean changed = before.role() != role
                || !before.departmentIds().equals(after.account().departmentIds())
                || !Objects.equals(before.doctorId(), doctorId);
        if (changed) {
            log.info("Account {} changed from {} to {} by {}", id, before.role(), role, actor.label());
            events.publishEvent(new AccountEvents.RoleChanged(id, before.role(), role, actor.label()));
        }
        return after;
    }

    /**
     * Disables an account (no sign-in, no refresh; access tokens already out expire within their
     * lifetime) or enables it again. Its sessions end with the {@link
     * AccountEvents.AccountEnabledChanged} published here, which the security module handles in this
     * transaction. 409 ({@link ConflictException}) for disabling the last enabled administrator.
     * Setting what is already set changes nothing and is not recorded.
     */
    @Transactional
    ManagedAccount setEnabled(Actor actor, long id, boolean enabled) {
        StoredAccount stored = accounts.find(id).orElseThrow(() -> new NotFoundException("Account", id));
        if (stored.enabled() == enabled) {
            return managed(stored);
        }
        if (!enabled && stored.account().role() == Role.ADMIN) {
            keepAnotherAdmin(id);
        }
        accounts.updateEnabled(id, enabled);
        log.info("Account {} {} by {}", id, enabled ? "enabled" : "disabled", actor.label());
        events.publishEvent(new AccountEvents.AccountEnabledChanged(id, enabled, actor.label()));
        return get(id);
    }

    /** Refuses (409) to take administrator {@code id} away when no other enabled one would remain. */
    private void keepAnotherAdmin(long id) {
        if (accounts.lockEnabledAdmins().stream().allMatch(admin -> admin == id)) {
            throw new ConflictException(
                    "Last administrator",
                    "The last enabled administrator cannot be disabled or given another role.",
                    Map.of("accountId", id));
        }
    }

    /** Whether an enabled administrator exists. */
    @Transactional(readOnly = true)
    public boolean anyAdmin() {
        return accounts.anyAdmin();
    }

    /** Whether any account exists; demo accounts are made only when none does. */
    @Transactional(readOnly = true)
    boolean anyAccount() {
        return accounts.anyAccount();
    }

    private UserAccount create(Actor actor, NewAccount account, String password) {
        policy.check(password, account.email(), account.name());
        long id;
        try {
            id = accounts.insert(account, passwords.hash(password));
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        log.info("Account {} ({}) created by {}", id, account.role(), actor.label());
        events.publishEvent(new AccountEvents.AccountCreated(id, account.role(), actor.label()));
        return accounts.find(id).orElseThrow().account();
    }

    /**
     * The departments of a staff account of the role, after checking role, departments and doctor
     * as {@link #createStaff} describes; {@code IllegalArgumentException("field: ...")} (400) if not.
     */
    private Set<Long> staffScope(Role role, Set<Long> departmentIds, Long doctorId) {
        if (role == null || role == Role.PATIENT) {
            throw new IllegalArgumentException("role: must be RECEPTION, DOCTOR or ADMIN");
        }
        Set<Long> departmentsOf = departmentIds == null ? Set.of() : departmentIds;
        if (role == Role.RECEPTION && departmentsOf.isEmpty()) {
            throw new IllegalArgumentException("departmentIds: a reception account needs at least one department");
        }
        if (role != Role.RECEPTION && !departmentsOf.isEmpty()) {
            throw new IllegalArgumentException("departmentIds: only reception accounts have departments");
        }
        departmentsOf.stream().sorted().forEach(id -> {
            if (departments.find(id).isEmpty()) {
                throw new IllegalArgumentException("departmentIds: no department has the id " + id);
            }
        });
        if (role == Role.DOCTOR && doctorId == null) {
            throw new IllegalArgumentException("doctorId: a doctor account needs the id of its doctor");
        }
        if (role != Role.DOCTOR && doctorId != null) {
            throw new IllegalArgumentException("doctorId: only doctor accounts have a doctor");
        }
        if (doctorId != null && doctors.find(doctorId).isEmpty()) {
            throw new IllegalArgumentException("doctorId: no doctor has the id " + doctorId);
        }
        return departmentsOf;
    }

    private static ManagedAccount managed(StoredAccount stored) {
        return new ManagedAccount(stored.account(), stored.enabled());
    }

    private boolean check(Optional<StoredAccount> stored, String password) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            // bcrypt would compare only the first 72 bytes; no account has a longer password.
            return false;
        }
        if (stored.isEmpty()) {
            passwords.matchNothing(password);
            return false;
        }
        return passwords.matches(password, stored.get().passwordHash());
    }

    /** Rehashes with the current default (algorithm or cost) while the password is at hand. */
    private void upgradeHash(long id, String hash, String password) {
        if (passwords.needsRehash(hash)) {
            accounts.updatePasswordHash(id, passwords.hash(password));
        }
    }

    private static ConflictException duplicate(DuplicateKeyException e) {
        if (String.valueOf(e.getMessage()).contains("app_user_doctor_unique")) {
            return new ConflictException(
                    "Doctor has an account", "This doctor already has an account.", Map.of("field", "doctorId"));
        }
        return new ConflictException(
                "Account exists", "An account with this email already exists.", Map.of("field", "email"));
    }

    private static String email(String email) {
        String value = email == null ? "" : email.strip();
        if (value.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("email: must be an email address such as name@example.org");
        }
        return value;
    }

    private static String name(String name) {
        String value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name: must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return value;
    }

    private static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String value = phone.strip();
        if (!E164.matcher(value).matches()) {
            throw new IllegalArgumentException("phone: must be in international format, e.g. +919812345678");
        }
        return value;
    }
}
