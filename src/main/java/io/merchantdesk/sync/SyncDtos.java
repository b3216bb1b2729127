package io.merchantdesk.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.merchantdesk.kernel.money.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.merchantdesk.sync.engine.Model.TaxIdField;
import io.merchantdesk.sync.engine.match.MappingType;
import io.merchantdesk.sync.naming.CountySource;
import io.merchantdesk.sync.naming.NameSource;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the sync endpoints. */
@RegisterForReflection // the nested records are (de)serialised by Jackson; native images need them registered
public final class SyncDtos {
    private SyncDtos() {}

    @Schema(name = "ErpConnectionRequest", description = "The whole settings (PUT replaces them); absent optional fields take their defaults")
    public record ConnectionRequest(
            @NotNull @Schema(description = "An ERP company the caller owns") UUID erpCompanyId,
            @Schema(examples = "WITH_ORDER_IMPORT", defaultValue = "WITH_ORDER_IMPORT") CustomerImport customerImport,
            @Schema(examples = "BY_EMAIL_PHONE", defaultValue = "BY_EMAIL_PHONE") MappingType customerMappingType,
            Boolean storeCanUpdateCustomers,
            Boolean autoCreateUnknownCustomers,
            @Size(max = 20) @Schema(examples = "RETAIL") String customerTemplateCode,
            @Size(max = 20) @Schema(examples = "C00010") String defaultCustomerNo,
            Boolean exportCustomersToStore,
            Boolean canUpdateStoreCustomers,
            @Schema(description = "SYNC-16: e-mail exported customers an invitation to activate their store account") Boolean inviteExportedCustomers,
            @Schema(examples = "FIRST_AND_LAST_NAME", defaultValue = "FIRST_AND_LAST_NAME") NameSource nameSource,
            @Schema(examples = "COMPANY_NAME", defaultValue = "COMPANY_NAME") NameSource name2Source,
            @Schema(examples = "NONE", defaultValue = "NONE", description = "COMPANY_NAME is not allowed") NameSource contactSource,
            @Schema(examples = "CODE", defaultValue = "CODE") CountySource countySource,
            @Schema(examples = "WITH_ORDER_IMPORT", defaultValue = "WITH_ORDER_IMPORT") CompanyImport companyImport,
            @Schema(examples = "BY_EMAIL_PHONE", defaultValue = "BY_EMAIL_PHONE") CompanyMappingType companyMappingType,
            @Schema(examples = "VAT_REGISTRATION_NUMBER", description = """
                    SYNC-21: which ERP customer field holds a company location's tax registration id (written on create and update, matched
                    by BY_TAX_ID). Default REGISTRATION_NUMBER; on Business Central, whose API keeps only the VAT registration number,
                    VAT_REGISTRATION_NUMBER (the only value allowed there).""") TaxIdField companyTaxIdField,
            @Schema(description = "SYNC-21: with BY_TAX_ID, a company whose tax id matches nothing tries the main contact's e-mail and phone") Boolean companyTaxIdFallback,
            @Schema(description = "SYNC-22: a company that matches no ERP customer gets one made from the template") Boolean autoCreateUnknownCompanies,
            @Size(max = 20) @Schema(examples = "C00020", description = "SYNC-28: the ERP customer of B2B orders when companyImport is NONE, or when "
                    + "nothing else gives one; the customer of every company with DEFAULT_COMPANY (required then)") String defaultCompanyNo,
            @Schema(description = "SYNC-22: a linked ERP customer is updated from its company (name, default location's address, phone and tax id; "
                    + "never the e-mail)") Boolean storeCanUpdateCompanies,
            @Schema(description = "SYNC-27: a linked company is updated from its ERP customer's changes (name, default location's billing address "
                    + "and tax id); may be on with storeCanUpdateCompanies: the sync's own writes are not sent back (SYNC-19)") Boolean canUpdateStoreCompanies,
            @Schema(examples = "ORDERING_ONLY", defaultValue = "ORDERING_ONLY", description = "SYNC-26: the role a contact made from an ERP customer gets at its location") io.merchantdesk.b2b.CompanyContact.Role defaultContactRole,
            @Schema(examples = "SHIP_TO_ADDRESSES", description = "SYNC-24; default SHIP_TO_ADDRESSES, on Business Central OWN_CUSTOMERS (the only value allowed there)") CompanyLocationsAs companyLocationsAs,
            @Size(max = 120) @Schema(description = "Quartz cron of the schedule (seconds first)", examples = "0 0/15 * * * ?") String scheduleCron,
            Boolean scheduleEnabled) {
    }

