package org.dqms.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dqms.platform.web.FormInput;
import org.dqms.security.RateLimitSettings.Limit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits sign-in, sign-up and joining per client IP address, and sign-up and joining per phone
 * number too, answering 429 with {@code Retry-After} beyond a limit. The client IP is
 * {@link HttpServletRequest#getRemoteAddr()} after the forwarded headers have been applied. The
 * phone number is read from the JSON body, which is then replayed to the controller; a body that is
 * not JSON or has no valid phone number counts against the IP limit only, and the controller
 * refuses it. The counters live in the database: when it is busy or cannot be reached, the exception
 * goes on to the platform's {@code DatabaseBusyFilter}, which answers 503 as a controller would.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final RateLimits limits;
    private final List<Endpoint> endpoints;

    /** A limited endpoint; {@code perPhone} is null where the body has no phone number. */
    private record Endpoint(RequestMatcher matcher, Limit perIp, Limit perPhone) {}

    RateLimitFilter(RateLimits limits, RateLimitSettings settings) {
        this.limits = limits;
        this.endpoints = List.of(
                new Endpoint(post("/api/v1/auth/sign-in"), settings.signInIp(), null),
                new Endpoint(post("/api/v1/auth/sign-up"), settings.signUpIp(), settings.signUpPhone()),
                new Endpoint(
                        post("/api/v1/departments/{departmentId}/tokens"), settings.joinIp(), settings.joinPhone()),
                // A booking takes a slot as a join takes a number: the same limits.
                new Endpoint(
                        post("/api/v1/booking-plans/{planId}/appointments"), settings.joinIp(), settings.joinPhone()),
                // The pages' forms count against the same limits as the API.
                new Endpoint(post("/sign-in"), settings.signInIp(), null),
                new Endpoint(post("/join/{departmentId}"), settings.joinIp(), settings.joinPhone()),
                new Endpoint(post("/book/{departmentId}"), settings.joinIp(), settings.joinPhone()));
    }

    // Matched the way Spring MVC matches its mappings, so an encoded path cannot slip past.
    private static RequestMatcher post(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, pattern);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return endpoint(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Endpoint endpoint = endpoint(request).orElseThrow();
        HttpServletRequest forwarded = request;
        Optional<String> phone = Optional.empty();
        if (endpoint.perPhone() != null && !isJson(request)) {
            // A page's form, or parameters in the query string (which a page's controller reads as
            // well): the container parses them, and they stay readable downstream.
            phone = formPhone(request.getParameter("phone"));
        } else if (endpoint.perPhone() != null && !utf8(request)) {
            // Spring would decode another charset; the limit could not read the number in it.
            ProblemResponses.write(
                    request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported charset", "Send JSON in UTF-8.");
            return;
        } else if (endpoint.perPhone() != null) {
            Optional<RateLimitBufferedRequest> buffered = RateLimitBufferedRequest.read(request);
            if (buffered.isEmpty()) {
                // Read in full, an oversized body could hide its phone number from the limit.
                Optional<Duration> wait = limits.hit(endpoint.perIp(), request.getRemoteAddr());
                if (wait.isPresent()) {
                    tooManyRequests(request, response, wait.get());
                    return;
                }
                ProblemResponses.write(
                        request,
                        response,
                        HttpStatus.CONTENT_TOO_LARGE,
                        "Request too large",
                        "The request body must not be longer than " + RateLimitBufferedRequest.MAX_BODY_BYTES
                                + " bytes.");
                return;
            }
            forwarded = buffered.get();
            phone = phone(buffered.get().body());
        }
        // One statement counts both: a join or sign-up with a phone number costs one commit here.
        Optional<Duration> wait = phone.isPresent()
                ? limits.hit(endpoint.perIp(), request.getRemoteAddr(), endpoint.perPhone(), phone.get())
                : limits.hit(endpoint.perIp(), request.getRemoteAddr());
        if (wait.isPresent()) {
            tooManyRequests(request, response, wait.get());
            return;
        }
        chain.doFilter(forwarded, response);
    }

    private Optional<Endpoint> endpoint(HttpServletRequest request) {
        return endpoints.stream().filter(e -> e.matcher().matches(request)).findFirst();
    }

    /** The body's phone number as the services store it, if the body is JSON with a valid one. */
    static Optional<String> phone(byte[] body) {
        try {
            JsonNode phone = JSON.readTree(body).get("phone");
            if (phone == null || !phone.isString()) {
                return Optional.empty();
            }
            String value = phone.asString().strip();
            return E164.matcher(value).matches() ? Optional.of(value) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    /**
     * No charset in the Content-Type (JSON is UTF-8) or UTF-8: what the message converters decode
     * with. The request's own character encoding may have been forced to UTF-8 by then.
     */
    private static boolean utf8(HttpServletRequest request) {
        try {
            Charset charset = MediaType.parseMediaType(request.getContentType()).getCharset();
            return charset == null || charset.equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The {@code phone} field of a page's form, if it holds a valid number, as the pages store it:
     * without spaces anywhere, so "+91 98123 45678" counts as "+919812345678".
     */
    static Optional<String> formPhone(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String phone = FormInput.phone(value);
        return E164.matcher(phone).matches() ? Optional.of(phone) : Optional.empty();
    }

    // The same answer for every limit: it tells nothing about accounts or who else used a number.
    private static void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (Pages.isPage(request)) {
            response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
            return;
        }
        ProblemResponses.write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests",
                "Too many requests; try again in " + seconds + " seconds.");
    }
}
