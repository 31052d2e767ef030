package org.dqms.notifications;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;

/**
 * The sockets of SMTP conversations, so that a conversation past its deadline can be cut off.
 * Jakarta Mail takes its sockets from {@code mail.smtp.socketFactory}, on the thread that sends, and
 * blocks in their reads and writes; closing a socket ends those at once, so the server never has
 * the end of the message and never delivers it. A TLS layer sits on the socket and ends with it.
 */
final class SmtpSockets extends SocketFactory {

    private final ThreadLocal<Conversation> current = new ThreadLocal<>();

    /** The sockets one send opened; {@link #end()} closes them, and any it opens later at once. */
    static final class Conversation {

        private final List<Socket> sockets = new ArrayList<>();
        private boolean ended;

        private synchronized void opened(Socket socket) throws IOException {
            if (ended) {
                socket.close();
                throw new SocketException("the send ran out of time");
            }
            sockets.add(socket);
        }

        synchronized void end() {
            ended = true;
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closed already, or about to be: either way it carries nothing more.
                }
            }
        }
    }

    /** Runs {@code send} on this thread, the sockets it opens belonging to {@code conversation}. */
    void during(Conversation conversation, Runnable send) {
        current.set(conversation);
        try {
            send.run();
        } finally {
            current.remove();
        }
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        Conversation conversation = current.get();
        if (conversation != null) {
            conversation.opened(socket);
        }
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }
}
