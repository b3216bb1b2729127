package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.*;
import io.merchantdesk.kernel.error.Problem;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores/{storeId}/orders")
@Authenticated
@Tag(name = "Orders", description = "A store's orders, D2C or B2B (permission MANAGE_ORDERS)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {
    @Inject
    OrderService orders;

    @POST
    @Operation(operationId = "createOrder", summary = "Create an order; a companyLocationId makes it B2B",
            description = "Creates an order; the total is the sum of quantity x unitPrice in the order's currency (the store's billing currency unless given). With `companyLocationId` the order is B2B: the location must be of this store and the customer a contact with a role there (422 B2B_NOT_A_CONTACT_OF_LOCATION). Permission MANAGE_ORDERS.")
    @APIResponse(responseCode = "201", description = "The order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "422", description = "B2B_NOT_A_CONTACT_OF_LOCATION: the customer has no role at the location")
    public Response create(@PathParam("storeId") UUID storeId, @Valid @NotNull CreateOrderRequest request) {
        OrderView o = orders.create(storeId, request);
        return Response.created(URI.create("/stores/" + storeId + "/orders/" + o.id())).tag(Etags.of(o.version())).entity(o).build();
    }

    @GET
    @Operation(operationId = "listOrders", summary = "List orders by customer, type and status",
            description = "The store's orders in creation order, keyset-paged, filtered by customer, type (D2C, B2B) and status; soft-deleted orders only with `includeDeleted=true`.")
    @APIResponse(responseCode = "200", description = "A page of orders in creation order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderPage.class)))
    public Page<OrderView> list(@PathParam("storeId") UUID storeId,
                                @QueryParam("customerId") UUID customerId,
                                @QueryParam("type") @Parameter(description = "D2C or B2B", schema = @Schema(implementation = Order.Type.class)) String type,
                                @QueryParam("status") @Parameter(description = "OPEN, CLOSED or CANCELLED", schema = @Schema(implementation = Order.Status.class)) String status,
                                @QueryParam("includeDeleted") @DefaultValue("false") @Parameter(description = "Also list soft-deleted orders") boolean includeDeleted,
                                @BeanParam @Valid PageParams page) {
        return orders.list(storeId, customerId, parse(Order.Type.class, "type", type), parse(Order.Status.class, "status", status),
                includeDeleted, page);
    }

    /** Unknown enum values in the query are a 400 naming the parameter (JAX-RS would answer 404). */
    static <E extends Enum<E>> E parse(Class<E> type, String param, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw io.merchantdesk.kernel.error.ProblemException.invalidField(param, "unknown value '" + value + "'; allowed: "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    @GET
    @Path("/{orderId}")
    @Operation(operationId = "getOrder", summary = "An order (soft-deleted ones show deletedAt)",
            description = "One order, also when soft-deleted (then `deletedAt` is set). The ETag is its version.")
    @APIResponse(responseCode = "200", description = "The order (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    public Response get(@PathParam("storeId") UUID storeId, @PathParam("orderId") UUID orderId) {
        OrderView o = orders.get(storeId, orderId);
        return Response.ok(o).tag(Etags.of(o.version())).build();
    }

    @DELETE
    // The generated clients send only "Accept: application/problem+json" for a 204 answer; without it JAX-RS says 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{orderId}")
    @Operation(operationId = "deleteOrder", summary = "Soft-delete an order (it is never migrated afterwards, B2B-2)",
            description = "Soft-deletes the order: it stays readable with `deletedAt` and is never migrated afterwards (B2B-2). Deleting a deleted order changes nothing.")
    @APIResponse(responseCode = "204", description = "Deleted (also when it already was)")
    public void delete(@PathParam("storeId") UUID storeId, @PathParam("orderId") UUID orderId) {
        orders.delete(storeId, orderId);
    }

    @POST
    @Path("/{orderId}/cancellation")
    @Operation(operationId = "cancelOrder", summary = "Cancel an order (it is never migrated afterwards, B2B-2)",
            description = "Cancels an open or closed order; a cancelled order is never migrated afterwards (B2B-2). 409 ORDER_ALREADY_CANCELLED or ORDER_DELETED.")
    @APIResponse(responseCode = "200", description = "The cancelled order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "ORDER_ALREADY_CANCELLED or ORDER_DELETED")
    public OrderView cancel(@PathParam("storeId") UUID storeId, @PathParam("orderId") UUID orderId) {
        return orders.cancel(storeId, orderId);
    }
}
