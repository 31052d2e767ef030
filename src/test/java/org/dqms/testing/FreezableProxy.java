package org.dqms.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on loopback whose open connections can be frozen: from then on it drops what either
 * side sends and closes nothing, as a vanished host or a NAT that forgot the connection does. New
 * connections pass as before.
 */
public final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    private record Link(Socket client, Socket target, AtomicBoolean frozen) {}

    public FreezableProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("proxy-accept", this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Freezes every connection open now. */
    public void freezeOpenConnections() {
        links.forEach(link -> link.frozen().set(true));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, target, new AtomicBoolean());
                links.add(link);
                pump(client, target, link.frozen());
                pump(target, client, link.frozen());
            } catch (IOException e) {
                // Closed, or the target refused: the client sees its connection end.
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicBoolean frozen) {
        daemon("proxy-pump", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!frozen.get()) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
                if (!frozen.get()) {
                    to.shutdownOutput();
                }
            } catch (IOException e) {
                // One side went away.
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link link : links) {
            link.client().close();
            link.target().close();
        }
    }
}
