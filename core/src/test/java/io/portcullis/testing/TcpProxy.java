package io.portcullis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 that a test can cut: {@link #down()} stops listening and kills every open
 * connection (with a reset), so new connects are refused as if the target were gone; {@link #up()}
 * listens again on the same port. Each connection is two pump threads, one per direction. Tests of
 * database outages put it between Portcullis and PostgreSQL.
 */
public final class TcpProxy implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile int port;

    private TcpProxy(int targetPort) {
        this.targetPort = targetPort;
    }

    /** A running proxy on a free port of 127.0.0.1 that forwards to 127.0.0.1:{@code targetPort}. */
    public static TcpProxy to(int targetPort) {
        TcpProxy proxy = new TcpProxy(targetPort);
        proxy.listen(0);
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and resets the open ones. */
    public synchronized void down() {
        ServerSocket current = listener;
        listener = null;
        closeQuietly(current);
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0); // RST, not FIN: the peer learns at once, and no TIME_WAIT holds the port
            } catch (SocketException ignored) {
                // already closed
            }
            closeQuietly(socket);
        }
        open.clear();
    }

    /**
     * Listens again, on the same port as before. The port was picked from the ephemeral range, so while
     * it was closed an outgoing connection (the pool retrying, say) may have been given it as its local
     * port for a moment: binding is retried until that connection is gone.
     */
    public synchronized void up() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (listener == null) {
            try {
                listen(port);
            } catch (UncheckedIOException inUse) {
                if (System.nanoTime() > deadline) throw inUse;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inUse;
                }
            }
        }
    }

    @Override
    public void close() {
        down();
    }

    private synchronized void listen(int onPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LOOPBACK, onPort), 50);
            this.listener = server;
            this.port = server.getLocalPort();
            Thread acceptor = new Thread(() -> accept(server), "tcp-proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            Socket target;
            try {
                target = new Socket(LOOPBACK, targetPort);
            } catch (IOException unreachable) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(target);
            // down() may have run between accept() and here: then this connection must not live on.
            if (server.isClosed()) {
                open.remove(client);
                open.remove(target);
                closeQuietly(client);
                closeQuietly(target);
                return;
            }
            pump(client, target, "up");
            pump(target, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away: the finally below ends the connection
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-" + direction + "-" + from.getPort());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
