package org.dqms.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dqms.department.DepartmentService;
import org.dqms.platform.web.DatabaseBusy;
import org.dqms.queue.QueueSnapshots;
import org.dqms.queue.TokenRef;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event streams, under {@code /api/v1/live}:
 *
 * <ul>
 *   <li>{@code /departments/{id}}: a department's board ({@code queue} events);
 *   <li>{@code /departments?ids=1,2}: several boards on one connection, for screens that show more
 *       than one department;
 *   <li>{@code /tokens/{publicId}}: one token by its capability link ({@code token} events).
 * </ul>
 *
 * A plain async servlet rather than a controller, for servlet non-blocking writes ({@link
 * SseClient}). Every stream starts with the current snapshot, so a reconnect, with or without
 * {@code Last-Event-ID}, is never behind. A busy database is answered as for any API request
 * ({@link DatabaseBusy}, ADR 26), one that cannot be reached with a 503 of its own. Streams carry
 * token numbers and rooms, never names: they are as public as the waiting room's screen. An
 * instance holds at most {@code DQMS_LIVE_MAX_STREAMS} of them, and one client address at most
 * {@code DQMS_LIVE_MAX_STREAMS_PER_CLIENT} ({@link StreamsPerClient}).
 */
final class LiveStreamServlet extends HttpServlet {

    static final String PATH = "/api/v1/live";
    static final int MAX_DEPARTMENTS = 50;
    static final long RETRY_MILLIS = 3000;

    private static final Pattern DEPARTMENT = Pattern.compile("/departments/(\\d{1,18})");
    private static final Pattern TOKEN = Pattern.compile("/tokens/([0-9a-fA-F-]{36})");

    private final LiveHub hub;
    private final QueueSnapshots snapshots;
    private final DepartmentService departments;
    private final LiveSettings settings;
    private final StreamsPerClient perClient;
    private final JsonMapper json;

    LiveStreamServlet(
            LiveHub hub,
            QueueSnapshots snapshots,
            DepartmentService departments,
            LiveSettings settings,
            JsonMapper json) {
        this.hub = hub;
        this.snapshots = snapshots;
        this.departments = departments;
        this.settings = settings;
        this.perClient = new StreamsPerClient(settings.maxStreamsPerClient());
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            route(request, response);
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            if (DatabaseBusy.busy(e) && !response.isCommitted()) {
                // A lock or statement timeout: DatabaseBusyFilter answers it as a controller's (ADR 26).
                throw e;
            }
            // The database restarts or fails over. A browser's EventSource gives up on any answer
            // but 200, whatever Retry-After says; the pages open a new one after a backoff.
            if (!response.isCommitted()) {
                response.setHeader("Retry-After", "5");
                problem(response, HttpStatus.SERVICE_UNAVAILABLE, "The database cannot be reached at the moment.");
            }
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Matcher department = DEPARTMENT.matcher(path);
        Matcher token = TOKEN.matcher(path);
        if (department.matches()) {
            boards(request, response, List.of(Long.parseLong(department.group(1))));
        } else if (path.equals("/departments")) {
            Optional<List<Long>> ids = ids(request.getParameter("ids"));
            if (ids.isEmpty()) {
                problem(
                        response,
                        HttpStatus.BAD_REQUEST,
                        "ids: give 1 to " + MAX_DEPARTMENTS + " department ids, comma-separated, e.g. ?ids=1,2");
                return;
            }
            boards(request, response, ids.get());
        } else if (token.matches()) {
            token(request, response, token.group(1));
        } else {
            problem(response, HttpStatus.NOT_FOUND, "No event stream at " + PATH + path + ".");
        }
    }

    private void boards(HttpServletRequest request, HttpServletResponse response, List<Long> ids) throws IOException {
        for (Long id : ids) {
            if (departments.find(id).isEmpty()) {
                problem(response, HttpStatus.NOT_FOUND, "Department " + id + " does not exist.");
                return;
            }
        }
        SseClient client = open(request, response);
        if (client != null) {
            hub.subscribeBoards(client, ids);
        }
    }

    private void token(HttpServletRequest request, HttpServletResponse response, String link) throws IOException {
        Optional<TokenRef> ref;
        try {
            ref = snapshots.byLink(UUID.fromString(link));
        } catch (IllegalArgumentException e) {
            ref = Optional.empty();
        }
        if (ref.isEmpty()) {
            problem(response, HttpStatus.NOT_FOUND, "No token has this link.");
            return;
        }
        SseClient client = open(request, response);
        if (client != null) {
            hub.subscribeToken(client, ref.get().departmentId(), ref.get().tokenId());
        }
    }

    private SseClient open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (hub.streams() >= settings.maxStreams()) {
            response.setHeader("Retry-After", "10");
            problem(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "This instance has as many open streams as DQMS_LIVE_MAX_STREAMS allows; try again shortly.");
            return null;
        }
        // After the forwarded headers, as the rate limits take it.
        String address = request.getRemoteAddr();
        if (!perClient.tryOpen(address)) {
            response.setHeader("Retry-After", "10");
            problem(
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "This address has as many open streams as DQMS_LIVE_MAX_STREAMS_PER_CLIENT allows;"
                            + " close one or try again shortly.");
            return null;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // nginx and some load balancers buffer responses unless told not to.
        response.setHeader("X-Accel-Buffering", "no");
        SseClient client;
        try {
            AsyncContext async = request.startAsync();
            async.setTimeout(settings.streamTimeout().toMillis());
            client = new SseClient(async, response.getOutputStream(), settings.clientBufferBytes(), closed -> {
                hub.unsubscribe(closed);
                perClient.closed(address);
            });
            async.addListener(client);
        } catch (IOException | RuntimeException e) {
            // No stream to close: its place is given back here.
            perClient.closed(address);
            throw e;
        }
        response.getOutputStream().setWriteListener(client);
        client.retry(RETRY_MILLIS);
        return client;
    }

    /** 1 to {@link #MAX_DEPARTMENTS} distinct ids, or empty for anything else. */
    static Optional<List<Long>> ids(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Optional.empty();
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : parameter.split(",")) {
            try {
                ids.add(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return ids.size() > MAX_DEPARTMENTS ? Optional.empty() : Optional.of(new ArrayList<>(ids));
    }

    private void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
