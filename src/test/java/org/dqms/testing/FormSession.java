package org.dqms.testing;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on the pages, as far as tests need one: it signs in with the sign-in form, keeps the
 * cookies the application sets, follows no redirects, and sends a form with the {@code _csrf} value
 * of the page that holds it, as a browser would.
 *
 * <pre>{@code
 * FormSession admin = FormSession.signIn(port, email, password);
 * FormSession.Page form = admin.get("/admin/departments/new");
 * FormSession.Page created = admin.submit(form, "/admin/departments", "name", "Cardiology", ...);
 * }</pre>
 */
public final class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final PageSession session;

    private FormSession(PageSession session) {
        this.session = session;
    }

    /** No cookies: a visitor who has not signed in. */
    public static FormSession anonymous(int port) {
        return new FormSession(PageSession.anonymous(port));
    }

    /** Signs in through the sign-in form; fails unless it redirects, as it does on success. */
    public static FormSession signIn(int port, String email, String password) {
        return new FormSession(PageSession.signIn(port, email, password));
    }

    /** A page as the application answered it. */
    public record Page(int status, String body, String location) {

        /** The CSRF token of the page's forms. */
        public String csrf() {
            Matcher matcher = CSRF.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("the page has no form with a CSRF token");
            }
            return matcher.group(1);
        }
    }

    public Page get(String path) {
        return page(session.get(path));
    }

    /** Sends a form of {@code page} to {@code action}, with the page's CSRF token; fields as name, value pairs. */
    public Page submit(Page page, String action, String... fields) {
        String[] withToken = new String[fields.length + 2];
        System.arraycopy(fields, 0, withToken, 0, fields.length);
        withToken[fields.length] = "_csrf";
        withToken[fields.length + 1] = page.csrf();
        return post(action, withToken);
    }

    /** Sends a form as it stands, without adding a CSRF token. */
    public Page post(String path, String... fields) {
        return page(session.postPairs(path, fields));
    }

    private static Page page(HttpResponse<String> response) {
        return new Page(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Location").orElse(null));
    }
}
