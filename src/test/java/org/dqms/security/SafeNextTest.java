package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sign-in page's {@code next}: followed only when it is a path on dqms itself. */
class SafeNextTest {

    private static final String HOME = "/admin";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/admin",
                "/admin/departments/12/edit",
                "/reception?department=3&status=WAITING",
                "/admin/users?page=2&size=20",
                "/join/5?lang=hi",
                "/t/0b5e7c3a-4f0e-4c1e-9f0a-2d7c9e1b3a44",
                // Percent-encoded, a tab or slash stays in the path: no parser decodes it there.
                "/%09/evil.example",
                "/%2F%2Fevil.example",
                "/%5Cevil.example",
                "/a-b_c.d~e!$&'()*+,;=:@/f?g=h/i"
            })
    void aPathOnThisSiteIsFollowed(String next) {
        assertThat(Pages.safeNext(next, HOME)).isEqualTo(next);
        assertThat(URI.create("https://dqms.example/sign-in").resolve(next).getHost())
                .isEqualTo("dqms.example");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                // Another host, or a scheme.
                "//evil.example",
                "///evil.example",
                "//evil.example/admin",
                "https://evil.example",
                "http:evil.example",
                "https:/evil.example",
                "javascript:alert(1)",
                "JavaScript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "evil.example",
                "admin",
                "./admin",
                // Backslashes, which browsers read as slashes.
                "/\\evil.example",
                "/\\\\evil.example",
                "\\\\evil.example",
                "\\/evil.example",
                "/\\/evil.example",
                // Control characters and spaces, which browsers drop or trim: /%09/ decoded, and the like.
                "/\t/evil.example",
                "/\n/evil.example",
                "/\r/evil.example",
                "/\r\n/evil.example",
                "\t//evil.example",
                "/\t\t/evil.example",
                " //evil.example",
                "/ /evil.example",
                "/admin ",
                "/\u000B/evil.example",
                "/\u000C/evil.example",
                "/\u0000/evil.example",
                "/admin\u0000",
                "/\u007F/evil.example",
                "/\u0085/evil.example",
                "/\u00A0/evil.example",
                "/\u2028/evil.example",
                "/\u200B/evil.example",
                "/\uFEFF/evil.example",
                // Letters that look like slashes, dots or backslashes.
                "\uFF0F\uFF0Fevil.example",
                "/\uFF0Fevil.example",
                "/\u2215evil.example",
                "/\u2044evil.example",
                "/\u29F8evil.example",
                "/\uFF3Cevil.example",
                "/\uFE68evil.example",
                "/evil\u3002example",
                "/\u0430dmin",
                // What a URL path does not hold as it is, or a redirect would expand.
                "/{next}",
                "/admin{x}",
                "/admin\"onmouseover=\"x",
                "/<script>",
                "/admin#top",
                "/admin|x",
                "/admin^x",
                "/admin`x",
                "/[::1]",
                "/%",
                "/%2",
                "/%zz/evil.example",
                "/%0g"
            })
    void anythingElseFallsBackToTheHomePage(String next) {
        assertThat(Pages.safeNext(next, HOME)).isEqualTo(HOME);
    }
}
