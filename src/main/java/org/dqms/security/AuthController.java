package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.csrf.CsrfTokenRepository;
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
    private final CsrfTokenRepository csrfTokens;

    AuthController(AccountService accounts, SessionService sessions, CsrfTokenRepository csrfTokens) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.csrfTokens = csrfTokens;
    }

    /**
     * The answer when the session went into cookies: no token in the body, only when the access token
     * expires.
     *
     * @param expiresIn seconds until the access cookie expires
     */
    record CookieSession(long expiresIn) {}

    /**
     * 200 with a token pair, or with {@code "cookies": true} the session in cookies and a new
     * {@code XSRF-TOKEN}; 401 alike for an unknown email and a wrong password, so the answer does
     * not tell which emails have accounts; 429 with {@code Retry-After} while the account is locked.
     */
    @PostMapping("/sign-in")
    ResponseEntity<?> signIn(
            @Valid @RequestBody AuthRequests.SignIn request, HttpServletRequest http, HttpServletResponse response) {
        SignInResult result = accounts.authenticate(request.email(), request.password(), http.getRemoteAddr());
        if (result instanceof SignInResult.SignedIn signedIn) {
            Session session = sessions.start(signedIn.account());
            if (request.wantsCookies()) {
                // A new session gets a new CSRF token, so one planted before sign-in is worthless.
                csrfTokens.saveToken(csrfTokens.generateToken(http), http, response);
                return inCookies(http, response, session);
            }
            return ResponseEntity.ok(TokenResponse.of(session));
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

    /**
     * The next token pair; the presented refresh token is spent. 401 if it is not current. The token
     * comes from the body or else the {@code dqms_refresh} cookie; the pair goes back the same way.
     */
    @PostMapping("/refresh")
    ResponseEntity<?> refresh(
            @Valid @RequestBody(required = false) AuthRequests.RefreshToken body,
            HttpServletRequest http,
            HttpServletResponse response) {
        AuthRequests.RefreshToken request = body == null ? AuthRequests.RefreshToken.NONE : body;
        String inBody = request.inBody();
        String refreshToken = inBody != null ? inBody : SessionCookies.read(http, SessionCookies.REFRESH);
        boolean cookies = inBody == null || request.wantsCookies();
        if (refreshToken != null
                && sessions.refresh(refreshToken) instanceof SessionService.Refresh.Refreshed refreshed) {
            if (cookies) {
                CsrfCookieFilter.issue(http);
                return inCookies(http, response, refreshed.session());
            }
            return ResponseEntity.ok(TokenResponse.of(refreshed.session()));
        }
        if (cookies) {
            SessionCookies.clear(http, response);
        }
        return unauthorized("Session ended", "The refresh token is no longer valid; sign in again.");
    }

    /**
     * Ends the session of the refresh token (from the body, or else the {@code dqms_refresh} cookie):
     * it and every token refreshed from it stop working. The session and CSRF cookies are cleared.
     */
    @PostMapping("/sign-out")
    ResponseEntity<Void> signOut(
            @Valid @RequestBody(required = false) AuthRequests.RefreshToken body,
            HttpServletRequest http,
            HttpServletResponse response) {
        String inBody = body == null ? null : body.inBody();
        String refreshToken = inBody != null ? inBody : SessionCookies.read(http, SessionCookies.REFRESH);
        if (refreshToken != null) {
            sessions.end(refreshToken);
        }
        csrfTokens.saveToken(null, http, response);
        SessionCookies.clear(http, response);
        return ResponseEntity.noContent().build();
    }

    /**
     * The same for a page's form, which posts its CSRF token in {@code _csrf} and no JSON: 303 to
     * the start page. The form posts here because only this path gets the refresh cookie.
     */
    @PostMapping(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> signOutForm(HttpServletRequest http, HttpServletResponse response) {
        signOut(null, http, response);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/"))
                .build();
    }

    private ResponseEntity<CookieSession> inCookies(
            HttpServletRequest http, HttpServletResponse response, Session session) {
        SessionCookies.write(http, response, session, sessions.refreshTokenTtl());
        return ResponseEntity.ok(new CookieSession(session.accessTokenTtl().toSeconds()));
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
