package io.merchantdesk.sync;

import io.merchantdesk.kernel.contact.Countries;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.merchantdesk.sync.engine.Model.TaxIdField;
import io.merchantdesk.sync.engine.match.MappingType;
import io.merchantdesk.sync.erp.ErpRegisterService;
import io.merchantdesk.sync.run.PendingWork;
import io.merchantdesk.sync.naming.CountySource;
import io.merchantdesk.sync.naming.NameSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A store's ERP connection settings and per-country template rows, validated against the ERP company. */
@ApplicationScoped
public class ConnectionService {
    static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Inject
    EntityManager em;

    @Inject
    SyncAccess access;

    @Inject
    LinkRepository links;

    @Inject
    CountryTemplateRepository templates;

    @Inject
    ErpRegisterService register;

    @Inject
    PendingWork pending;

    @Inject
    ErpConnectionRepository repository;

    @Inject
    io.merchantdesk.sync.erp.ErpChecks checks;

    public ErpConnection find(UUID storeId) {
        return repository.find(storeId);
    }

    ErpConnection require(UUID storeId) {
        ErpConnection c = find(storeId);
        if (c == null) throw ProblemException.notFound("ERP connection of store " + storeId);
        return c;
    }

    /** Checks the ERP company the store is connected to (issue 21); 422 SYNC_NOT_CONNECTED without a connection. */
    public io.merchantdesk.sync.erp.ErpDtos.CheckView check(UUID storeId) {
        access.settings(storeId);
        ErpConnection c = find(storeId);
        if (c == null) {
            throw ProblemException.rule("SYNC_NOT_CONNECTED", "Connect the store to an ERP company first (PUT /stores/{storeId}/erp-connection)");
        }
        return checks.check(c.erpCompanyId);
    }

    public ConnectionView get(UUID storeId) {
        access.settings(storeId);
        return ConnectionView.of(require(storeId));
    }

