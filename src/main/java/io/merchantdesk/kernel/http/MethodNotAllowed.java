package io.merchantdesk.kernel.http;

import io.merchantdesk.kernel.error.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * HTTP method semantics from the resource model ({@link AllowedMethods}): a method a path does not have is a
 * 405 problem whose {@code Allow} lists exactly the path's methods, and OPTIONS answers that same list.
 * Quarkus REST alone answers 404 when another resource class owns a longer template, and its OPTIONS lists
 * every method. The 405 comes after authentication like every other answer (401 first without a valid token);
 * OPTIONS does not authenticate, as CORS preflights carry no token and the document is public anyway.
 */
public class MethodNotAllowed {
    @Inject
    CurrentIdentityAssociation identity;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> beforeMatching(ContainerRequestContext request) {
        String method = request.getMethod();
        if ("OPTIONS".equals(method)) {
            return AllowedMethods.route(request.getUriInfo().getPath())
                    .map(route -> Response.noContent().header(HttpHeaders.ALLOW, route.allow()).build());
        }
        List<AllowedMethods.Route> shadowing = AllowedMethods.shadowing();
        if (!shadowing.isEmpty()) {
            String path = request.getUriInfo().getPath();
            for (AllowedMethods.Route route : shadowing) {
                // the mapper below answers it, after authentication, as for any other missing method
                if (!route.allows(method) && route.pattern().matcher(path).matches()
                        && AllowedMethods.route(path).orElse(null) == route) {
                    throw new NotAllowedException(route.allow());
                }
            }
        }
        return Optional.empty();
    }

    @ServerExceptionMapper
    public Uni<Response> notFound(NotFoundException e, ContainerRequestContext request, HttpServerRequest http) {
        return answer(e, request, http);
    }

    @ServerExceptionMapper
    public Uni<Response> notAllowed(NotAllowedException e, ContainerRequestContext request, HttpServerRequest http) {
        return answer(e, request, http);
    }

    private Uni<Response> answer(ClientErrorException e, ContainerRequestContext request, HttpServerRequest http) {
        UriInfo uri = request.getUriInfo();
        Optional<AllowedMethods.Route> route = AllowedMethods.route(uri.getPath());
        if (route.isEmpty() || route.get().allows(request.getMethod())) {
            // no such path, or the path has the method and something else was not found: the usual 404/405
            int status = e.getResponse().getStatus();
            String code = status == 405 ? "METHOD_NOT_ALLOWED" : "NOT_FOUND";
            return Uni.createFrom().item(ProblemMappers.respond(status, code, status == 405 ? "Method Not Allowed" : "Not Found",
                    e.getMessage(), List.of(), null));
        }
        AllowedMethods.Route r = route.get();
        // HTTP metrics tag a request by its path template; without one they would tag each 405 by its raw URI
        // (one time series per id). Same context key as Quarkus REST sets for a matched request.
        if (http instanceof HttpServerRequestInternal internal) internal.context().putLocal("UrlPathTemplate", r.template());
        Response notAllowed = Response.fromResponse(ProblemMappers.respond(405, "METHOD_NOT_ALLOWED", "Method Not Allowed",
                        request.getMethod() + " is not a method of " + r.template() + "; allowed: " + r.allow(), List.of(), null))
                .header(HttpHeaders.ALLOW, r.allow()).build();
        if (r.open()) return Uni.createFrom().item(notAllowed);
        return identity.getDeferredIdentity()
                .map(id -> id.isAnonymous() ? unauthenticated() : notAllowed)
                .onFailure(AuthenticationFailedException.class).recoverWithItem(MethodNotAllowed::unauthenticated);
    }

    /** The same 401 as {@code ProblemMappers} answers for any operation. */
    private static Response unauthenticated() {
        return Response.fromResponse(ProblemMappers.respond(401, "UNAUTHENTICATED", "Unauthenticated",
                "A valid bearer token is required", List.of(), null)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
