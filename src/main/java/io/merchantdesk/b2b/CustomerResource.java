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
import jakarta.validation.constraints.Size;
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

@Path("/stores/{storeId}/customers")
@Authenticated
@Tag(name = "Customers", description = "A store's customers (permission MANAGE_CUSTOMERS)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {
    @Inject
    CustomerService customers;

    @POST
    @Operation(operationId = "createCustomer", summary = "Create a customer (e-mail unique per store, phone normalised to E.164)",
            description = "Creates a customer of the store. A customer needs a name, an e-mail or a phone; the e-mail is unique per store (compared trimmed and case-insensitively, 409 CUSTOMER_EMAIL_TAKEN); the phone is kept as entered and normalised to E.164 with the default address's country. The first address is the default when none is marked. Permission MANAGE_CUSTOMERS.")
    @APIResponse(responseCode = "201", description = "The customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "409", description = "CUSTOMER_EMAIL_TAKEN: another customer of the store has this e-mail")
    public Response create(@PathParam("storeId") UUID storeId, @Valid @NotNull CreateCustomerRequest request) {
        CustomerView c = customers.create(storeId, request);
        return Response.created(URI.create("/stores/" + storeId + "/customers/" + c.id())).tag(Etags.of(c.version())).entity(c).build();
    }

    @GET
    @Operation(operationId = "listCustomers", summary = "List or search customers by name, e-mail or phone (substring)",
            description = "The store's customers in creation order, keyset-paged; `q` matches any part of the name, e-mail or phone (a phone-like `q` is compared by its digits).")
    @APIResponse(responseCode = "200", description = "A page of customers in creation order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerPage.class)))
    public Page<CustomerView> list(@PathParam("storeId") UUID storeId,
                                   @QueryParam("q") @Size(max = 200) @Parameter(description = "Part of the name, e-mail or phone", example = "lovelace") String q,
                                   @BeanParam @Valid PageParams page) {
        return customers.list(storeId, q, page);
    }

    @GET
    @Path("/{customerId}")
    @Operation(operationId = "getCustomer", summary = "A customer with their addresses",
            description = "One customer with their addresses. The ETag is the version: send it as If-Match to change or delete the customer.")
    @APIResponse(responseCode = "200", description = "The customer (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    public Response get(@PathParam("storeId") UUID storeId, @PathParam("customerId") UUID customerId) {
        CustomerView c = customers.get(storeId, customerId);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @PATCH
    @Path("/{customerId}")
    @Operation(operationId = "updateCustomer", summary = "Change a customer; `addresses` replaces the list",
            description = "Changes the fields present in the body; absent fields stay, and `addresses` replaces the whole list. If-Match with the ETag is optional (412 when stale).")
    @APIResponse(responseCode = "200", description = "The customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "409", description = "CUSTOMER_EMAIL_TAKEN")
    public Response update(@PathParam("storeId") UUID storeId, @PathParam("customerId") UUID customerId,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull UpdateCustomerRequest request) {
        CustomerView c = customers.update(storeId, customerId, ifMatch, request);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @DELETE
    // The generated clients send only "Accept: application/problem+json" for a 204 answer; without it JAX-RS says 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{customerId}")
    @Operation(operationId = "deleteCustomer", summary = "Delete a customer without orders or company memberships",
            description = "Deletes a customer without order history and without company memberships (409 CUSTOMER_HAS_ORDERS or CUSTOMER_IS_CONTACT otherwise). If-Match with the ETag is optional (412 when stale).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "CUSTOMER_HAS_ORDERS or CUSTOMER_IS_CONTACT")
    public void delete(@PathParam("storeId") UUID storeId, @PathParam("customerId") UUID customerId, @HeaderParam("If-Match") String ifMatch) {
        customers.delete(storeId, customerId, ifMatch);
    }

    @Inject
    ContactService contacts;

    @POST
    @Path("/{customerId}/companies")
    @Operation(operationId = "addCustomerToCompany",
            summary = "Add the customer to a company (B2B-6 from the customer's side), optionally migrating their order history",
            description = "The same operation as addCompanyContact from the customer's side (B2B-6): roles per location of the company, optional migration of the customer's eligible D2C history into one of them (B2B-1..4, B2B-7; needs MANAGE_ORDERS too), optional e-mail. The first contact of a company without a main contact becomes its main contact (SYNC-20).")
    @APIResponse(responseCode = "201", description = "The contact and, when asked, the migration summary (moved, skipped by reason)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactAdded.class)))
    @APIResponse(responseCode = "409", description = "B2B_CONTACT_EXISTS: already a contact of the company")
    @APIResponse(responseCode = "422", description = "B2B_LOCATION_NOT_IN_COMPANY, B2B_MIGRATION_LOCATION_NOT_CHOSEN (B2B-3), B2B_CUSTOMER_HAS_NO_EMAIL")
    public Response addCompany(@PathParam("storeId") UUID storeId, @PathParam("customerId") UUID customerId,
                               @Valid @NotNull AddCompanyRequest request) {
        ContactAdded added = contacts.add(storeId, request.companyId(), customerId, request.locations(),
                request.migrateOrdersToLocationId(), request.notifyCustomer());
        return Response.status(201).entity(added).build();
    }

    @GET
    @Path("/{customerId}/companies")
    @Operation(operationId = "listCustomerCompanies", summary = "The companies the customer is a contact of, with the roles per location",
            description = "The companies the customer is a contact of (a customer may belong to several), with the roles per location, keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of contacts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactPage.class)))
    public Page<ContactView> companies(@PathParam("storeId") UUID storeId, @PathParam("customerId") UUID customerId,
                                       @BeanParam @Valid PageParams page) {
        return contacts.listForCustomer(storeId, customerId, page);
    }
}