    @Transactional
    public ConnectionView put(UUID storeId, String ifMatch, ConnectionRequest r) {
        access.settings(storeId);
        // the store owner connects to an ERP company they control (404 otherwise)
        io.merchantdesk.sync.erp.ErpKind kind = register.ownedCompany(r.erpCompanyId()).kind;
        io.merchantdesk.sync.engine.ErpFeatures features = kind.features();
        ErpConnection c = find(storeId);
        if (c != null) Etags.requirePresentMatch(ifMatch, c.version);
        List<FieldError> errors = new ArrayList<>();
        if (r.contactSource() == NameSource.COMPANY_NAME) errors.add(new FieldError("contactSource", "cannot be COMPANY_NAME"));
        if (r.customerTemplateCode() != null && register.template(r.erpCompanyId(), r.customerTemplateCode()) == null) {
            errors.add(new FieldError("customerTemplateCode", "no template " + r.customerTemplateCode() + " in the ERP company"));
        }
        if (r.defaultCustomerNo() != null && register.customer(r.erpCompanyId(), r.defaultCustomerNo()) == null) {
            errors.add(new FieldError("defaultCustomerNo", "no customer " + r.defaultCustomerNo() + " in the ERP company"));
        }
        // SYNC-20: the company settings, against what the ERP kind keeps
        TaxIdField taxIdField = r.companyTaxIdField() != null ? r.companyTaxIdField()
                : features.taxIdFields().contains(TaxIdField.REGISTRATION_NUMBER) ? TaxIdField.REGISTRATION_NUMBER : TaxIdField.VAT_REGISTRATION_NUMBER;
        if (!features.taxIdFields().contains(taxIdField)) {
            errors.add(new FieldError("companyTaxIdField", "this ERP keeps no " + taxIdField + "; use one of " + features.taxIdFields()));
        }
        CompanyLocationsAs locationsAs = r.companyLocationsAs() != null ? r.companyLocationsAs()
                : features.shipToAddresses() ? CompanyLocationsAs.SHIP_TO_ADDRESSES : CompanyLocationsAs.OWN_CUSTOMERS;
        if (locationsAs == CompanyLocationsAs.SHIP_TO_ADDRESSES && !features.shipToAddresses()) {
            errors.add(new FieldError("companyLocationsAs", "this ERP has no ship-to addresses; use OWN_CUSTOMERS"));
        }
        String defaultCompanyNo = Normalize.emptyToNull(r.defaultCompanyNo());
        if (r.companyMappingType() == CompanyMappingType.DEFAULT_COMPANY && defaultCompanyNo == null) {
            errors.add(new FieldError("defaultCompanyNo", "is required when companyMappingType is DEFAULT_COMPANY"));
        }
        // a remote ERP's number is checked by the run that uses it (CUSTOMER_NOT_FOUND), not by a remote call here
        if (defaultCompanyNo != null && kind == io.merchantdesk.sync.erp.ErpKind.BUILT_IN
                && register.customer(r.erpCompanyId(), defaultCompanyNo) == null) {
            errors.add(new FieldError("defaultCompanyNo", "no customer " + defaultCompanyNo + " in the ERP company"));
        }
        if (r.scheduleCron() != null) {
            try {
                CRON.parse(r.scheduleCron()).validate();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("scheduleCron", "is not a Quartz cron expression: " + e.getMessage()));
            }
        }
        if (Boolean.TRUE.equals(r.scheduleEnabled()) && r.scheduleCron() == null) {
            errors.add(new FieldError("scheduleCron", "is required when scheduleEnabled is true"));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("VALIDATION_FAILED", "The ERP connection settings are invalid", errors);
        boolean created = c == null;
        if (created) {
            c = new ErpConnection();
            c.storeId = storeId;
        } else if (!c.erpCompanyId.equals(r.erpCompanyId())) {
            // Links and imported orders belong to the old register: a new one starts from scratch.
            links.deleteStoreLinks(storeId);
            repository.forgetCapture(storeId);
            pending.forgetStore(storeId);
        }
        c.erpCompanyId = r.erpCompanyId();
        c.customerImport = r.customerImport() == null ? CustomerImport.WITH_ORDER_IMPORT : r.customerImport();
        c.customerMappingType = r.customerMappingType() == null ? MappingType.BY_EMAIL_PHONE : r.customerMappingType();
        c.storeCanUpdateCustomers = Boolean.TRUE.equals(r.storeCanUpdateCustomers());
        c.autoCreateUnknownCustomers = Boolean.TRUE.equals(r.autoCreateUnknownCustomers());
        c.customerTemplateCode = r.customerTemplateCode();
        c.defaultCustomerNo = r.defaultCustomerNo();
        c.exportCustomersToStore = Boolean.TRUE.equals(r.exportCustomersToStore());
        c.canUpdateStoreCustomers = Boolean.TRUE.equals(r.canUpdateStoreCustomers());
        c.inviteExportedCustomers = Boolean.TRUE.equals(r.inviteExportedCustomers());
        c.nameSource = r.nameSource() == null ? NameSource.FIRST_AND_LAST_NAME : r.nameSource();
        c.name2Source = r.name2Source() == null ? NameSource.COMPANY_NAME : r.name2Source();
        c.contactSource = r.contactSource() == null ? NameSource.NONE : r.contactSource();
        c.countySource = r.countySource() == null ? CountySource.CODE : r.countySource();
        c.companyImport = r.companyImport() == null ? CompanyImport.WITH_ORDER_IMPORT : r.companyImport();
        c.companyMappingType = r.companyMappingType() == null ? CompanyMappingType.BY_EMAIL_PHONE : r.companyMappingType();
        c.companyTaxIdField = taxIdField;
        c.companyTaxIdFallback = Boolean.TRUE.equals(r.companyTaxIdFallback());
        c.autoCreateUnknownCompanies = Boolean.TRUE.equals(r.autoCreateUnknownCompanies());
        c.defaultCompanyNo = defaultCompanyNo;
        c.storeCanUpdateCompanies = Boolean.TRUE.equals(r.storeCanUpdateCompanies());
        c.canUpdateStoreCompanies = Boolean.TRUE.equals(r.canUpdateStoreCompanies());
        c.defaultContactRole = r.defaultContactRole() == null ? io.merchantdesk.b2b.CompanyContact.Role.ORDERING_ONLY : r.defaultContactRole();
        c.companyLocationsAs = locationsAs;
        c.scheduleCron = r.scheduleCron();
        c.scheduleEnabled = Boolean.TRUE.equals(r.scheduleEnabled());
        if (created) c.persist();
        em.flush();
        pending.reevaluateStore(storeId); // failed and skipped records are evaluated again under the new settings
        if (!created) em.refresh(c);
        return ConnectionView.of(c);
    }

