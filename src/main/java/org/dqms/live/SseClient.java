package org.dqms.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One open event stream, written without ever blocking the sender: events wait in a bounded buffer
 * and go out as the connection takes them (servlet non-blocking I/O). A client whose unsent events
 * would pass {@code bufferBytes} is too slow or gone, and is dropped; the browser reconnects and
 * gets a fresh snapshot. The lock is held only to move bytes into the container's buffer, never
 * while waiting on the network.
 */
final class SseClient implements WriteListener, AsyncListener {

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final int bufferBytes;
    private final Consumer<SseClient> onClose;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    /** The last data sent per event name and key, so that an unchanged snapshot is not sent again. */
    private final Map<String, String> lastSent = new HashMap<>();

    private int pendingBytes;
    private boolean closed;
    private boolean completed;
    private boolean dropped;

    SseClient(AsyncContext async, ServletOutputStream out, int bufferBytes, Consumer<SseClient> onClose) {
        this.async = async;
        this.out = out;
        this.bufferBytes = bufferBytes;
        this.onClose = onClose;
    }

    /**
     * Queues an event unless the same data went out last under this key. False if the client is
     * closed or was dropped because its buffer is full.
     */
    boolean send(String event, String key, long id, String data) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            String sentKey = event + ':' + key;
            if (data.equals(lastSent.get(sentKey))) {
                return true;
            }
            lastSent.put(sentKey, data);
        }
        return enqueue(
                ("id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A comment line: keeps proxies from closing an idle stream, and finds dead clients. */
    boolean heartbeat() {
        return enqueue(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Tells the browser how long to wait before it reconnects. */
    boolean retry(long millis) {
        return enqueue(("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the stream has ended or its connection failed; it takes no more events. */
    boolean isClosed() {
        synchronized (this) {
            return closed;
        }
    }

    boolean dropped() {
        synchronized (this) {
            return dropped;
        }
    }

    private boolean enqueue(byte[] bytes) {
        boolean ok;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (pendingBytes + bytes.length > bufferBytes) {
                dropped = true;
                ok = false;
            } else {
                pending.add(bytes);
                pendingBytes += bytes.length;
                drain();
                ok = !closed;
            }
        }
        if (!ok) {
            close();
        }
        return ok;
    }

    /** Moves queued events to the connection while it takes them. Caller holds the lock. */
    private void drain() {
        try {
            while (!pending.isEmpty() && out.isReady()) {
                byte[] next = pending.poll();
                pendingBytes -= next.length;
                out.write(next);
            }
            if (pending.isEmpty() && out.isReady()) {
                out.flush();
            }
        } catch (IOException | IllegalStateException e) {
            closed = true;
            pending.clear();
            pendingBytes = 0;
        }
    }

    @Override
    public void onWritePossible() {
        boolean failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            drain();
            failed = closed;
        }
        if (failed) {
            close();
        }
    }

    @Override
    public void onError(Throwable error) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    /** Ends the stream; safe to call more than once and from any thread. */
    void close() {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            closed = true;
            pending.clear();
            pendingBytes = 0;
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // Already completed by the container (timeout, error or the client going away).
        }
        onClose.accept(this);
    }
}
