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

@Path("/stores/{storeId}/companies")
@Authenticated
@Tag(name = "Companies", description = "B2B companies, their locations and contacts; migrating a customer's order history (permission MANAGE_COMPANIES)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyResource {
    @Inject
    CompanyService companies;

    @Inject
    ContactService contacts;

    @POST
    @Operation(operationId = "createCompany", summary = "Create a company",
            description = "Creates a B2B company of the store. `externalId` (the company's id in another system) is unique per store (409 COMPANY_EXTERNAL_ID_TAKEN). Add locations next, then contacts. Permission MANAGE_COMPANIES.")
    @APIResponse(responseCode = "201", description = "The company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyView.class)))
    @APIResponse(responseCode = "409", description = "COMPANY_EXTERNAL_ID_TAKEN")
    public Response create(@PathParam("storeId") UUID storeId, @Valid @NotNull CreateCompanyRequest request) {
        CompanyView c = companies.create(storeId, request);
        return Response.created(URI.create("/stores/" + storeId + "/companies/" + c.id())).tag(Etags.of(c.version())).entity(c).build();
    }

    @GET
    @Operation(operationId = "listCompanies", summary = "List companies, optionally by part of the name",
            description = "The store's companies in creation order, keyset-paged (`limit`, `cursor`); `q` matches any part of the name, case-insensitively.")
    @APIResponse(responseCode = "200", description = "A page of companies in creation order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyPage.class)))
    public Page<CompanyView> list(@PathParam("storeId") UUID storeId,
                                  @QueryParam("q") @Size(max = 200) @Parameter(description = "Part of the name", example = "engines") String q,
                                  @BeanParam @Valid PageParams page) {
        return companies.list(storeId, q, page);
    }

    @GET
    @Path("/{companyId}")
    @Operation(operationId = "getCompany", summary = "A company",
            description = "One company of the store. The ETag is its version: send it as If-Match to change or delete the company.")
    @APIResponse(responseCode = "200", description = "The company (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyView.class)))
    public Response get(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId) {
        CompanyView c = companies.get(storeId, companyId);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @PATCH
    @Path("/{companyId}")
    @Operation(operationId = "updateCompany", summary = "Change a company's name, external id, note or main contact",
            description = "Changes the fields present in the body; absent fields stay. `mainContactId` must be the id of one of the "
                    + "company's own contacts (the `id` of a CompanyContact, not the customer id): anything else is 422 "
                    + "COMPANY_MAIN_CONTACT_NOT_A_CONTACT (SYNC-20). If-Match with the ETag is optional (412 when stale).")
    @APIResponse(responseCode = "200", description = "The company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyView.class)))
    @APIResponse(responseCode = "409", description = "COMPANY_EXTERNAL_ID_TAKEN")
    @APIResponse(responseCode = "422", description = "COMPANY_MAIN_CONTACT_NOT_A_CONTACT: mainContactId is not a contact of this company (SYNC-20)")
    public Response update(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull UpdateCompanyRequest request) {
        CompanyView c = companies.update(storeId, companyId, ifMatch, request);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @DELETE
    // The generated clients send only "Accept: application/problem+json" for a 204 answer; without it JAX-RS says 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{companyId}")
    @Operation(operationId = "deleteCompany", summary = "Delete a company with its locations and contacts (refused while it has orders)",
            description = "Deletes the company with its locations, contacts and their roles. Refused with 409 COMPANY_HAS_ORDERS while any order belongs to one of its locations (B2B-1: B2B orders stay with the company). If-Match with the ETag is optional (412 when stale).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "COMPANY_HAS_ORDERS")
    public void delete(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId, @HeaderParam("If-Match") String ifMatch) {
        companies.delete(storeId, companyId, ifMatch);
    }

    @POST
    @Path("/{companyId}/locations")
    @Operation(operationId = "createCompanyLocation", summary = "Add a location with its billing and shipping address",
            description = "Adds a place the company buys for, with its billing and shipping address (ISO 3166-1 alpha-2 country codes) and, optionally, its tax registration id. B2B orders are placed at a location. The ETag is the location's version.")
    @APIResponse(responseCode = "201", description = "The location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocationView.class)))
    public Response createLocation(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                   @Valid @NotNull CreateLocationRequest request) {
        LocationView l = companies.createLocation(storeId, companyId, request);
        return Response.created(URI.create("/stores/" + storeId + "/companies/" + companyId + "/locations/" + l.id()))
                .tag(Etags.of(l.version())).entity(l).build();
    }

    @GET
    @Path("/{companyId}/locations")
    @Operation(operationId = "listCompanyLocations", summary = "A company's locations",
            description = "The company's locations in creation order, keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of locations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocationPage.class)))
    public Page<LocationView> locations(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                        @BeanParam @Valid PageParams page) {
        return companies.listLocations(storeId, companyId, page);
    }

    @GET
    @Path("/{companyId}/locations/{locationId}")
    @Operation(operationId = "getCompanyLocation", summary = "A company location",
            description = "One location of the company with its billing and shipping address. The ETag is the location's version: "
                    + "send it as If-Match to replace or delete the location.")
    @APIResponse(responseCode = "200", description = "The location (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocationView.class)))
    public Response getLocation(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                @PathParam("locationId") UUID locationId) {
        LocationView l = companies.getLocation(storeId, companyId, locationId);
        return Response.ok(l).tag(Etags.of(l.version())).build();
    }

    @PUT
    @Path("/{companyId}/locations/{locationId}")
    @Operation(operationId = "replaceCompanyLocation", summary = "Edit a location: replace its name, addresses and tax registration id",
            description = "Replaces the whole location (name, billing and shipping address, tax registration id; an address or tax "
                    + "registration id left out is removed). "
                    + "If-Match with the ETag of getCompanyLocation is optional; a stale one is 412. Contacts' roles at the location and "
                    + "the orders placed there are unaffected (orders keep the addresses they were placed with).")
    @APIResponse(responseCode = "200", description = "The location (ETag: its new version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocationView.class)))
    public Response replaceLocation(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                    @PathParam("locationId") UUID locationId, @HeaderParam("If-Match") String ifMatch,
                                    @Valid @NotNull UpdateLocationRequest request) {
        LocationView l = companies.replaceLocation(storeId, companyId, locationId, ifMatch, request);
        return Response.ok(l).tag(Etags.of(l.version())).build();
    }

    @DELETE
    // The generated clients send only "Accept: application/problem+json" for a 204 answer; without it JAX-RS says 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{companyId}/locations/{locationId}")
    @Operation(operationId = "deleteCompanyLocation", summary = "Delete a location (refused where that would lose orders, history or a contact's only role)",
            description = "Deletes the location and every contact's role at it. Refused with 409 while any order refers to the "
                    + "location, whatever its status (B2B_LOCATION_HAS_ORDERS: B2B orders stay with the company, B2B-1), while an order "
                    + "migration into it is recorded (B2B_LOCATION_HAS_MIGRATIONS: B2B-7 history, kept for B2B-5), or while it is some "
                    + "contact's only location (B2B_LOCATION_ONLY_ROLE_OF_CONTACT: give them another location or remove them first). "
                    + "The company's last location may be deleted when none of these applies.")
    @APIResponse(responseCode = "204", description = "Deleted, with the contacts' roles at it")
    @APIResponse(responseCode = "409", description = "B2B_LOCATION_HAS_ORDERS, B2B_LOCATION_HAS_MIGRATIONS or B2B_LOCATION_ONLY_ROLE_OF_CONTACT")
    public void deleteLocation(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                               @PathParam("locationId") UUID locationId, @HeaderParam("If-Match") String ifMatch) {
        companies.deleteLocation(storeId, companyId, locationId, ifMatch);
    }

    @POST
    @Path("/{companyId}/contacts")
    @Operation(operationId = "addCompanyContact",
            summary = "Add a customer to the company (B2B-6) with a role per location, optionally migrating their order history into one of them",
            description = "Adds a customer to the company (B2B-6, from the company's side) with a role at each chosen location. With `migrateOrdersToLocationId` (one of the chosen locations, B2B-3; needs MANAGE_ORDERS too) the customer's whole eligible D2C history moves there in the same transaction (B2B-1, B2B-2, B2B-4, B2B-7): cancelled, deleted and B2B orders are skipped and counted by reason. `notifyCustomer` queues an e-mail sent after commit. The first contact of a company without a main contact becomes its main contact (SYNC-20). The ETag is the new contact's version.")
    @APIResponse(responseCode = "201", description = "The contact and, when asked, the migration summary (moved, skipped by reason)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactAdded.class)))
    @APIResponse(responseCode = "409", description = "B2B_CONTACT_EXISTS: already a contact of the company")
    @APIResponse(responseCode = "422", description = "B2B_LOCATION_NOT_IN_COMPANY, B2B_MIGRATION_LOCATION_NOT_CHOSEN (B2B-3), B2B_CUSTOMER_HAS_NO_EMAIL")
    public Response addContact(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                               @Valid @NotNull AddContactRequest request) {
        ContactAdded added = contacts.add(storeId, companyId, request.customerId(), request.locations(),
                request.migrateOrdersToLocationId(), request.notifyCustomer());
        return Response.status(201).tag(Etags.of(added.contact().version())).entity(added).build();
    }

    @GET
    @Path("/{companyId}/contacts")
    @Operation(operationId = "listCompanyContacts", summary = "A company's contacts with their roles per location",
            description = "The company's contacts in creation order with their roles per location, keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of contacts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactPage.class)))
    public Page<ContactView> contacts(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                      @BeanParam @Valid PageParams page) {
        return contacts.list(storeId, companyId, page);
    }

    @GET
    @Path("/{companyId}/contacts/{customerId}")
    @Operation(operationId = "getCompanyContact", summary = "A contact of the company with its role per location",
            description = "The customer's membership of the company and the role at each of its locations. The ETag is the "
                    + "contact's version, which every role change increments: send it as If-Match to change roles.")
    @APIResponse(responseCode = "200", description = "The contact (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactView.class)))
    public Response contact(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                            @PathParam("customerId") UUID customerId) {
        ContactView c = contacts.get(storeId, companyId, customerId);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @PUT
    @Path("/{companyId}/contacts/{customerId}/locations/{locationId}")
    @Operation(operationId = "setCompanyContactRole", summary = "Set a contact's role at a location of the company",
            description = "Gives the contact the role at the location, or changes the role it has there (B2B-6: roles are per "
                    + "location). The location must be the company's (404 otherwise). If-Match with the contact's ETag is optional; "
                    + "a stale one is 412. No orders move: a migration happens only when a contact is added.")
    @APIResponse(responseCode = "200", description = "The contact with its roles now (ETag: its new version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactView.class)))
    public Response setRole(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                            @PathParam("customerId") UUID customerId, @PathParam("locationId") UUID locationId,
                            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull SetContactRoleRequest request) {
        ContactView c = contacts.setRole(storeId, companyId, customerId, locationId, request.role(), ifMatch);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @DELETE
    @Path("/{companyId}/contacts/{customerId}/locations/{locationId}")
    @Operation(operationId = "removeCompanyContactRole", summary = "Remove a contact from one location of the company",
            description = "Takes the contact's role at the location away; the contact can no longer place B2B orders there. "
                    + "Orders already placed at the location stay with it (B2B-1). A contact keeps at least one location: "
                    + "removing the last one is 409 B2B_CONTACT_LAST_LOCATION (remove the contact from the company instead, "
                    + "removeCompanyContact). If-Match with the contact's ETag is optional; a stale one is 412.")
    @APIResponse(responseCode = "200", description = "The contact with its remaining roles (ETag: its new version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "409", description = "B2B_CONTACT_LAST_LOCATION: the contact's only location")
    public Response removeRole(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                               @PathParam("customerId") UUID customerId, @PathParam("locationId") UUID locationId,
                               @HeaderParam("If-Match") String ifMatch) {
        ContactView c = contacts.removeRole(storeId, companyId, customerId, locationId, ifMatch);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @DELETE
    @Path("/{companyId}/contacts/{customerId}")
    @Operation(operationId = "removeCompanyContact",
            summary = "Remove a customer from the company; with revertMigratedOrders=true exactly the orders migrated with them return to D2C (B2B-5)",
            description = "Removes the customer from the company with all their roles. With `revertMigratedOrders=true` (needs MANAGE_ORDERS too) exactly the orders the contact's migrations moved return to D2C (B2B-5); later B2B orders at the location and other customers' migrations stay. Without it, migrated orders stay with the company. When the contact was the company's main contact, the company has none afterwards (its version goes up; SYNC-20).")
    @APIResponse(responseCode = "200", description = "The removed contact and how many orders were reverted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactRemoved.class)))
    public ContactRemoved removeContact(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                        @PathParam("customerId") UUID customerId,
                                        @QueryParam("revertMigratedOrders") @DefaultValue("false")
                                        @Parameter(description = "Return the orders migrated with this contact to D2C") boolean revert) {
        return contacts.remove(storeId, companyId, customerId, revert);
    }
}
