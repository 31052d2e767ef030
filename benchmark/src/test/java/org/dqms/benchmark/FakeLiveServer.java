package org.dqms.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * dqms' live streams and doctors' calls as the SSE fan-out sees them, with a known commit-to-client
 * time: a call's events go out {@code commitMillis} after the request arrives, and its answer
 * {@code answerMillis} after it, as dqms answers after its commit. Each department behaves as told:
 * it shows its calls, shows nothing of them (its boards list another token, its phones keep their
 * place), or drops its streams. Every call also moves the phones of the other showing departments
 * one place up at once, as a cancellation would, so those departments see a change before their
 * own call.
 *
 * <p>Doctor {@code d} serves department {@code d}; a link {@code "d-k"} is a waiting token of
 * department {@code d} with {@code k} ahead of it.
 */
final class FakeLiveServer implements AutoCloseable {

    enum Shows {
        CALLS,
        NOTHING,
        DROPPED_STREAMS
    }

    private final Map<Long, Shows> departments;
    private final long commitMillis;
    private final long answerMillis;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong nextToken = new AtomicLong(1000);
    private final List<Long> issued = new CopyOnWriteArrayList<>();
    private final Map<Long, List<Stream>> streams = new ConcurrentHashMap<>();

    FakeLiveServer(Map<Long, Shows> departments, long commitMillis, long answerMillis) throws IOException {
        this.departments = departments;
        this.commitMillis = commitMillis;
        this.answerMillis = answerMillis;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The tokens the calls called, in the order they were called. */
    List<Long> called() {
        return List.copyOf(issued);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        try {
            if (path.length == 6 && path[3].equals("live")) {
                stream(exchange, path[4].equals("departments") ? Long.parseLong(path[5]) : null, path[5]);
            } else if (path.length == 6 && path[5].equals("call-next")) {
                call(exchange, Long.parseLong(path[4]));
            } else if (exchange.getRequestURI().getPath().equals("/actuator/prometheus")) {
                answer(exchange, "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 1.048576E8\n");
            } else {
                answer(exchange, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** A board ({@code department} given) or a phone's token stream, open until the server closes. */
    private void stream(HttpExchange exchange, Long department, String link) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        Stream stream;
        if (department != null) {
            stream = new Stream(department, exchange.getResponseBody(), -1);
            stream.send("board", board(department, List.of()));
        } else {
            String[] parts = link.split("-");
            stream = new Stream(Long.parseLong(parts[0]), exchange.getResponseBody(), Integer.parseInt(parts[1]));
            stream.send("token", stream.token());
        }
        streams.computeIfAbsent(stream.department, d -> new CopyOnWriteArrayList<>()).add(stream);
        stream.closed.await();
    }

    private void call(HttpExchange exchange, long department) throws IOException, InterruptedException {
        long token = nextToken.incrementAndGet();
        issued.add(token);
        long arrived = System.nanoTime();
        streams.forEach((other, open) -> {
            if (other != department && departments.get(other) == Shows.CALLS) {
                open.stream().filter(Stream::isPhone).forEach(s -> s.moveUp("token"));
            }
        });
        sleepUntil(arrived, commitMillis);
        List<Stream> open = streams.getOrDefault(department, List.of());
        switch (departments.get(department)) {
            case CALLS -> open.forEach(s -> {
                if (s.isPhone()) {
                    s.moveUp("token");
                } else {
                    s.send("board", board(department, List.of(token)));
                }
            });
            case NOTHING -> open.forEach(s -> {
                if (s.isPhone()) {
                    s.send("token", s.token());
                } else {
                    s.send("board", board(department, List.of(token + 500)));
                }
            });
            case DROPPED_STREAMS -> open.forEach(Stream::close);
        }
        sleepUntil(arrived, answerMillis);
        answer(exchange, "{\"id\":" + token + ",\"number\":\"A-" + token + "\",\"status\":\"CALLED\"}");
    }

    private static void sleepUntil(long from, long millis) throws InterruptedException {
        long left = millis - (System.nanoTime() - from) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    private static String board(long department, List<Long> calling) {
        List<String> entries = new ArrayList<>();
        for (long token : calling) {
            entries.add("{\"tokenId\":" + token + ",\"number\":\"A-" + token
                    + "\",\"room\":\"1\",\"doctorName\":\"Dr\",\"status\":\"CALLED\",\"recallCount\":0}");
        }
        return "{\"departmentId\":" + department + ",\"open\":true,\"calling\":[" + String.join(",", entries)
                + "],\"upcoming\":[],\"waiting\":10}";
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        streams.values().forEach(open -> open.forEach(Stream::close));
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** One open event stream; a phone's has a place in the queue. */
    private static final class Stream {
        final long department;
        final OutputStream out;
        final CountDownLatch closed = new CountDownLatch(1);
        private int ahead;

        Stream(long department, OutputStream out, int ahead) {
            this.department = department;
            this.out = out;
            this.ahead = ahead;
        }

        boolean isPhone() {
            return ahead >= 0;
        }

        synchronized String token() {
            return "{\"tokenId\":" + (department * 100 + ahead) + ",\"departmentId\":" + department
                    + ",\"status\":\"WAITING\",\"position\":" + (ahead + 1) + ",\"ahead\":" + ahead + "}";
        }

        synchronized void moveUp(String event) {
            ahead = Math.max(0, ahead - 1);
            send(event, token());
        }

        synchronized void send(String event, String data) {
            try {
                out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                closed.countDown();
            }
        }

        void close() {
            try {
                out.close();
            } catch (IOException e) {
                // Already gone.
            }
            closed.countDown();
        }
    }
}
