package org.dqms.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection whose reader has stopped reading: it takes the first {@code accepted} bytes, then is
 * never ready again, as a socket whose peer's window is full. Stands in for the servlet container's
 * side of one slow phone.
 */
final class StalledConnection extends ServletOutputStream implements AsyncContext {

    private final int accepted;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicBoolean completed = new AtomicBoolean();

    StalledConnection(int accepted) {
        this.accepted = accepted;
    }

    int written() {
        return written.get();
    }

    boolean completed() {
        return completed.get();
    }

    @Override
    public boolean isReady() {
        return written.get() < accepted;
    }

    @Override
    public void setWriteListener(WriteListener listener) {}

    @Override
    public void write(int b) {
        written.incrementAndGet();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        written.addAndGet(length);
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
