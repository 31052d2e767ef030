package org.dqms.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** Requests reach the same handlers, and get the same answers for other methods, as with Spring's own mapping. */
@IntegrationTest
class MethodFirstHandlerMappingTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ApplicationContext context;

    ApiClient admin;

    @BeforeEach
    void admin() {
        admin = ApiClient.asAdmin(port, accounts);
    }

    @Test
    void controllersAreMappedByIt() {
        assertThat(context.getBean("requestMappingHandlerMapping")).isInstanceOf(MethodFirstHandlerMapping.class);
    }

    @Test
    void aPathWithAVariableReachesItsHandler() {
        HttpResponse<String> history = send("GET", "/api/v1/tokens/999999999/history");
        HttpResponse<String> start = send("POST", "/api/v1/tokens/999999999/start");

        assertThat(history.statusCode()).isEqualTo(404);
        assertThat(history.body()).contains("Token 999999999");
        assertThat(start.statusCode()).isEqualTo(404);
    }

    @Test
    void aPathWithAnEncodedLiteralIsMatchedDecodedAsSpringDoes() {
        HttpResponse<String> encoded = send("GET", "/api/v1/%74okens/999999999/history");

        assertThat(encoded.statusCode()).isEqualTo(404);
        assertThat(encoded.body()).contains("Token 999999999");
    }

    @Test
    void anotherMethodIs405NamingTheAllowedOnes() {
        HttpResponse<String> response = send("DELETE", "/api/v1/doctors/1/call-next");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void headAndOptionsAreAnsweredForGetMappings() {
        HttpResponse<String> head = send("HEAD", "/api/v1/departments");
        HttpResponse<String> options = send("OPTIONS", "/api/v1/departments");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST", "HEAD");
    }

    @Test
    void everyMappingIsResolvedAsSpringsOwnMappingResolvesIt() throws Exception {
        MethodFirstHandlerMapping ours = configured(new MethodFirstHandlerMapping());
        RequestMappingHandlerMapping springs = configured(new RequestMappingHandlerMapping());
        List<String> paths = new ArrayList<>();
        ours.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .map(pattern -> pattern.replaceAll("\\{\\*[^}]*}|\\{[^}]*}|\\*\\*|\\*", "17"))
                        .forEach(paths::add));
        paths.add("/api/v1/no-such-thing/17");

        int handled = 0;
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                String expected = resolve(springs, method, path);
                assertThat(resolve(ours, method, path)).as(method + " " + path).isEqualTo(expected);
                handled += expected.startsWith("handler") ? 1 : 0;
            }
        }
        assertThat(paths).hasSizeGreaterThan(100);
        assertThat(handled).isGreaterThan(100);
    }

    private <T extends RequestMappingHandlerMapping> T configured(T mapping) {
        mapping.setApplicationContext(context);
        mapping.setEmbeddedValueResolver(
                new EmbeddedValueResolver(((ConfigurableApplicationContext) context).getBeanFactory()));
        mapping.afterPropertiesSet();
        return mapping;
    }

    /** The handler and path variables a mapping picks for a request, or the exception it throws. */
    private static String resolve(RequestMappingHandlerMapping mapping, String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        request.addHeader("Accept", "application/json");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            return "handler " + ((HandlerMethod) chain.getHandler()).getMethod() + " "
                    + Objects.toString(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE));
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private HttpResponse<String> send(String method, String path) {
        return admin.send(HttpRequest.newBuilder(admin.uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
