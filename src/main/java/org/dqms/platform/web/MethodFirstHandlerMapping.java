package org.dqms.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's mapping of requests to controllers, passing over at a glance the mappings that cannot
 * match. A path with a variable ({@code /api/v1/tokens/{id}/start}) is compared with every mapping,
 * and each comparison reads the request's method through the chain of request wrappers that the
 * filters add, then matches the path pattern: in the benchmark's doctors' cycle, a sixth of the
 * application's CPU. Here each mapping's methods and the literal start of its paths (up to the first
 * variable or wildcard) are noted once, and a mapping is passed over when the request's method or
 * path rules it out; any other is compared by Spring as before. HEAD and OPTIONS requests (which
 * match GET mappings, CORS pre-flights and the default OPTIONS answer) are not passed over for their
 * method, nor paths with {@code %} or {@code ;}, whose literal parts Spring compares decoded.
 *
 * <p>When the mappings that are left hold exactly one match, that match is taken at once: Spring
 * would find the same one (it looks first among the mappings with that exact path, then among all)
 * and only sorts and compares when several match. Several matches, none, and mappings registered
 * after start-up go through Spring's own lookup.
 */
class MethodFirstHandlerMapping extends RequestMappingHandlerMapping {

    private record Request(RequestMethod method, String path) {}

    private record Shape(long methods, String[] prefixes) {

        static Shape of(RequestMappingInfo info) {
            long methods = 0;
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                methods |= 1L << method.ordinal();
            }
            String[] prefixes = info.getPathPatternsCondition() == null
                    ? null
                    : info.getPathPatternsCondition().getPatterns().stream()
                            .map(pattern -> literalStart(pattern.getPatternString()))
                            .toArray(String[]::new);
            return new Shape(methods, prefixes);
        }

        private static String literalStart(String pattern) {
            int end = pattern.length();
            for (char c : new char[] {'{', '*', '?'}) {
                int at = pattern.indexOf(c);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            return pattern.substring(0, end);
        }

        boolean rulesOut(Request request) {
            if (request.method() != null
                    && methods != 0
                    && (methods & (1L << request.method().ordinal())) == 0) {
                return true;
            }
            if (request.path() == null || prefixes == null || prefixes.length == 0) {
                return false;
            }
            for (String prefix : prefixes) {
                if (request.path().startsWith(prefix)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A mapping with its shape and handler, as registered at start-up. */
    private record Candidate(RequestMappingInfo info, Shape shape, HandlerMethod handler) {}

    private static final ThreadLocal<Request> REQUEST = new ThreadLocal<>();

    private final Map<RequestMappingInfo, Shape> shapes = new ConcurrentHashMap<>();

    /** The mappings found at start-up; null once a mapping is added or removed later. */
    private volatile Candidate[] candidates;

    /** Puts this mapping in place of Spring Boot's own. */
    static WebMvcRegistrations registration() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new MethodFirstHandlerMapping();
            }
        };
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        shapes.put(mapping, Shape.of(mapping));
    }

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        candidates = handlerMethods.entrySet().stream()
                .map(entry -> new Candidate(entry.getKey(), shapes.get(entry.getKey()), entry.getValue()))
                .toArray(Candidate[]::new);
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        candidates = null;
        super.registerMapping(mapping, handler, method);
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        candidates = null;
        super.unregisterMapping(mapping);
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        RequestMethod method = RequestMethod.resolve(request.getMethod());
        boolean plainPath = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
        Request current = new Request(
                method == RequestMethod.HEAD || method == RequestMethod.OPTIONS ? null : method,
                plainPath ? lookupPath : null);
        Candidate[] all = candidates;
        if (all != null && current.method() != null && current.path() != null) {
            HandlerMethod only = onlyMatch(all, current, lookupPath, request);
            if (only != null) {
                return only;
            }
        }
        REQUEST.set(current);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            REQUEST.remove();
        }
    }

    /** The handler of the one mapping that matches, with the match noted on the request; else null. */
    private HandlerMethod onlyMatch(Candidate[] all, Request current, String lookupPath, HttpServletRequest request) {
        Candidate found = null;
        RequestMappingInfo match = null;
        for (Candidate candidate : all) {
            if (candidate.shape().rulesOut(current)) {
                continue;
            }
            RequestMappingInfo matching = super.getMatchingMapping(candidate.info(), request);
            if (matching != null) {
                if (found != null) {
                    return null;
                }
                found = candidate;
                match = matching;
            }
        }
        if (found == null) {
            return null;
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, found.handler());
        handleMatch(match, lookupPath, request);
        return found.handler();
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        Request current = REQUEST.get();
        if (current != null) {
            Shape shape = shapes.get(info);
            if (shape != null && shape.rulesOut(current)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }
}
