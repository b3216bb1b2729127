package io.merchantdesk.kernel;

import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.quarkus.security.Authenticated;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;

/** Test-only endpoints that exercise the kernel's HTTP conventions in isolation. */
@Path("/test-probe")
@Authenticated
public class KernelProbeResource {
    public static final AtomicInteger CREATED = new AtomicInteger();

    public enum Colour { RED, GREEN }

    public record Item(@NotBlank String name, @NotNull Colour colour, @Min(1) int quantity, List<@Valid Part> parts) {}

    public record Part(@NotBlank String sku) {}

    @POST
    @Path("/items")
    public Response create(@Valid @NotNull Item item) {
        CREATED.incrementAndGet();
        return Response.status(201).entity(new Created(UUID.randomUUID().toString(), item.name())).build();
    }

    public record Created(String id, String name) {}

    @PATCH
    @Path("/versioned")
    public Created patch(@HeaderParam("If-Match") String ifMatch) {
        Etags.requireMatch(ifMatch, 3);
        return new Created("versioned", "ok");
    }

    @GET
    @Path("/numbers")
    public Page<Integer> numbers(@BeanParam @Valid PageParams page) {
        int from = page.cursor == null ? 0 : Integer.parseInt(io.merchantdesk.kernel.paging.Cursors.decode(page.cursor, 1).get(0)) + 1;
        List<Integer> fetched = java.util.stream.IntStream.range(from, Math.min(from + page.limit + 1, 7)).boxed().toList();
        return Page.of(fetched, page.limit, n -> n, n -> io.merchantdesk.kernel.paging.Cursors.encode(n));
    }

    @Inject
    Session session;

    /** Whether this GET's session loads read-only; and, inside it, a new transaction's session. */
    @GET
    @Path("/session")
    public List<Boolean> readSession() {
        return List.of(session.isDefaultReadOnly(), QuarkusTransaction.requiringNew().call(() -> session.isDefaultReadOnly()));
    }

    @POST
    @Path("/session")
    public List<Boolean> writeSession() {
        return List.of(session.isDefaultReadOnly());
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internals");
    }
}
