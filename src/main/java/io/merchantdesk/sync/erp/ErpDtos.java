package io.merchantdesk.sync.erp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the ERP register. */
@RegisterForReflection // the nested records are (de)serialised by Jackson; native images need them registered
public final class ErpDtos {
    private ErpDtos() {}

    @Schema(name = "CreateErpCompanyRequest", description = """
            A new ERP company. kind BUILT_IN (default) is merchantdesk's own customer register with its number series; kind
            TRYTON is a Tryton 6.0 server and needs endpoint, database, login and password (and takes no number series); kind
            BUSINESS_CENTRAL is a Business Central company reached over API v2.0 with an app registration's client
            credentials and needs tenantId, environment, companyId, clientId and clientSecret (endpoint and authority default
            to Microsoft's). The password and the client secret are write-only: stored encrypted and never answered
            (credentialsSet says whether one is kept).""",
            examples = """
                    {"name": "Nordic Outdoor AS (BC)", "kind": "BUSINESS_CENTRAL", "tenantId": "7d1c2f0e-3b1a-4c5d-9e8f-0a1b2c3d4e5f",
                     "environment": "production", "companyId": "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b",
                     "clientId": "a6f3e2d1-0000-4000-8000-00000000c11e", "clientSecret": "the app registration's client secret"}""")
    public record CreateErpCompanyRequest(
            @NotBlank @Size(max = 200) @Schema(examples = "Nordic Outdoor AS") String name,
            @Size(max = 10) @Pattern(regexp = "[A-Z0-9-]*") @Schema(description = "BUILT_IN: number series prefix (default C)", examples = "C") String customerNoPrefix,
            @Min(1) @Max(18) @Schema(description = "BUILT_IN: digits of the number series (default 5)", examples = "5") Integer customerNoWidth,
            @Min(0) @Schema(description = "BUILT_IN: first number of the series (default 10 → C00010)", examples = "10") Long nextCustomerNo,
            @Schema(description = "Where the customers live (default BUILT_IN)") ErpKind kind,
            @Size(max = 2000) @Schema(description = "TRYTON (required): trytond's http(s) base URL; JSON-RPC is at <endpoint>/<database>/",
                    examples = "https://erp.example.com:8000/") String endpoint,
            @Size(max = 63) @Pattern(regexp = "[A-Za-z0-9_][A-Za-z0-9_.-]*", message = "must be a Tryton database name (letters, digits, _ . -)")
            @Schema(description = "TRYTON (required): the Tryton database", examples = "nordic") String database,
            @Size(max = 100) @Schema(description = "TRYTON (required): the Tryton user's login", examples = "merchantdesk") String login,
            @Size(max = 1000) @Schema(description = "TRYTON (required): the Tryton user's password. Write-only: stored encrypted, never answered, never logged",
                    writeOnly = true, examples = "correct horse battery staple") String password,
            @Size(max = 2000) @Schema(description = "BUSINESS_CENTRAL: base URL of the token service (Microsoft Entra ID); default https://login.microsoftonline.com",
                    examples = "https://login.microsoftonline.com") String authority,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9.-]*", message = "must be a tenant id or domain (letters, digits, . -)")
            @Schema(description = "BUSINESS_CENTRAL (required): the Microsoft Entra tenant (id or domain)",
                    examples = "7d1c2f0e-3b1a-4c5d-9e8f-0a1b2c3d4e5f") String tenantId,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*", message = "must be a Business Central environment name (letters, digits, _ -)")
            @Schema(description = "BUSINESS_CENTRAL (required): the Business Central environment", examples = "production") String environment,
            @Schema(description = "BUSINESS_CENTRAL (required): the company's id in Business Central (GET …/api/v2.0/companies)",
                    examples = "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b") UUID companyId,
            @Size(max = 100) @Schema(description = "BUSINESS_CENTRAL (required): the app registration's application (client) id",
                    examples = "a6f3e2d1-0000-4000-8000-00000000c11e") String clientId,
            @Size(max = 1000) @Schema(description = "BUSINESS_CENTRAL (required): the app registration's client secret. Write-only: stored encrypted, never answered, never logged",
                    writeOnly = true, examples = "the app registration's client secret") String clientSecret) {

        @Override
        public String toString() { // a request may be logged: never its password or client secret
            return "CreateErpCompanyRequest[name=" + name + ", kind=" + kind + ", endpoint=" + endpoint + ", database=" + database
                    + ", login=" + login + ", password=" + (password == null ? "absent" : "***") + ", authority=" + authority
                    + ", tenantId=" + tenantId + ", environment=" + environment + ", companyId=" + companyId + ", clientId=" + clientId
                    + ", clientSecret=" + (clientSecret == null ? "absent" : "***") + "]";
        }
    }

    @Schema(name = "ErpCompany")
    public record ErpCompanyView(@Schema(required = true) UUID id, @Schema(required = true, examples = "Nordic Outdoor AS") String name,
                                 @Schema(required = true) UUID ownerId,
                                 @Schema(required = true) ErpKind kind,
                                 @Schema(description = "BUILT_IN: number series prefix", examples = "C") String customerNoPrefix,
                                 @Schema(description = "BUILT_IN: digits of the number series", examples = "5") Integer customerNoWidth,
                                 @Schema(description = "BUILT_IN: next number of the series", examples = "10") Long nextCustomerNo,
                                 @Schema(description = "TRYTON: trytond's base URL; BUSINESS_CENTRAL: the API's base URL", examples = "https://erp.example.com:8000/") String endpoint,
                                 @Schema(description = "TRYTON: the Tryton database", examples = "nordic") String database,
                                 @Schema(description = "TRYTON: the Tryton user's login", examples = "merchantdesk") String login,
                                 @Schema(required = true, description = "Whether a password or client secret is stored (encrypted; it is never answered). Always false for BUILT_IN")
                                 boolean credentialsSet,
                                 @Schema(required = true) Instant createdAt, @Schema(required = true) long version,
                                 @Schema(description = "BUSINESS_CENTRAL: the token service's base URL", examples = "https://login.microsoftonline.com") String authority,
                                 @Schema(description = "BUSINESS_CENTRAL: the Microsoft Entra tenant", examples = "7d1c2f0e-3b1a-4c5d-9e8f-0a1b2c3d4e5f") String tenantId,
                                 @Schema(description = "BUSINESS_CENTRAL: the Business Central environment", examples = "production") String environment,
                                 @Schema(description = "BUSINESS_CENTRAL: the company's id in Business Central", examples = "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b") UUID companyId,
                                 @Schema(description = "BUSINESS_CENTRAL: the app registration's client id (the secret is never answered)",
                                         examples = "a6f3e2d1-0000-4000-8000-00000000c11e") String clientId) {
        static ErpCompanyView of(ErpCompany c) {
            boolean builtIn = c.kind == ErpKind.BUILT_IN;
            boolean bc = c.kind == ErpKind.BUSINESS_CENTRAL;
            return new ErpCompanyView(c.id, c.name, c.ownerId, c.kind,
                    builtIn ? c.customerNoPrefix : null, builtIn ? c.customerNoWidth : null, builtIn ? c.nextCustomerNo : null,
                    c.endpoint, c.databaseName, bc ? null : c.login, c.passwordCiphertext != null, c.createdAt, c.version,
                    c.authority, c.tenantId, c.environment, c.remoteCompanyId, bc ? c.login : null);
        }
    }

    @Schema(name = "ErpCheckProblem", description = "One thing the check found wrong")
    public record CheckProblem(
            @Schema(required = true, description = "ERP_UNREACHABLE, ERP_AUTH_FAILED, ERP_MODULE_MISSING, ERP_COMPANY_NOT_FOUND, ERP_CREDENTIALS_UNREADABLE or ERP_ERROR",
                    examples = "ERP_MODULE_MISSING") String code,
            @Schema(required = true, examples = "Tryton module sale is not activated in database nordic") String message) {
    }

    // Examples on the schema, not as named examples of the answer: OpenAPI Generator 7 warns on those ("Failed to get
    // the schema name"), and .ci/run refuses generator warnings.
    @Schema(name = "ErpCheck", description = "The outcome of an ERP connection check: ok is true when problems is empty",
            examples = {
                    """
                    {"ok": true, "erpCompanyId": "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b", "kind": "TRYTON",
                     "checkedAt": "2026-12-06T10:15:30Z", "problems": []}""",
                    """
                    {"ok": false, "erpCompanyId": "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b", "kind": "TRYTON",
                     "checkedAt": "2026-12-06T10:15:30Z", "problems": [{"code": "ERP_AUTH_FAILED",
                     "message": "Tryton refused the log-in of merchantdesk to database nordic (wrong login or password)"}]}""",
                    """
                    {"ok": false, "erpCompanyId": "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b", "kind": "TRYTON",
                     "checkedAt": "2026-12-06T10:15:30Z", "problems": [{"code": "ERP_MODULE_MISSING",
                     "message": "Tryton module sale is not activated (state not activated) in database nordic"}]}""",
                    """
                    {"ok": false, "erpCompanyId": "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b", "kind": "TRYTON",
                     "checkedAt": "2026-12-06T10:15:30Z", "problems": [{"code": "ERP_UNREACHABLE",
                     "message": "Tryton cannot be reached at https://erp.example.com:8000/: connection refused"}]}""",
                    """
                    {"ok": false, "erpCompanyId": "0193a5f2-7c1e-7d3a-9b1e-2f4c6d8e0a1b", "kind": "BUSINESS_CENTRAL",
                     "checkedAt": "2026-12-06T10:15:30Z", "problems": [{"code": "ERP_AUTH_FAILED",
                     "message": "Microsoft Entra ID refused the app's client credentials (401 invalid_client): check clientId and clientSecret"}]}"""})
    public record CheckView(
            @Schema(required = true, examples = "false") boolean ok,
            @Schema(required = true) UUID erpCompanyId,
            @Schema(required = true) ErpKind kind,
            @Schema(required = true) Instant checkedAt,
            @Schema(required = true) List<CheckProblem> problems) {
    }

    @Schema(name = "ErpCompanyPage")
    public record ErpCompanyPage(List<ErpCompanyView> items, String nextCursor) {}

    @Schema(name = "ErpCustomerRequest", description = "Fields of a customer card; on PATCH absent fields stay as they are")
    public record ErpCustomerRequest(
            @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9-]+") @Schema(description = "Only on create; taken from the number series when absent", examples = "C00010") String customerNo,
            @Size(max = 100) @Schema(description = "Only on create: fills the posting groups and terms from this template", examples = "RETAIL") String templateCode,
            @Size(max = 100) @Schema(examples = "Kari Nordmann") String name,
            @Size(max = 100) @Schema(examples = "Nordmann Sport AS") String name2,
            @Size(max = 100) String contact,
            @Size(max = 200) @Schema(examples = "Karl Johans gate 1") String address,
            @Size(max = 200) String address2,
            @Size(max = 100) @Schema(examples = "Oslo") String city,
            @Size(max = 20) @Schema(examples = "0154") String postCode,
            @Size(max = 100) @Schema(examples = "03") String county,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") @Schema(examples = "NO") String countryCode,
            @Size(max = 50) @Schema(examples = "+47 22 33 44 55") String phone,
            @Size(max = 250) @Schema(examples = "kari@example.no") String email,
            @Size(max = 50) @Schema(description = "A company's registration number (SYNC-21)", examples = "HRB 123456") String registrationNo,
            @Size(max = 50) @Schema(description = "A company's VAT registration number (SYNC-21)", examples = "NO923609016MVA") String vatRegistrationNo,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String genBusPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String customerPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String vatBusPostingGroup,
            @Size(max = 20) String taxAreaCode,
            @Size(max = 20) @Schema(examples = "14D") String paymentTermsCode,
            Boolean pricesIncludingVat,
            Boolean blocked) {
    }

    @Schema(name = "ErpCustomer")
    public record ErpCustomerView(UUID id, @Schema(examples = "C00010") String customerNo, String name, String name2, String contact,
                                  String address, String address2, String city, String postCode, String county, String countryCode,
                                  String phone, @Schema(description = "E.164 form used for matching", examples = "+4722334455") String phoneE164,
                                  String email, String registrationNo, String vatRegistrationNo, String genBusPostingGroup,
                                  String customerPostingGroup, String vatBusPostingGroup,
                                  String taxAreaCode, String paymentTermsCode, boolean pricesIncludingVat, boolean blocked,
                                  String templateCode, Instant changedAt, long version) {
        static ErpCustomerView of(ErpCustomer c) {
            return new ErpCustomerView(c.id, c.customerNo, c.name, c.name2, c.contact, c.address, c.address2, c.city, c.postCode,
                    c.county, c.countryCode, c.phone, c.phoneE164, c.email, c.registrationNo, c.vatRegistrationNo, c.genBusPostingGroup, c.customerPostingGroup,
                    c.vatBusPostingGroup, c.taxAreaCode, c.paymentTermsCode, c.pricesIncludingVat, c.blocked, c.templateCode,
                    c.changedAt, c.version);
        }
    }

    @Schema(name = "ErpShipToAddress", description = "A ship-to address of a customer card; merchantdesk's (code MD…) are a company's locations after its default one (SYNC-24)")
    public record ShipToAddressView(@Schema(required = true, examples = "MD4F2A9C1B") String code, @Schema(examples = "Bergen warehouse") String name,
                                    @Schema(examples = "Kaiveien 9") String address, String address2, @Schema(examples = "Bergen") String city,
                                    @Schema(examples = "5003") String postCode, String county, @Schema(examples = "NO") String countryCode) {}

    @Schema(name = "ErpShipToAddressPage")
    public record ShipToAddressPage(@Schema(required = true) List<ShipToAddressView> items, String nextCursor) {}

    @Schema(name = "ErpCustomerPage")
    public record ErpCustomerPage(List<ErpCustomerView> items, String nextCursor) {}

    @Schema(name = "ErpCustomerTemplateRequest")
    public record TemplateRequest(
            @Size(max = 200) @Schema(examples = "Retail customers") String description,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String genBusPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String customerPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String vatBusPostingGroup,
            @Size(max = 20) String taxAreaCode,
            @Size(max = 20) @Schema(examples = "14D") String paymentTermsCode,
            Boolean pricesIncludingVat) {
    }

    @Schema(name = "CreateErpCustomerTemplateRequest")
    public record CreateTemplateRequest(
            @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9_-]+") @Schema(examples = "RETAIL") String code,
            @Size(max = 200) @Schema(examples = "Retail customers") String description,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String genBusPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String customerPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String vatBusPostingGroup,
            @Size(max = 20) String taxAreaCode,
            @Size(max = 20) @Schema(examples = "14D") String paymentTermsCode,
            Boolean pricesIncludingVat) {
    }

    @Schema(name = "ErpCustomerTemplate")
    public record TemplateView(UUID id, @Schema(examples = "RETAIL") String code, String description, String genBusPostingGroup,
                               String customerPostingGroup, String vatBusPostingGroup, String taxAreaCode, String paymentTermsCode,
                               boolean pricesIncludingVat,
                               @Schema(description = "SYNC-7: fields a customer needs that this template lacks (creating from it fails)") List<String> missingFields,
                               long version) {
        static TemplateView of(ErpCustomerTemplate t) {
            return new TemplateView(t.id, t.code, t.description, t.genBusPostingGroup, t.customerPostingGroup, t.vatBusPostingGroup,
                    t.taxAreaCode, t.paymentTermsCode, t.pricesIncludingVat, t.missingFields(), t.version);
        }
    }

    @Schema(name = "ErpCustomerTemplatePage")
    public record TemplatePage(List<TemplateView> items, String nextCursor) {}
}