    @Schema(name = "ErpConnection")
    public record ConnectionView(UUID storeId, UUID erpCompanyId, CustomerImport customerImport, MappingType customerMappingType,
                                 boolean storeCanUpdateCustomers, boolean autoCreateUnknownCustomers, String customerTemplateCode,
                                 String defaultCustomerNo, boolean exportCustomersToStore, boolean canUpdateStoreCustomers,
                                 boolean inviteExportedCustomers, NameSource nameSource, NameSource name2Source, NameSource contactSource,
                                 CountySource countySource, CompanyImport companyImport, CompanyMappingType companyMappingType,
                                 TaxIdField companyTaxIdField, boolean companyTaxIdFallback, boolean autoCreateUnknownCompanies,
                                 @Schema(examples = "C00020") String defaultCompanyNo, boolean storeCanUpdateCompanies,
                                 boolean canUpdateStoreCompanies, io.merchantdesk.b2b.CompanyContact.Role defaultContactRole,
                                 CompanyLocationsAs companyLocationsAs,
                                 String scheduleCron, boolean scheduleEnabled, Instant scheduleLastFiredAt,
                                 @Schema(description = "Start of the last successful CUSTOMERS run: store changes committed before it are imported (SYNC-18)") Instant importWatermark,
                                 @Schema(description = "Start of the last successful CUSTOMERS run: ERP changes committed before it are exported") Instant exportWatermark, long version) {
        static ConnectionView of(ErpConnection c) {
            return new ConnectionView(c.storeId, c.erpCompanyId, c.customerImport, c.customerMappingType, c.storeCanUpdateCustomers,
                    c.autoCreateUnknownCustomers, c.customerTemplateCode, c.defaultCustomerNo, c.exportCustomersToStore,
                    c.canUpdateStoreCustomers, c.inviteExportedCustomers, c.nameSource, c.name2Source, c.contactSource, c.countySource,
                    c.companyImport, c.companyMappingType, c.companyTaxIdField, c.companyTaxIdFallback, c.autoCreateUnknownCompanies,
                    c.defaultCompanyNo, c.storeCanUpdateCompanies, c.canUpdateStoreCompanies, c.defaultContactRole, c.companyLocationsAs,
                    c.scheduleCron, c.scheduleEnabled, c.scheduleLastFiredAt, c.importWatermark, c.exportWatermark, c.version);
        }
    }

    @Schema(name = "CountryTemplateRequest")
    public record CountryTemplateRequest(
            @Size(max = 20) @Schema(examples = "C00099", description = "SYNC-1: orders to this country go to this customer") String defaultCustomerNo,
            @Size(max = 20) @Schema(examples = "EXPORT") String customerTemplateCode,
            @Schema(description = "SYNC-10") Boolean pricesIncludingVat,
            @Size(max = 20) @Schema(examples = "EU") String vatBusPostingGroup,
            @Size(max = 20) String taxAreaCode) {
    }

    @Schema(name = "CountryTemplate")
    public record CountryTemplateView(@Schema(examples = "NO") String countryCode,
                                      @Schema(description = "State/province code, empty for the whole country") String stateCode,
                                      String defaultCustomerNo, String customerTemplateCode, boolean pricesIncludingVat,
                                      String vatBusPostingGroup, String taxAreaCode, long version) {
        static CountryTemplateView of(CountryTemplate t) {
            return new CountryTemplateView(t.countryCode, t.stateCode, t.defaultCustomerNo, t.customerTemplateCode, t.pricesIncludingVat,
                    t.vatBusPostingGroup, t.taxAreaCode, t.version);
        }
    }

    @Schema(name = "CountryTemplatePage")
    public record CountryTemplatePage(List<CountryTemplateView> items, String nextCursor) {}

    @Schema(description = """
            What a sync run moves.
            - CUSTOMERS: store customers changed since the last successful run go to the ERP (when customerImport is not NONE), then
              store companies changed since then (when companyImport is not NONE, SYNC-20..29), then ERP customers changed since then
              come to the store (when exportCustomersToStore is on) or to their linked companies (when canUpdateStoreCompanies is on);
              pending failed or re-evaluated records of every direction are retried in the same run.
            - ORDERS: every live store order not yet imported becomes an ERP order, its customer chosen by SYNC-1..5 (a B2B order's
              through its company, SYNC-28).""")
    public enum SyncKind { CUSTOMERS, ORDERS }

    @Schema(description = """
            Which changes a run evaluates.
            - INCREMENTAL (default): the changes committed since the last successful run (exact: none missed, none twice) plus the
              pending records that are due; an unfinished previous run is resumed.
            - FULL: every record again, whatever changed, and every pending record regardless of its backoff; use it after a settings
              change that should reach records which did not change (a FULL start does not resume, it covers everything).""")
    public enum SyncMode { INCREMENTAL, FULL }

