package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.kernel.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} get a 413 problem, however they arrive. A declared
 * Content-Length over the limit is refused before a byte is read. A chunked body (no Content-Length) is
 * buffered by a Vert.x BodyHandler bounded to the same limit, because the REST layer would otherwise read it
 * whole; the handler's 413 failure is shaped into the problem here too.
 */
@ApplicationScoped
public class PayloadTooLarge {
    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false);
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) refuse(ctx, limit);
            else ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length == null) {
                if (ctx.request().getHeader("Transfer-Encoding") != null) chunkedBodies.handle(ctx);
                else ctx.next();
                return;
            }
            if (!length.chars().allMatch(Character::isDigit) || length.length() > 18 || Long.parseLong(length) <= limit) {
                ctx.next();
                return;
            }
            refuse(ctx, limit);
        });
    }

    private void refuse(io.vertx.ext.web.RoutingContext ctx, long limit) {
        String correlationId = ctx.request().getHeader(CorrelationId.HEADER);
        if (correlationId == null) correlationId = UUID.randomUUID().toString();
        Problem problem = new Problem("https://merchantdesk.dev/problems/payload-too-large", "Payload too large", 413,
                "The request body exceeds the maximum of " + limit + " bytes", "PAYLOAD_TOO_LARGE", correlationId, List.of(), null);
        try {
            ctx.response().setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .putHeader(CorrelationId.HEADER, correlationId)
                    .end(mapper.writeValueAsString(problem));
        } catch (Exception e) {
            ctx.response().setStatusCode(413).end();
        }
    }
}
