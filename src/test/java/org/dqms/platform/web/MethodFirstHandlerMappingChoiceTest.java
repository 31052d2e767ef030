package org.dqms.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** Where a literal path and a path with a variable both match, the literal one wins, as in Spring. */
class MethodFirstHandlerMappingChoiceTest {

    @RestController
    static class Things {
        @GetMapping("/a/{id}")
        String aById(@PathVariable String id) {
            return id;
        }

        @GetMapping("/a/mine")
        String aMine() {
            return "mine";
        }

        @GetMapping("/b/{id}")
        String bById(@PathVariable String id) {
            return id;
        }

        @GetMapping("/b/mine")
        String bMine() {
            return "mine";
        }

        @GetMapping("/c/{id}")
        String cById(@PathVariable String id) {
            return id;
        }

        @GetMapping("/c/mine")
        String cMine() {
            return "mine";
        }

        @GetMapping("/d/{id}")
        String dById(@PathVariable String id) {
            return id;
        }

        @GetMapping("/d/mine")
        String dMine() {
            return "mine";
        }

        @GetMapping("/e/{id}")
        String eById(@PathVariable String id) {
            return id;
        }

        @GetMapping("/e/mine")
        String eMine() {
            return "mine";
        }
    }

    @Test
    void theLiteralPathWinsOverAVariableAsInSpring() throws Exception {
        StaticApplicationContext context = new StaticApplicationContext();
        context.registerSingleton("things", Things.class);
        context.refresh();
        MethodFirstHandlerMapping ours = configured(new MethodFirstHandlerMapping(), context);
        RequestMappingHandlerMapping springs = configured(new RequestMappingHandlerMapping(), context);

        for (String prefix : new String[] {"/a", "/b", "/c", "/d", "/e"}) {
            assertThat(handler(ours, prefix + "/mine")).isEqualTo(handler(springs, prefix + "/mine"));
            assertThat(handler(ours, prefix + "/mine")).endsWith("Mine");
            assertThat(handler(ours, prefix + "/17")).isEqualTo(handler(springs, prefix + "/17"));
            assertThat(handler(ours, prefix + "/17")).endsWith("ById");
        }
    }

    private static <T extends RequestMappingHandlerMapping> T configured(T mapping, StaticApplicationContext context) {
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static String handler(RequestMappingHandlerMapping mapping, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = mapping.getHandler(request);
        return chain == null
                ? "none"
                : ((HandlerMethod) chain.getHandler()).getMethod().getName();
    }
}