    @Schema(description = """
            - RUNNING: executing, or its process died (then stale is true and the next start resumes it).
            - SUCCEEDED: finished, no record failed.
            - SUCCEEDED_WITH_ERRORS: finished, some records failed; they are listed under /errors and retried by later runs.
            - FAILED: stopped by an error of the run itself (not of a record); the next start resumes it.
            - INTERRUPTED: its process died; a later run resumed it (resumedFrom).""")
    public enum RunStatus { RUNNING, SUCCEEDED, SUCCEEDED_WITH_ERRORS, FAILED, INTERRUPTED }

    @Schema(description = "FAILED: the record could not be synchronised (an error); SKIPPED: left out on purpose by a setting or rule")
    public enum RecordOutcome { FAILED, SKIPPED }

    @Schema(name = "StartSyncRunRequest")
    public record StartRunRequest(
            @NotNull @Schema(examples = "CUSTOMERS") SyncKind kind,
            @Min(1) @Max(5000) @Schema(description = "Records per batch (default from configuration)", examples = "500") Integer batchSize,
            @Schema(examples = "INCREMENTAL", defaultValue = "INCREMENTAL") SyncMode mode) {
    }

    @Schema(name = "SyncRunCounters")
    public record Counters(int processed, int created, int updated, int linked, int skipped, int failed) {}

