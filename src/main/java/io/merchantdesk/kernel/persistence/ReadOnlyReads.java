package io.merchantdesk.kernel.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.hibernate.Session;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * GET and HEAD requests load entities read-only. Outside a transaction a request uses Quarkus's request-scoped
 * session, which by default keeps a snapshot of every loaded entity for dirty checking; for the JSON columns of
 * orders that snapshot is a serialise-and-parse copy of each value. A read never flushes, so the snapshots were
 * pure cost (docs/performance.md). A {@code @Transactional} method called by a GET gets a transaction-scoped
 * session of its own and is not affected.
 */
@ApplicationScoped
public class ReadOnlyReads {
    @Inject
    Session session;

    @ServerRequestFilter(priority = 1200)
    public void readOnlyForReads(ContainerRequestContext request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            session.setDefaultReadOnly(true);
        }
    }
}