    // ---- per-country rows ----

    private static String state(String stateCode) {
        return stateCode == null ? "" : stateCode.trim();
    }

    private CountryTemplate row(UUID storeId, String country, String state) {
        return templates.find(storeId, country, state(state));
    }

    public CountryTemplateView getRow(UUID storeId, String country, String state) {
        access.settings(storeId);
        CountryTemplate t = row(storeId, country, state);
        if (t == null) throw ProblemException.notFound("Customer template row " + country + (state(state).isEmpty() ? "" : "/" + state));
        return CountryTemplateView.of(t);
    }

    public Page<CountryTemplateView> rows(UUID storeId, PageParams page) {
        access.settings(storeId);
        List<String> after = Cursors.decode(page.cursor, 2);
        List<CountryTemplate> rows = templates.page(storeId, after == null ? null : after.get(0), after == null ? null : after.get(1), page.limit + 1);
        return Page.of(rows, page.limit, CountryTemplateView::of, t -> Cursors.encode(t.countryCode, t.stateCode));
    }

    @Transactional
    public CountryTemplateView putRow(UUID storeId, String country, String state, String ifMatch, CountryTemplateRequest r) {
        access.settings(storeId);
        List<FieldError> errors = new ArrayList<>();
        if (!Countries.isIso(country)) errors.add(new FieldError("countryCode", "must be an ISO 3166-1 alpha-2 code such as NO"));
        if (state(state).length() > 10) errors.add(new FieldError("stateCode", "is at most 10 characters"));
        ErpConnection c = find(storeId);
        if (c == null) {
            throw ProblemException.rule("SYNC_NOT_CONNECTED", "Connect the store to an ERP company first (PUT /stores/{storeId}/erp-connection)");
        }
        if (r.customerTemplateCode() != null && register.template(c.erpCompanyId, r.customerTemplateCode()) == null) {
            errors.add(new FieldError("customerTemplateCode", "no template " + r.customerTemplateCode() + " in the ERP company"));
        }
        if (r.defaultCustomerNo() != null && register.customer(c.erpCompanyId, r.defaultCustomerNo()) == null) {
            errors.add(new FieldError("defaultCustomerNo", "no customer " + r.defaultCustomerNo() + " in the ERP company"));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("VALIDATION_FAILED", "The customer template row is invalid", errors);
        CountryTemplate t = row(storeId, country, state);
        if (t == null) {
            t = new CountryTemplate();
            t.storeId = storeId;
            t.countryCode = country;
            t.stateCode = state(state);
        } else {
            Etags.requirePresentMatch(ifMatch, t.version);
        }
        t.defaultCustomerNo = Normalize.emptyToNull(r.defaultCustomerNo());
        t.customerTemplateCode = Normalize.emptyToNull(r.customerTemplateCode());
        t.pricesIncludingVat = Boolean.TRUE.equals(r.pricesIncludingVat());
        t.vatBusPostingGroup = Normalize.emptyToNull(r.vatBusPostingGroup());
        t.taxAreaCode = Normalize.emptyToNull(r.taxAreaCode());
        if (!t.isPersistent()) t.persist();
        em.flush();
        pending.reevaluateStore(storeId);
        return CountryTemplateView.of(t);
    }

    @Transactional
    public void deleteRow(UUID storeId, String country, String state, String ifMatch) {
        access.settings(storeId);
        CountryTemplate t = row(storeId, country, state);
        if (t == null) throw ProblemException.notFound("Customer template row " + country);
        Etags.requireMatch(ifMatch, t.version);
        t.delete();
        pending.reevaluateStore(storeId);
    }
}
