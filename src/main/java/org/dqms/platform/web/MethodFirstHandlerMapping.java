package org.dqms.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's mapping of requests to controllers, with the HTTP method read once per request. A
 * path with a variable ({@code /api/v1/tokens/{id}/start}) is matched against every mapping, and
 * each of them first compares the request's method, which it reads through the whole chain of
 * request wrappers that the filters add: in the benchmark's doctors' cycle, a seventh of the
 * application's CPU went into that. A mapping for other methods is passed over here with the method
 * read once. HEAD and OPTIONS requests (which match GET mappings, CORS pre-flights and the default
 * OPTIONS answer) take Spring's own path unchanged, and so does every mapping that may match.
 */
class MethodFirstHandlerMapping extends RequestMappingHandlerMapping {

    private static final ThreadLocal<RequestMethod> METHOD = new ThreadLocal<>();

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
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        RequestMethod method = RequestMethod.resolve(request.getMethod());
        METHOD.set(method == RequestMethod.HEAD || method == RequestMethod.OPTIONS ? null : method);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            METHOD.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        RequestMethod method = METHOD.get();
        if (method != null) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(method)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }
}
