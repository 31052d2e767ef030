package org.dqms.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The servlet container's side of one event stream, in memory: a phone that stopped reading, one
 * that reads everything, or a connection its peer has reset.
 */
final class FakeConnection extends ServletOutputStream implements AsyncContext {

    private final int accepted;
    private final boolean reset;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicBoolean completed = new AtomicBoolean();

    private FakeConnection(int accepted, boolean reset) {
        this.accepted = accepted;
        this.reset = reset;
    }

    /**
     * Takes the first {@code accepted} bytes, then is never ready again, as a socket whose peer's
     * window is full.
     */
    static FakeConnection stalledAfter(int accepted) {
        return new FakeConnection(accepted, false);
    }

    /** Takes every byte at once. */
    static FakeConnection keepingUp() {
        return new FakeConnection(Integer.MAX_VALUE, false);
    }

    /** Ready, but every write fails, as on a connection the peer has already reset. */
    static FakeConnection reset() {
        return new FakeConnection(Integer.MAX_VALUE, true);
    }

    synchronized int written() {
        return written.size();
    }

    /** What the stream has been sent, as text. */
    synchronized String text() {
        return written.toString(StandardCharsets.UTF_8);
    }

    boolean completed() {
        return completed.get();
    }

    @Override
    public synchronized boolean isReady() {
        return written.size() < accepted;
    }

    @Override
    public void setWriteListener(WriteListener listener) {}

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (reset) {
            throw new IOException("Connection reset by peer");
        }
        written.write(bytes, offset, length);
    }

    @Override
    public void complete() {
        completed.set(true);
    }

    @Override
    public ServletRequest getRequest() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ServletResponse getResponse() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return true;
    }

    @Override
    public void dispatch() {}

    @Override
    public void dispatch(String path) {}

    @Override
    public void dispatch(ServletContext context, String path) {}

    @Override
    public void start(Runnable run) {}

    @Override
    public void addListener(AsyncListener listener) {}

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {}

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setTimeout(long timeout) {}

    @Override
    public long getTimeout() {
        return 0;
    }
}
