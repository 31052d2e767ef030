package org.dqms.security;

import org.dqms.accounts.Role;
import org.dqms.platform.PageController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs: who is signed in, and where their work is. */
@ControllerAdvice(annotations = PageController.class)
class PageModelAdvice {

    /**
     * The signed-in staff member or patient, for the header; null for a visitor.
     *
     * @param home the page their role works on
     */
    record SignedIn(Role role, String home) {}

    @ModelAttribute("signedIn")
    SignedIn signedIn(Caller caller) {
        return caller.anonymous() ? null : new SignedIn(caller.role(), home(caller.role()));
    }

    static String home(Role role) {
        return switch (role) {
            case ADMIN -> "/admin";
            case RECEPTION -> "/reception";
            case DOCTOR -> "/doctor";
            case PATIENT -> "/";
        };
    }
}
