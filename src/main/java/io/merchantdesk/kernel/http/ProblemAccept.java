package io.merchantdesk.kernel.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A generated client calling an operation whose only success is a bodiless 204 sends
 * {@code Accept: application/problem+json} (the one media type the document lists for it). Resources produce
 * application/json, so JAX-RS would answer 406 before running the operation. A caller that accepts problems
 * accepts our JSON too: add it, once, for every endpoint, instead of a @Produces per DELETE.
 */
public class ProblemAccept {
    @ServerRequestFilter(preMatching = true)
    public void widen(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("application/problem+json") && !accept.contains("application/json")
                && !accept.contains("*/*")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", application/json;q=0.5");
        }
    }
}
