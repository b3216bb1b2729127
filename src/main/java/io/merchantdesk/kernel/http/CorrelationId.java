package io.merchantdesk.kernel.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Gives every request a correlation id (the caller's X-Correlation-Id if sane), logged and echoed back. */
public class CorrelationId {
    public static final String HEADER = "X-Correlation-Id";
    private static final String MDC_KEY = "correlationId";
    private static final int MAX_LENGTH = 64;

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = sane(given) ? given : newId();
        MDC.put(MDC_KEY, id);
        request.setProperty(MDC_KEY, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** 1 to 64 of {@code [A-Za-z0-9._-]} (checked by hand: this runs on every request). */
    static boolean sane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    /**
     * A random (version 4 layout) UUID from the thread's own generator. A correlation id must be unique, not
     * unguessable, so it does not need {@link UUID#randomUUID()}'s shared SecureRandom on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
        long lsb = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