    @Schema(name = "SyncRunError", description = "A record of a run that failed or was skipped, with its reason code and what decided it")
    public record RunErrorView(@Schema(examples = "CUSTOMER", description = "CUSTOMER (store customer), COMPANY (store company), ERP_CUSTOMER or ORDER") String recordType,
                               String recordId,
                               @Schema(examples = "AMBIGUOUS_MATCH", description = """
                                       Failures: NO_ADDRESS, TEMPLATE_MISSING, TEMPLATE_NOT_FOUND, TEMPLATE_INCOMPLETE, AMBIGUOUS_MATCH, DUPLICATE,
                                       NEEDS_CUSTOMER, CUSTOMER_NOT_FOUND, COUNTRY_REQUIRED. Skips: IMPORT_OFF, NOT_LINKED, NO_MATCH, UPDATE_OFF,
                                       NO_VALID_EMAIL.""") String code,
                               @Schema(description = "Names the rule and the setting or field that decided") String message, Instant createdAt,
                               @Schema(examples = "FAILED") RecordOutcome outcome,
                               @Schema(required = true) RecordSubject subject) { // described by its schema (no "type" beside the $ref)
        public RunErrorView withSubject(RecordSubject s) {
            return new RunErrorView(recordType, recordId, code, message, createdAt, outcome, s);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL) // what is unknown (a deleted record, a field never filled) is left out
    @Schema(name = "SyncRecordSubject", description = """
            What a skipped, failed or pending record is about, read from the store and the ERP register when the list is read
            (so it shows the record as it is now), with the ids to open it:
            - CUSTOMER: customerId (GET /stores/{storeId}/customers/{customerId}) and the customer's name, email and phone.
            - ORDER: orderId (GET /stores/{storeId}/orders/{orderId}), placedAt and total (orders carry no number of their own),
              and the order's customer: customerId, name, email and phone.
            - COMPANY: companyId (GET /stores/{storeId}/companies/{companyId}) and the company's name.
            - ERP_CUSTOMER: erpCompanyId and customerNo (GET /erp-companies/{erpCompanyId}/customers/{customerNo}) and the ERP
              customer's name, email and phone; erpCompanyId is the ERP company of the store's connection.
            A record deleted since has exists false and only the ids its record id gives (customerId, orderId, or customerNo and
            erpCompanyId); a field that is empty is left out.""",
            examples = """
            {"exists": true, "customerId": "01920d3e-6f1c-7a35-9c1e-2b7f4a0c9d11", "name": "Kari Nordmann", "email": "kari@example.no",
             "phone": "+47 22 33 44 55"}""")
    public record RecordSubject(
            @Schema(required = true, description = "false: the record no longer exists (deleted since it was evaluated); only its ids are shown")
            boolean exists,
            @Schema(description = "CUSTOMER: the store customer; ORDER: the order's customer", examples = "01920d3e-6f1c-7a35-9c1e-2b7f4a0c9d11")
            UUID customerId,
            @Schema(description = "ORDER: the order", examples = "01920d3f-0a4b-7c21-8d3e-5f6a7b8c9d0e") UUID orderId,
            @Schema(description = "ERP_CUSTOMER: the ERP company of the store's connection",
                    examples = "01920d3a-1b2c-7d3e-8f4a-5b6c7d8e9f00")
            UUID erpCompanyId,
            @Schema(description = "ERP_CUSTOMER: the ERP customer's number", examples = "C00010") String customerNo,
            @Schema(description = "CUSTOMER: first and last name; ORDER: its customer's; ERP_CUSTOMER: the card's name", examples = "Kari Nordmann")
            String name,
            @Schema(description = "CUSTOMER and ORDER: the (order's) customer's e-mail; ERP_CUSTOMER: the card's", examples = "kari@example.no")
            String email,
            @Schema(description = "The phone as it was typed (CUSTOMER and ORDER: the customer's; ERP_CUSTOMER: the card's)", examples = "+47 22 33 44 55")
            String phone,
            @Schema(description = "ORDER: when it was placed", examples = "2025-03-01T10:15:30Z") Instant placedAt,
            @Schema(description = "ORDER: its total") Money total,
            @Schema(description = "COMPANY: the store company (GET /stores/{storeId}/companies/{companyId}); name is its name",
                    examples = "01920d3b-2c3d-7e4f-9a5b-6c7d8e9fa0b1") UUID companyId) {
    }

    @Schema(name = "SyncRunErrorPage")
    public record RunErrorPage(List<RunErrorView> items, String nextCursor) {}

    @Schema(name = "SyncRun")
    public record RunView(@Schema(required = true) UUID id, @Schema(required = true) UUID storeId, @Schema(required = true) SyncKind kind, @Schema(required = true, examples = "MANUAL") String trigger, @Schema(required = true) RunStatus status,
                          @Schema(required = true, description = "RUNNING but no heartbeat for longer than the stale limit: its process died; a new run resumes it")
                          boolean stale,
                          @Schema(examples = "IMPORT") String phase, UUID resumedFrom, Instant watermarkFrom, @Schema(required = true) Instant watermarkTo,
                          @Schema(required = true) Counters counters,
                          @Schema(required = true, description = "Skipped records by reason code (each listed under /records?outcome=SKIPPED)",
                                  examples = "{\"NOT_LINKED\": 1}") Map<String, Integer> skipReasons,
                          @Schema(required = true) SyncMode mode, @Schema(required = true) int batchSize, String failure, @Schema(required = true) Instant startedAt, @Schema(required = true) Instant heartbeatAt, Instant finishedAt,
                          @Schema(required = true, description = "Records per second so far") double recordsPerSecond,
                          @Schema(description = "The first per-record errors (all of them: /errors)") List<RunErrorView> errors) {}

    @Schema(name = "SyncPendingRecord", description = "A record whose last evaluation failed (retried with backoff) or was skipped (re-evaluated after a settings change or by a FULL run)")
    public record PendingView(@Schema(examples = "CUSTOMER") String recordType, String recordId, @Schema(examples = "FAILED") RecordOutcome outcome,
                              @Schema(examples = "TEMPLATE_MISSING") String code, String message, int attempts,
                              @Schema(description = "When a run retries it; null: only after a settings change or a FULL run") Instant nextAttemptAt,
                              Instant lastAttemptAt, UUID lastRunId,
                              @Schema(required = true) RecordSubject subject) { // described by its schema (no "type" beside the $ref)
        public PendingView withSubject(RecordSubject s) {
            return new PendingView(recordType, recordId, outcome, code, message, attempts, nextAttemptAt, lastAttemptAt, lastRunId, s);
        }
    }

    @Schema(name = "SyncPendingRecordPage")
    public record PendingPage(List<PendingView> items, String nextCursor) {}

    @Schema(name = "SyncRunPage")
    public record RunPage(List<RunView> items, String nextCursor) {}

    @Schema(name = "CustomerLink")
    public record LinkView(UUID customerId, UUID erpCompanyId, @Schema(examples = "C00010") String customerNo, Instant lastSyncedAt,
                           @Schema(examples = "STORE") String lastSyncedFrom) {}

    @Schema(name = "CustomerLinkPage")
    public record LinkPage(List<LinkView> items, String nextCursor) {}

    @Schema(name = "CompanyLink", description = "A store company's link to its ERP customer (SYNC-21)")
    public record CompanyLinkView(@Schema(required = true) UUID companyId, @Schema(required = true) UUID erpCompanyId,
                                  @Schema(required = true, examples = "C00020") String customerNo,
                                  @Schema(required = true) Instant lastSyncedAt,
                                  @Schema(required = true, examples = "STORE", description = "STORE (import), ERP (export) or MANUAL") String lastSyncedFrom,
                                  @Schema(required = true, description = "SYNC-24: the company's locations that are ERP customers of their own "
                                          + "(companyLocationsAs OWN_CUSTOMERS, or added by an export)") List<LocationCustomer> locationCustomers) {}

    @Schema(name = "CompanyLocationCustomer", description = "A company location that is an ERP customer of its own")
    public record LocationCustomer(@Schema(required = true) UUID locationId, @Schema(required = true, examples = "C00021") String customerNo) {}

    @Schema(name = "CompanyLinkPage")
    public record CompanyLinkPage(List<CompanyLinkView> items, String nextCursor) {}

    @Schema(name = "LinkCompanyRequest", description = "Link the company to this existing ERP customer")
    public record LinkCompanyRequest(@NotNull @Size(min = 1, max = 20) @Schema(examples = "C00020") String customerNo) {}

    @Schema(name = "CompanyExportRequest", description = """
            SYNC-26: ERP customers to make store companies (each with one location and its main contact), or, with companyId, to add as
            locations of that company.""")
    public record CompanyExportRequest(
            @NotNull @Size(min = 1, max = 100) @Schema(examples = "[\"C00020\"]") List<@NotNull @Size(min = 1, max = 20) String> customerNos,
            @Schema(description = "Add the ERP customers as locations of this company (each location's own ERP customer) instead of making companies")
            UUID companyId) {}

    @Schema(description = """
            - CREATED: a company was made (companyId, locationId).
            - ADDED_AS_LOCATION: a location of the requested company was made (companyId, locationId).
            - SKIPPED: nothing was made; code and message say why (NOT_FOUND, ALREADY_A_COMPANY, ALREADY_A_LOCATION, NO_VALID_EMAIL,
              COUNTRY_REQUIRED, AMBIGUOUS_MATCH).""")
    public enum CompanyExportOutcome { CREATED, ADDED_AS_LOCATION, SKIPPED }

    @Schema(name = "CompanyExportItem")
    public record CompanyExportItem(@Schema(required = true, examples = "C00020") String customerNo,
                                    @Schema(required = true) CompanyExportOutcome outcome,
                                    @Schema(description = "The company made, added to, or (ALREADY_A_COMPANY) the one the ERP customer is already") UUID companyId,
                                    @Schema(description = "The location made") UUID locationId,
                                    @Schema(examples = "NO_VALID_EMAIL") String code,
                                    String message) {}

    @Schema(name = "CompanyExportResult", description = "One item per distinct requested number, in request order")
    public record CompanyExportResult(@Schema(required = true) List<CompanyExportItem> items) {}

    @Schema(name = "ErpCustomerForCustomerRequest", description = "Link to this ERP customer, or (without customerNo) create one from the template")
    public record ManualErpCustomerRequest(@Size(max = 20) @Schema(examples = "C00010") String customerNo) {}

    @Schema(name = "ErpOrder")
    public record ErpOrderView(UUID orderId, UUID erpCompanyId,
                               @Schema(examples = "42", description = "The ERP's document made from the order: the draft sale's id in "
                                       + "Tryton, the sales order number in Business Central. Absent for the built-in register (its "
                                       + "imported orders are these rows).") String erpDocumentNo,
                               @Schema(examples = "C00010") String sellToCustomerNo,
                               @Schema(examples = "C00010") String billToCustomerNo,
                               @Schema(examples = "EMAIL", description = "How the customer was chosen, with the rule that says so: "
                                       + "COUNTRY_DEFAULT (SYNC-1), IMPORT_NONE_DEFAULT (SYNC-2), LINK, EMAIL, PHONE, BILL_TO, DEFAULT_CUSTOMER, "
                                       + "DEFAULT_FALLBACK (SYNC-3), CREATED (SYNC-6); a B2B order's: COMPANY_IMPORT_NONE_DEFAULT, COMPANY_LINK, "
                                       + "COMPANY_LOCATION (sold to the location's own customer), COMPANY_DEFAULT_FALLBACK (SYNC-28), COMPANY_EMAIL, "
                                       + "COMPANY_PHONE, COMPANY_TAX_ID, COMPANY_DEFAULT (SYNC-21), COMPANY_CREATED (SYNC-22)") String chosenBy,
                               @Schema(examples = "SYNC-3", description = "The rule that chose it") String rule,
                               String countryCode, boolean pricesIncludingVat, String vatBusPostingGroup, String taxAreaCode,
                               UUID runId, Instant importedAt) {}

    @Schema(name = "ErpOrderPage")
    public record ErpOrderPage(List<ErpOrderView> items, String nextCursor) {}
}
