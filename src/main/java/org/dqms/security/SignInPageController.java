package org.dqms.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.SignInResult;
import org.dqms.platform.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff and patients sign in with a form; the session goes into the same cookies as the API's
 * cookie sign-in, and the browser returns to the page that asked for it. The form must carry the
 * CSRF token its page rendered ({@link SignInFormToken}).
 */
@PageController
class SignInPageController {

    private final AccountService accounts;
    private final SessionService sessions;
    private final CsrfTokenRepository csrfTokens;
    private final SignInFormToken formToken;

    SignInPageController(AccountService accounts, SessionService sessions, CsrfTokenRepository csrfTokens) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.csrfTokens = csrfTokens;
        this.formToken = new SignInFormToken(csrfTokens);
    }

    @GetMapping("/sign-in")
    String form(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", Pages.safeNext(next, ""));
        return "auth/sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("next", Pages.safeNext(next, ""));
        if (!formToken.echoed(http)) {
            // Not this site's form, or one whose token cookie is gone: the page renders a new token,
            // and keeps no email that another site may have filled in.
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", "signin.error.expired");
            return "auth/sign-in";
        }
        model.addAttribute("email", email);
        if (email.isBlank() || password.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "signin.error.missing");
            return "auth/sign-in";
        }
        SignInResult result = accounts.authenticate(email.strip(), password, http.getRemoteAddr());
        if (result instanceof SignInResult.SignedIn signedIn) {
            csrfTokens.saveToken(csrfTokens.generateToken(http), http, response);
            SessionCookies.write(http, response, sessions.start(signedIn.account()), sessions.refreshTokenTtl());
            return "redirect:"
                    + Pages.safeNext(
                            next, PageModelAdvice.home(signedIn.account().role()));
        }
        if (result instanceof SignInResult.LockedOut locked) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("error", "signin.error.locked");
            model.addAttribute("minutes", Math.max(1, (locked.retryAfter().toSeconds() + 59) / 60));
            return "auth/sign-in";
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("error", "signin.error.wrong");
        return "auth/sign-in";
    }
}
