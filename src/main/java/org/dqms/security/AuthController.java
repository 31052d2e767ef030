package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.SignInResult;
import org.dqms.accounts.UserAccount;
import org.dqms.platform.Actor;
import org.dqms.platform.ServerOnly;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Signing in, up and out, refreshing a session, and who is signed in: /api/v1/auth. */
@RestController
@RequestMapping("/api/v1/auth")
@ServerOnly
class AuthController {

    // Who creates an account at self sign-up: the patient, who has no id until the account exists.
    static final Actor SELF_SIGN_UP = Actor.patient("sign-up");

    private static final String CHALLENGE = "Bearer realm=\"dqms\"";

    private final AccountService accounts;
    private final SessionService sessions;

    AuthController(AccountService accounts, SessionService sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    /**
     * 200 with a token pair; 401 alike for an unknown email and a wrong password, so the answer does
     * not tell which emails have accounts; 429 with {@code Retry-After} while the account is locked.
     */
    @PostMapping("/sign-in")
    ResponseEntity<?> signIn(@Valid @RequestBody AuthRequests.SignIn request, HttpServletRequest http) {
        SignInResult result = accounts.authenticate(request.email(), request.password(), http.getRemoteAddr());
        if (result instanceof SignInResult.SignedIn signedIn) {
            return ResponseEntity.ok(TokenResponse.of(sessions.start(signedIn.account())));
        }
        if (result instanceof SignInResult.LockedOut locked) {
            return lockedOut(locked.retryAfter());
        }
        return unauthorized("Sign-in failed", "The email or password is wrong.");
    }

    /** Creates a patient account and signs it in: 201 with the same token pair as sign-in. */
    @PostMapping("/sign-up")
    ResponseEntity<TokenResponse> signUp(@Valid @RequestBody AuthRequests.SignUp request) {
        UserAccount account = accounts.signUpPatient(
                SELF_SIGN_UP, request.name(), request.phone(), request.email(), request.password());
        return ResponseEntity.created(URI.create("/api/v1/auth/me")).body(TokenResponse.of(sessions.start(account)));
    }

    /** The next token pair; the presented refresh token is spent. 401 if it is not current. */
    @PostMapping("/refresh")
    ResponseEntity<?> refresh(@Valid @RequestBody AuthRequests.RefreshToken request) {
        if (sessions.refresh(request.refreshToken()) instanceof SessionService.Refresh.Refreshed refreshed) {
            return ResponseEntity.ok(TokenResponse.of(refreshed.session()));
        }
        return unauthorized("Session ended", "The refresh token is no longer valid; sign in again.");
    }

    /** Ends the session of the refresh token: it and every token refreshed from it stop working. */
    @PostMapping("/sign-out")
    ResponseEntity<Void> signOut(@Valid @RequestBody AuthRequests.RefreshToken request) {
        sessions.end(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    ResponseEntity<?> me(@AuthenticationPrincipal Jwt token) {
        Optional<UserAccount> account = accounts.findEnabled(Long.parseLong(token.getSubject()));
        return account.<ResponseEntity<?>>map(a -> ResponseEntity.ok(AccountView.of(a)))
                .orElseGet(() -> unauthorized("Not signed in", "The account no longer exists."));
    }

    private static ResponseEntity<ProblemDetail> unauthorized(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> lockedOut(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins; try again in " + seconds + " seconds.");
        problem.setTitle("Sign-in locked");
        problem.setProperty("retryAfterSeconds", seconds);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem);
    }
}
