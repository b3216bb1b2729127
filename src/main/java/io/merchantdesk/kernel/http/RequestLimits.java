package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.kernel.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An over-long URI (414 URI_TOO_LONG) or oversized headers (431 HEADERS_TOO_LARGE) get a problem like every other
 * 4xx. Vert.x answers those itself, with no body, when its decoder limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) are exceeded, before any application code runs; so those limits are set above ours and
 * the request is refused here, first on the router, by our own smaller limits. Only a request beyond the Vert.x
 * limits still gets Vert.x's bare answer (docs/operations.md, "Request limits").
 */
@ApplicationScoped
public class RequestLimits {
    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "merchantdesk.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @ConfigProperty(name = "merchantdesk.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    void install(@Observes Router router) {
        long headerLimit = maxHeaderSize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String uri = ctx.request().uri();
            if (uri != null && uri.length() > maxUriLength) {
                refuse(ctx, 414, "URI_TOO_LONG", "URI too long",
                        "The request URI has " + uri.length() + " characters; the maximum is " + maxUriLength);
            } else if (headerBytes(ctx.request().headers()) > headerLimit) {
                refuse(ctx, 431, "HEADERS_TOO_LARGE", "Request header fields too large",
                        "The request headers exceed the maximum of " + headerLimit + " bytes");
            } else {
                ctx.next();
            }
        });
    }

    /** Header size as the HTTP/1.1 decoder counts it: each "name: value" line. */
    private static long headerBytes(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> h : headers) {
            size += h.getKey().length() + 2L + h.getValue().length();
        }
        return size;
    }

    private void refuse(RoutingContext ctx, int status, String code, String title, String detail) {
        // the correlation id header itself may be the oversized one: take it only when it is a plausible id
        String correlationId = ctx.request().getHeader(CorrelationId.HEADER);
        if (correlationId == null || correlationId.length() > 100) correlationId = UUID.randomUUID().toString();
        Problem problem = new Problem("https://merchantdesk.dev/problems/" + code.toLowerCase().replace('_', '-'), title, status,
                detail, code, correlationId, List.of(), null);
        try {
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .putHeader(CorrelationId.HEADER, correlationId)
                    .end(mapper.writeValueAsString(problem));
        } catch (Exception e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
