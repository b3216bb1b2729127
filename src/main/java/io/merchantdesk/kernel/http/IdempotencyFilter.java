package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Idempotency-Key for POSTs: the first successful answer is stored per caller and key and replayed
 * for a retry with the same body; the same key with another body or path is 422; a retry while the
 * first request still runs is 409. Failed answers are not stored, so a corrected retry may reuse the key.
 */
public class IdempotencyFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String STATE = IdempotencyFilter.class.getName();

    @Inject
    IdempotencyStore store;

    @Inject
    CurrentUser currentUser;

    @Inject
    ObjectMapper mapper;

    record Pending(UUID userId, String key) {}

    @ServerRequestFilter
    public Response before(ContainerRequestContext request) {
        // Everything but a POST carrying the header leaves at once: no body read, no user lookup, no query.
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 255 characters");
        }
        byte[] body;
        try {
            body = request.getEntityStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        String path = request.getUriInfo().getPath();
        String hash = sha256(body);
        UUID userId = currentUser.id();
        IdempotencyStore.Stored stored = store.begin(userId, key, request.getMethod(), path, hash);
        if (stored == null) {
            request.setProperty(STATE, new Pending(userId, key));
            return null;
        }
        if (!stored.path().equals(path) || !stored.requestHash().equals(hash)) {
            throw ProblemException.rule("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was already used with another request body or path");
        }
        if (stored.status() == null) {
            throw ProblemException.conflict("IDEMPOTENCY_REQUEST_IN_PROGRESS",
                    "The first request with this Idempotency-Key is still running; retry later");
        }
        Response.ResponseBuilder replay = Response.status(stored.status())
                .header(REPLAYED_HEADER, "true");
        if (stored.body() != null) {
            replay.entity(stored.body()).type(stored.contentType() == null ? MediaType.APPLICATION_JSON : stored.contentType());
        }
        if (stored.location() != null) {
            replay.header(HttpHeaders.LOCATION, stored.location());
        }
        return replay.build();
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STATE) instanceof Pending pending)) {
            return;
        }
        request.removeProperty(STATE);
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            try {
                String body = response.hasEntity() ? mapper.writeValueAsString(response.getEntity()) : null;
                MediaType type = response.getMediaType();
                Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
                store.complete(pending.userId(), pending.key(), response.getStatus(),
                        type == null ? null : type.toString(), location == null ? null : location.toString(), body);
            } catch (IOException e) {
                store.forget(pending.userId(), pending.key());
            }
        } else {
            store.forget(pending.userId(), pending.key());
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
