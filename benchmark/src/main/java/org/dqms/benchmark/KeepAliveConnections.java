package org.dqms.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a fixed number of kept-alive connections, each with one thread that writes a
 * request and reads its answer. The generator shares two cores with dqms and PostgreSQL, so what it
 * spends per request is taken from them: this costs a fraction of {@code java.net.http}'s
 * asynchronous client per request. Requests wait in one queue for a free connection, as a browser's
 * do beyond its connection limit; that wait is part of their latency.
 */
final class KeepAliveConnections implements AutoCloseable {

    /**
     * A connection idle this long is opened again before its next request: the server may close an
     * idle one at any moment after its keep-alive timeout (Tomcat's is 60 s), and a request written
     * into a connection it just closed fails without ever being read.
     */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** A request waiting for a connection. */
    private record Pending(byte[] request, CompletableFuture<DqmsClient.Reply> reply) {}

    private final String host;
    private final int port;
    private final Duration timeout;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean open = true;

    KeepAliveConnections(URI base, int connections, Duration timeout) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.timeout = timeout;
        for (int i = 0; i < connections; i++) {
            Thread worker = new Thread(this::work, "dqms-connection-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Sends the request once a connection is free; the answer completes on that connection's thread. */
    CompletableFuture<DqmsClient.Reply> send(String method, String path, String json, List<String> headers) {
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        CompletableFuture<DqmsClient.Reply> reply = new CompletableFuture<>();
        if (!open) {
            reply.completeExceptionally(new IOException("closed"));
            return reply;
        }
        queue.add(new Pending(request, reply));
        return reply;
    }

    private void work() {
        Connection connection = new Connection();
        while (open) {
            Pending pending;
            try {
                pending = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (pending == null) {
                continue;
            }
            try {
                Response response = connection.exchange(pending.request());
                pending.reply().complete(new DqmsClient.Reply(response.status(), response.body(), System.nanoTime()));
            } catch (IOException | RuntimeException e) {
                connection.close();
                pending.reply().completeExceptionally(e);
            }
        }
        connection.close();
    }

    /** One worker's connection, opened when needed. */
    private final class Connection {

        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private long lastUsed;

        /** Writes the request and reads its answer, on a new connection if this one cannot serve. */
        Response exchange(byte[] request) throws IOException {
            if (socket != null && System.nanoTime() - lastUsed > MAX_IDLE_NANOS) {
                close();
            }
            while (true) {
                boolean reused = socket != null;
                if (!reused) {
                    open();
                }
                int first = firstByte(request, reused);
                if (first >= 0) {
                    Response response = read(first, in);
                    lastUsed = System.nanoTime();
                    if (response.close()) {
                        close();
                    }
                    return response;
                }
                // A kept-alive connection the server closed while it sat idle: not one byte of an
                // answer came, so the request goes once more on a new connection, as browsers send
                // it. A new connection that ends so is an error (firstByte throws).
                close();
            }
        }

        /** The answer's first byte; -1 if a reused connection ended before it. */
        private int firstByte(byte[] request, boolean reused) throws IOException {
            try {
                out.write(request);
                out.flush();
                int first = in.read();
                if (first < 0 && !reused) {
                    throw new EOFException("the connection closed before any answer");
                }
                return first;
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (!reused) {
                    throw e;
                }
                return -1;
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        void close() {
            closeQuietly(socket);
            socket = null;
        }
    }

    private record Response(int status, String body, boolean close) {}

    /** The answer whose first byte has been read already. */
    private static Response read(int first, InputStream in) throws IOException {
        String statusLine = (char) first + line(in);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                copy(in, body, size);
                line(in);
            }
            for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                // Trailers carry nothing the benchmark reads.
            }
        } else if (length >= 0) {
            copy(in, body, length);
        } else if (status != 204 && status != 304 && status / 100 != 1) {
            in.transferTo(body);
            close = true;
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8), close);
    }

    private static long chunkSize(String line) {
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the answer ended " + left + " bytes early");
            }
            body.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a connection we give up anyway.
            }
        }
    }

    @Override
    public void close() {
        open = false;
        workers.forEach(Thread::interrupt);
        Pending left;
        while ((left = queue.poll()) != null) {
            left.reply().completeExceptionally(new IOException("closed"));
        }
    }
}
