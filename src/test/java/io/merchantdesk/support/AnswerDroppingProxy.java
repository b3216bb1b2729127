package io.merchantdesk.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a server (trytond) that loses one answer on purpose: after {@link #dropNextAnswerTo} it
 * forwards the next request containing the marker, waits until the server starts answering (so the call ran and
 * committed) and closes the client's connection instead of relaying the answer — the "answer lost after commit" case
 * of exactly-once writes. Every other request and answer is relayed unchanged (HTTP/1.1 keep-alive included).
 */
public final class AnswerDroppingProxy implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0);
    private final int target;
    private final AtomicReference<String> armed = new AtomicReference<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread loop;

    public AnswerDroppingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.loop = Thread.ofVirtual().start(this::serve);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Drops the answer to the next request whose bytes contain {@code marker} (e.g. {@code model.party.party.create}), once. */
    public void dropNextAnswerTo(String marker) {
        armed.set(marker);
    }

    /** How many requests were answered (or their answer dropped): the round trips a client made through the proxy. */
    public int calls() {
        return calls.get();
    }

    /** How many answers were dropped. */
    public int dropped() {
        return dropped.get();
    }

    /** What one client connection has sent since the server last answered on it. */
    private static final class Exchange {
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        boolean answering;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket("127.0.0.1", target);
                open.add(client);
                open.add(upstream);
                Exchange exchange = new Exchange();
                Thread.ofVirtual().start(() -> pump(client, upstream, exchange, false));
                Thread.ofVirtual().start(() -> pump(upstream, client, exchange, true));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, Exchange exchange, boolean answers) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = from.getInputStream().read(buffer)) > 0) {
                synchronized (exchange) {
                    if (answers && !exchange.answering) {
                        exchange.answering = true;
                        calls.incrementAndGet();
                        String marker = armed.get();
                        if (marker != null && exchange.request.toString(StandardCharsets.ISO_8859_1).contains(marker)
                                && armed.compareAndSet(marker, null)) {
                            dropped.incrementAndGet();
                            to.close(); // the server has answered, so it has committed: the client gets no answer
                            from.close();
                            return;
                        }
                    } else if (!answers) {
                        if (exchange.answering) {
                            exchange.request.reset(); // a new request on a kept-alive connection
                            exchange.answering = false;
                        }
                        exchange.request.write(buffer, 0, n);
                    }
                }
                to.getOutputStream().write(buffer, 0, n);
                to.getOutputStream().flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) s.close();
        loop.interrupt();
    }
}
