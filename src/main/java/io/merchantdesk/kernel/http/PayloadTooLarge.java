package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.kernel.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Quarkus refuses a body whose Content-Length exceeds {@code quarkus.http.limits.max-body-size} with a
 * bare 413 before JAX-RS sees it. This route runs first and gives that refusal the problem+json shape
 * of every other error.
 */
@ApplicationScoped
public class PayloadTooLarge {
    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length == null || !length.chars().allMatch(Character::isDigit) || length.length() > 18 || Long.parseLong(length) <= limit) {
                ctx.next();
                return;
            }
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
                ctx.fail(413);
            }
        });
    }
}
