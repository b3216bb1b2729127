package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.*;
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
    @Operation(operationId = "createCompany", summary = "Create a company")
    @APIResponse(responseCode = "201", description = "The company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyView.class)))
    @APIResponse(responseCode = "409", description = "COMPANY_EXTERNAL_ID_TAKEN")
    public Response create(@PathParam("storeId") UUID storeId, @Valid @NotNull CreateCompanyRequest request) {
        CompanyView c = companies.create(storeId, request);
        return Response.created(URI.create("/stores/" + storeId + "/companies/" + c.id())).tag(Etags.of(c.version())).entity(c).build();
    }

    @GET
    @Operation(operationId = "listCompanies", summary = "List companies, optionally by part of the name")
    @APIResponse(responseCode = "200", description = "A page of companies in creation order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyPage.class)))
    public Page<CompanyView> list(@PathParam("storeId") UUID storeId,
                                  @QueryParam("q") @Size(max = 200) @Parameter(description = "Part of the name", example = "engines") String q,
                                  @BeanParam @Valid PageParams page) {
        return companies.list(storeId, q, page);
    }

    @GET
    @Path("/{companyId}")
    @Operation(operationId = "getCompany", summary = "A company")
    @APIResponse(responseCode = "200", description = "The company (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyView.class)))
    public Response get(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId) {
        CompanyView c = companies.get(storeId, companyId);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @PATCH
    @Path("/{companyId}")
    @Operation(operationId = "updateCompany", summary = "Change a company's name, external id or note")
    @APIResponse(responseCode = "200", description = "The company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyView.class)))
    @APIResponse(responseCode = "409", description = "COMPANY_EXTERNAL_ID_TAKEN")
    public Response update(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull UpdateCompanyRequest request) {
        CompanyView c = companies.update(storeId, companyId, ifMatch, request);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @DELETE
    @Path("/{companyId}")
    @Operation(operationId = "deleteCompany", summary = "Delete a company with its locations and contacts (refused while it has orders)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "COMPANY_HAS_ORDERS")
    public void delete(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId, @HeaderParam("If-Match") String ifMatch) {
        companies.delete(storeId, companyId, ifMatch);
    }

    @POST
    @Path("/{companyId}/locations")
    @Operation(operationId = "createCompanyLocation", summary = "Add a location with its billing and shipping address")
    @APIResponse(responseCode = "201", description = "The location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocationView.class)))
    public Response createLocation(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                   @Valid @NotNull CreateLocationRequest request) {
        LocationView l = companies.createLocation(storeId, companyId, request);
        return Response.created(URI.create("/stores/" + storeId + "/companies/" + companyId + "/locations/" + l.id())).entity(l).build();
    }

    @GET
    @Path("/{companyId}/locations")
    @Operation(operationId = "listCompanyLocations", summary = "A company's locations")
    @APIResponse(responseCode = "200", description = "A page of locations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LocationPage.class)))
    public Page<LocationView> locations(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                        @BeanParam @Valid PageParams page) {
        return companies.listLocations(storeId, companyId, page);
    }

    @POST
    @Path("/{companyId}/contacts")
    @Operation(operationId = "addCompanyContact",
            summary = "Add a customer to the company (B2B-6) with a role per location, optionally migrating their order history into one of them")
    @APIResponse(responseCode = "201", description = "The contact and, when asked, the migration summary (moved, skipped by reason)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactAdded.class)))
    @APIResponse(responseCode = "409", description = "B2B_CONTACT_EXISTS: already a contact of the company")
    @APIResponse(responseCode = "422", description = "B2B_LOCATION_NOT_IN_COMPANY, B2B_MIGRATION_LOCATION_NOT_CHOSEN (B2B-3), B2B_CUSTOMER_HAS_NO_EMAIL")
    public Response addContact(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                               @Valid @NotNull AddContactRequest request) {
        ContactAdded added = contacts.add(storeId, companyId, request.customerId(), request.locations(),
                request.migrateOrdersToLocationId(), request.notifyCustomer());
        return Response.status(201).entity(added).build();
    }

    @GET
    @Path("/{companyId}/contacts")
    @Operation(operationId = "listCompanyContacts", summary = "A company's contacts with their roles per location")
    @APIResponse(responseCode = "200", description = "A page of contacts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactPage.class)))
    public Page<ContactView> contacts(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                      @BeanParam @Valid PageParams page) {
        return contacts.list(storeId, companyId, page);
    }

    @DELETE
    @Path("/{companyId}/contacts/{customerId}")
    @Operation(operationId = "removeCompanyContact",
            summary = "Remove a customer from the company; with revertMigratedOrders=true exactly the orders migrated with them return to D2C (B2B-5)")
    @APIResponse(responseCode = "200", description = "The removed contact and how many orders were reverted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactRemoved.class)))
    public ContactRemoved removeContact(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                        @PathParam("customerId") UUID customerId,
                                        @QueryParam("revertMigratedOrders") @DefaultValue("false")
                                        @Parameter(description = "Return the orders migrated with this contact to D2C") boolean revert) {
        return contacts.remove(storeId, companyId, customerId, revert);
    }
}
