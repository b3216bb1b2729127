package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.erp.ErpDtos.*;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/erp-companies")
@Authenticated
@Tag(name = "ERP register", description = "ERP companies (BUILT_IN: merchantdesk's own customer register with customer cards; TRYTON: a Tryton server whose parties are the customers; BUSINESS_CENTRAL: a Business Central company whose customers are the customers), their customer templates (every kind) and their connection checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErpCompanyResource {
    @Inject
    ErpRegisterService register;

    @Inject
    ErpChecks checks;

    static final String NOT_BUILT_IN = "ERP_NOT_BUILT_IN: the ERP company is not the built-in register (its customers live in Tryton or Business Central)";

    @POST
    @Operation(operationId = "createErpCompany", summary = "Create an ERP company (built-in register, a Tryton or a Business Central connection); the caller owns it",
            description = """
                    Creates an ERP company owned by the caller. kind BUILT_IN (the default) is a customer register in merchantdesk with its
                    number series (prefix, width, next number). kind TRYTON is a Tryton 6.0 server: endpoint (http or https), database, login
                    and password are required and the number series fields are refused. kind BUSINESS_CENTRAL is a Business Central company
                    reached over API v2.0 with an app registration's client credentials: tenantId, environment, companyId, clientId and
                    clientSecret are required, endpoint (the API's base URL) and authority (the token service) default to Microsoft's, and
                    the number series fields are refused. The password and the client secret are write-only (stored encrypted, bound to
                    this company; answers show credentialsSet) — check them with POST /erp-companies/{erpCompanyId}/checks.
                    All invalid fields are reported at once. Stores connect to a company through PUT /stores/{storeId}/erp-connection;
                    customer templates (POST /erp-companies/{erpCompanyId}/customer-templates) are kept by merchantdesk for every kind.""")
    @APIResponse(responseCode = "201", description = "The ERP company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCompanyView.class)))
    public Response create(@Valid @NotNull CreateErpCompanyRequest request) {
        ErpCompanyView c = register.createCompany(request);
        return Response.created(URI.create("/erp-companies/" + c.id())).tag(Etags.of(c.version())).entity(c).build();
    }

    @GET
    @Operation(operationId = "listErpCompanies", summary = "ERP companies the caller owns",
            description = "The ERP companies the caller owns. Keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of ERP companies",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCompanyPage.class)))
    public Page<ErpCompanyView> list(@BeanParam @Valid PageParams page) {
        return register.companies(page);
    }

    @GET
    @Path("/{erpCompanyId}")
    @Operation(operationId = "getErpCompany", summary = "An ERP company",
            description = "An ERP company the caller owns (404 for anyone else).")
    @APIResponse(responseCode = "200", description = "The ERP company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCompanyView.class)))
    public Response get(@PathParam("erpCompanyId") UUID id) {
        ErpCompanyView c = register.company(id);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @PUT
    @Path("/{erpCompanyId}")
    @Operation(operationId = "replaceErpCompany", summary = "Replace an ERP company's name and connection (its kind stays)",
            description = """
                    Replaces the name and the connection of an ERP company the caller owns, with the fields and rules of a create of its
                    kind (a different kind is 409 ERP_KIND_FIXED). The password (TRYTON) or client secret (BUSINESS_CENTRAL) is write-only:
                    leave it out to keep the stored one; absent number series fields keep the series (BUILT_IN).
                    If-Match with the ETag is required (428 PRECONDITION_REQUIRED without it, 412 when stale). When the connection now names another system
                    (endpoint, database, tenant, environment or company), the ERP side's change cursors of the connected stores start
                    over; every pending record of those stores becomes due at once. Check the result with
                    POST /erp-companies/{erpCompanyId}/checks.""")
    @APIResponse(responseCode = "200", description = "The ERP company",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCompanyView.class)))
    @APIResponse(responseCode = "409", description = "ERP_KIND_FIXED: the request names another kind than the company's")
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: the ETag is stale")
    @APIResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: If-Match is missing")
    public Response replace(@PathParam("erpCompanyId") UUID id, @HeaderParam("If-Match") String ifMatch,
                            @Valid @NotNull CreateErpCompanyRequest request) {
        ErpCompanyView c = register.replaceCompany(id, ifMatch, request);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @POST
    @Path("/{erpCompanyId}/checks")
    @Operation(operationId = "checkErpCompany", summary = "Check an ERP company's connection (reachability, credentials, modules or company)",
            description = """
                    Tests the company the caller owns and answers what is wrong, each with a stable code: BUILT_IN is always ok. TRYTON: logs in
                    with the stored credentials (ERP_UNREACHABLE: connection refused, unknown host, time-out or HTTP 5xx/429;
                    ERP_AUTH_FAILED: wrong login or password, or no such database), then reads ir.module (ERP_MODULE_MISSING: party or
                    sale not activated). BUSINESS_CENTRAL: asks the token service for a token with the client credentials, then reads the
                    company (ERP_AUTH_FAILED: the credentials are refused, or Business Central refuses the app; ERP_UNREACHABLE: the token
                    service or the API cannot be reached, times out or answers 429/5xx; ERP_COMPANY_NOT_FOUND: no such company in that
                    environment). ERP_CREDENTIALS_UNREADABLE when the service's keyset cannot decrypt the stored password or secret;
                    ERP_ERROR for anything else. A failed check is still a 200: the problems are the answer. Nothing is written in the ERP.""")
    @APIResponse(responseCode = "200", description = "The check's outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckView.class)))
    public CheckView check(@PathParam("erpCompanyId") UUID id) {
        return checks.checkOwned(id);
    }

    @POST
    @Path("/{erpCompanyId}/customers")
    @Operation(operationId = "createErpCustomer", summary = "Create a customer card (number from the series unless given; optional template)",
            description = "Creates a customer card. Its number comes from the company's series unless given (numbers typed by hand are skipped by the series); a template fills the posting groups, VAT and payment fields. E-mail and phone are normalised into the matching keys of SYNC-5.")
    @APIResponse(responseCode = "201", description = "The customer card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCustomerView.class)))
    @APIResponse(responseCode = "409", description = "ERP_CUSTOMER_NO_TAKEN: the customer number is taken; ERP_NOT_BUILT_IN: the ERP company is not the built-in register")
    @APIResponse(responseCode = "422", description = "ERP_TEMPLATE_INCOMPLETE: the template lacks fields a customer needs (SYNC-7)")
    public Response createCustomer(@PathParam("erpCompanyId") UUID id, @Valid @NotNull ErpCustomerRequest request) {
        ErpCustomerView c = register.createCustomer(id, request);
        return Response.created(URI.create("/erp-companies/" + id + "/customers/" + c.customerNo())).tag(Etags.of(c.version())).entity(c).build();
    }

    @GET
    @Path("/{erpCompanyId}/customers")
    @Operation(operationId = "listErpCustomers", summary = "Customer cards by customer number",
            description = "The company's customer cards by customer number. Keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of customer cards",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCustomerPage.class)))
    @APIResponse(responseCode = "409", description = NOT_BUILT_IN)
    public Page<ErpCustomerView> customers(@PathParam("erpCompanyId") UUID id, @BeanParam @Valid PageParams page) {
        return register.customers(id, page);
    }

    @GET
    @Path("/{erpCompanyId}/customers/{customerNo}")
    @Operation(operationId = "getErpCustomer", summary = "A customer card",
            description = "One customer card with its matching keys (normalised e-mail, E.164 phone). The ETag is its version.")
    @APIResponse(responseCode = "200", description = "The customer card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCustomerView.class)))
    @APIResponse(responseCode = "409", description = NOT_BUILT_IN)
    public Response customer(@PathParam("erpCompanyId") UUID id, @PathParam("customerNo") String no) {
        ErpCustomerView c = register.getCustomer(id, no);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @GET
    @Path("/{erpCompanyId}/customers/{customerNo}/ship-to-addresses")
    @Operation(operationId = "listErpShipToAddresses", summary = "A customer card's ship-to addresses",
            description = "The card's ship-to addresses in code order, keyset-paged. Those with codes starting MD are a B2B company's locations after its default one, kept exactly in step by the company sync (SYNC-24); others were made by a person and are left alone.")
    @APIResponse(responseCode = "200", description = "A page of ship-to addresses",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpDtos.ShipToAddressPage.class)))
    @APIResponse(responseCode = "409", description = NOT_BUILT_IN)
    public io.merchantdesk.kernel.paging.Page<ErpDtos.ShipToAddressView> shipTos(@PathParam("erpCompanyId") UUID id,
                                                                                @PathParam("customerNo") String no,
                                                                                @BeanParam @Valid io.merchantdesk.kernel.paging.PageParams page) {
        return register.shipTos(id, no, page);
    }

    @PATCH
    @Path("/{erpCompanyId}/customers/{customerNo}")
    @Operation(operationId = "updateErpCustomer", summary = "Change a customer card (absent fields stay)",
            description = "Changes the fields given (absent fields stay; If-Match with the ETag is optional, a stale one is 412). The change is exported by the next CUSTOMERS run of every connected store that exports customers (SYNC-11, SYNC-12).")
    @APIResponse(responseCode = "200", description = "The customer card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpCustomerView.class)))
    @APIResponse(responseCode = "409", description = NOT_BUILT_IN)
    public Response updateCustomer(@PathParam("erpCompanyId") UUID id, @PathParam("customerNo") String no,
                                   @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ErpCustomerRequest request) {
        ErpCustomerView c = register.updateCustomer(id, no, ifMatch, request);
        return Response.ok(c).tag(Etags.of(c.version())).build();
    }

    @DELETE
    @Path("/{erpCompanyId}/customers/{customerNo}")
    @Operation(operationId = "deleteErpCustomer", summary = "Delete a customer card (links to it are dropped by the next sync, SYNC-5)",
            description = "Deletes a customer card (If-Match with its ETag is optional; a stale one is 412). Links to it are dropped by the next sync, which then discovers a customer again (SYNC-5).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = NOT_BUILT_IN)
    public void deleteCustomer(@PathParam("erpCompanyId") UUID id, @PathParam("customerNo") String no, @HeaderParam("If-Match") String ifMatch) {
        register.deleteCustomer(id, no, ifMatch);
    }

    @POST
    @Path("/{erpCompanyId}/customer-templates")
    @Operation(operationId = "createErpCustomerTemplate", summary = "Create a customer template",
            description = "Creates a template with the defaults of new customer cards, for an ERP company of any kind (TRYTON: a party created by the sync gets the payment term named paymentTermsCode as its customer payment term and the party category named like the template's code, when Tryton has them; the posting groups, VAT and tax fields have no Tryton counterpart); missingFields lists what SYNC-7 needs and it lacks. Pending records of every store connected to the company become due at once (a record that failed for want of this template is retried by the next run).")
    @APIResponse(responseCode = "201", description = "The template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "409", description = "ERP_TEMPLATE_EXISTS: the code is taken")
    public Response createTemplate(@PathParam("erpCompanyId") UUID id, @Valid @NotNull CreateTemplateRequest request) {
        TemplateView t = register.createTemplate(id, request);
        return Response.created(URI.create("/erp-companies/" + id + "/customer-templates/" + t.code())).tag(Etags.of(t.version())).entity(t).build();
    }

    @GET
    @Path("/{erpCompanyId}/customer-templates")
    @Operation(operationId = "listErpCustomerTemplates", summary = "Customer templates by code",
            description = "The company's customer templates by code, each with missingFields. Keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of templates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplatePage.class)))
    public Page<TemplateView> templates(@PathParam("erpCompanyId") UUID id, @BeanParam @Valid PageParams page) {
        return register.templates(id, page);
    }

    @GET
    @Path("/{erpCompanyId}/customer-templates/{code}")
    @Operation(operationId = "getErpCustomerTemplate", summary = "A customer template",
            description = "A template with its defaults and missingFields (SYNC-7). The ETag is its version.")
    @APIResponse(responseCode = "200", description = "The template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    public Response template(@PathParam("erpCompanyId") UUID id, @PathParam("code") String code) {
        TemplateView t = register.getTemplate(id, code);
        return Response.ok(t).tag(Etags.of(t.version())).build();
    }

    @PUT
    @Path("/{erpCompanyId}/customer-templates/{code}")
    @Operation(operationId = "putErpCustomerTemplate", summary = "Replace a customer template's values",
            description = "Replaces a template's values (If-Match with its ETag is optional; a stale one is 412). Pending records of every store connected to the company become due at once, so a record that failed on this template (TEMPLATE_INCOMPLETE) is retried by the next run.")
    @APIResponse(responseCode = "200", description = "The template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    public Response putTemplate(@PathParam("erpCompanyId") UUID id, @PathParam("code") String code,
                                @HeaderParam("If-Match") String ifMatch, @Valid @NotNull TemplateRequest request) {
        TemplateView t = register.putTemplate(id, code, ifMatch, request);
        return Response.ok(t).tag(Etags.of(t.version())).build();
    }
}
