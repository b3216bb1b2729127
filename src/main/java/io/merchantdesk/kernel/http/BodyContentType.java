package io.merchantdesk.kernel.http;

import io.merchantdesk.kernel.error.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request body without a Content-Type is 415, as the document says (every body is application/json): JAX-RS would
 * otherwise read it as JSON when the operation consumes JSON, so a client that forgot the header would work by
 * accident against this service and fail against a stricter one (a proxy, a gateway, the next version).
 */
public class BodyContentType {
    @ServerRequestFilter(preMatching = true)
    public Response require(ContainerRequestContext request) {
        if (hasBody(request) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            return ProblemMappers.respond(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "The request has a body but no Content-Type; send it as application/json", List.of(), null);
        }
        return null;
    }

    /** Read from the headers: the body itself is not read yet when pre-matching filters run. */
    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) return !length.isBlank() && !"0".equals(length.trim());
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
