package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.secrets.Secrets;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.erp.ErpDtos.*;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The built-in ERP register: companies (owned like stores), customer cards with a number series, and
 * customer templates. Only the company owner sees a company; anyone else gets 404.
 */
@ApplicationScoped
public class ErpRegisterService {
    @Inject
    ErpRegisterRepository repository;

    @Inject
    io.merchantdesk.sync.run.PendingWork pending;

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    Secrets secrets;

    @Inject
    io.merchantdesk.sync.remote.ErpGuards guards;

    @Inject
    io.merchantdesk.sync.remote.SyncWritesRepository syncWrites;

    @Inject
    io.merchantdesk.sync.ErpConnectionRepository connections;

    /** Business Central online's API host and Microsoft Entra ID's token service: the defaults of a BUSINESS_CENTRAL company. */
    static final String BUSINESS_CENTRAL_API = "https://api.businesscentral.dynamics.com";
    static final String ENTRA_ID = "https://login.microsoftonline.com";

    /** The company when the caller owns it; 404 otherwise (ids reveal nothing). */
    public ErpCompany ownedCompany(UUID erpCompanyId) {
        ErpCompany company = erpCompanyId == null ? null : em.find(ErpCompany.class, erpCompanyId);
        if (company == null || !company.ownerId.equals(currentUser.id())) {
            throw ProblemException.notFound("ERP company " + erpCompanyId);
        }
        return company;
    }

    /**
     * The company when the caller owns it and it is the built-in register (its customer cards live in merchantdesk); 404
     * for strangers, 409 ERP_NOT_BUILT_IN for a TRYTON company, whose customers live in Tryton.
     */
    ErpCompany ownedRegister(UUID erpCompanyId) {
        ErpCompany company = ownedCompany(erpCompanyId);
        if (company.kind != ErpKind.BUILT_IN) {
            throw ProblemException.conflict("ERP_NOT_BUILT_IN", "ERP company " + company.id + " is a " + company.kind
                    + " company: its customers live in that ERP, not in merchantdesk's register");
        }
        return company;
    }

    @Transactional
    public ErpCompanyView createCompany(CreateErpCompanyRequest r) {
        ErpKind kind = r.kind() == null ? ErpKind.BUILT_IN : r.kind();
        validate(kind, r, false);
        ErpCompany c = new ErpCompany();
        c.name = r.name().trim();
        c.ownerId = currentUser.id();
        c.kind = kind;
        if (r.customerNoPrefix() != null) c.customerNoPrefix = r.customerNoPrefix();
        if (r.customerNoWidth() != null) c.customerNoWidth = r.customerNoWidth();
        if (r.nextCustomerNo() != null) c.nextCustomerNo = r.nextCustomerNo();
        if (kind == ErpKind.TRYTON) {
            c.endpoint = r.endpoint().trim();
            c.databaseName = r.database();
            c.login = r.login();
        }
        if (kind == ErpKind.BUSINESS_CENTRAL) {
            c.endpoint = r.endpoint() == null ? BUSINESS_CENTRAL_API : r.endpoint().trim();
            c.authority = r.authority() == null ? ENTRA_ID : r.authority().trim();
            c.tenantId = r.tenantId().trim();
            c.environment = r.environment().trim();
            c.remoteCompanyId = r.companyId();
            c.login = r.clientId().trim(); // the client id; the client secret is sealed as the password below
        }
        c.persist(); // assigns the id: the password is sealed for this row
        if (kind == ErpKind.TRYTON) seal(c, r.password());
        if (kind == ErpKind.BUSINESS_CENTRAL) seal(c, r.clientSecret());
        em.flush();
        return ErpCompanyView.of(c);
    }

    private static void validate(ErpKind kind, CreateErpCompanyRequest r, boolean secretKept) {
        List<FieldError> errors = ErpConnectionFields.problems(kind, r, secretKept);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("VALIDATION_FAILED", "The ERP company has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s"), errors);
        }
    }

    /**
     * Replaces a company's name and connection (its kind stays: 409 ERP_KIND_FIXED). An absent password or client
     * secret keeps the sealed one, absent number series fields keep the series. When the connection names another
     * system (endpoint, database, tenant, environment or company), the ERP side's change cursors of the connected stores
     * and the remembered sync writes are forgotten (the next run scans everything; links to cards that are not there are
     * dropped by SYNC-5). Pending records become due, the company's circuit breaker starts afresh.
     */
    @Transactional
    public ErpCompanyView replaceCompany(UUID id, String ifMatch, CreateErpCompanyRequest r) {
        ErpCompany c = ownedCompany(id);
        Etags.requirePresentMatch(ifMatch, c.version); // 428 without If-Match
        Etags.requireMatch(ifMatch, c.version);        // 412 when stale
        if (r.kind() != null && r.kind() != c.kind) {
            throw ProblemException.conflict("ERP_KIND_FIXED", "ERP company " + c.id + " is a " + c.kind + " company; its kind cannot change "
                    + "(create a new ERP company and connect the stores to it)");
        }
        validate(c.kind, r, true);
        String before = c.endpoint + "|" + c.databaseName + "|" + c.tenantId + "|" + c.environment + "|" + c.remoteCompanyId;
        c.name = r.name().trim();
        switch (c.kind) {
            case BUILT_IN -> {
                if (r.customerNoPrefix() != null) c.customerNoPrefix = r.customerNoPrefix();
                if (r.customerNoWidth() != null) c.customerNoWidth = r.customerNoWidth();
                if (r.nextCustomerNo() != null) c.nextCustomerNo = r.nextCustomerNo();
            }
            case TRYTON -> {
                c.endpoint = r.endpoint().trim();
                c.databaseName = r.database();
                c.login = r.login();
                if (r.password() != null) seal(c, r.password());
            }
            case BUSINESS_CENTRAL -> {
                c.endpoint = r.endpoint() == null ? BUSINESS_CENTRAL_API : r.endpoint().trim();
                c.authority = r.authority() == null ? ENTRA_ID : r.authority().trim();
                c.tenantId = r.tenantId().trim();
                c.environment = r.environment().trim();
                c.remoteCompanyId = r.companyId();
                c.login = r.clientId().trim();
                if (r.clientSecret() != null) seal(c, r.clientSecret());
            }
        }
        em.flush();
        if (!before.equals(c.endpoint + "|" + c.databaseName + "|" + c.tenantId + "|" + c.environment + "|" + c.remoteCompanyId)) {
            connections.forgetErpCursors(c.id);
            syncWrites.forget(c.id);
        }
        guards.reset(c.id);
        pending.reevaluateCompany(c.id);
        return ErpCompanyView.of(c);
    }

    private void seal(ErpCompany c, String secret) {
        Secrets.Sealed sealed = secrets.seal(secret, c.id.toString());
        c.passwordCiphertext = sealed.ciphertext();
        c.credentialsKeyId = sealed.keyId();
    }

    public ErpCompanyView company(UUID id) {
        return ErpCompanyView.of(ownedCompany(id));
    }

    public Page<ErpCompanyView> companies(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        List<ErpCompany> rows = repository.companies(currentUser.id(), after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, ErpCompanyView::of, c -> Cursors.encode(c.id));
    }

    // ---- customer cards ----

    @Transactional
    public ErpCustomerView createCustomer(UUID companyId, ErpCustomerRequest r) {
        ErpCompany company = ownedRegister(companyId);
        ErpCustomer c = new ErpCustomer();
        c.erpCompanyId = company.id;
        if (r.templateCode() != null) {
            ErpCustomerTemplate t = template(company.id, r.templateCode());
            if (t == null) throw ProblemException.invalidField("templateCode", "no template " + r.templateCode() + " in this ERP company");
            List<String> missing = t.missingFields();
            if (!missing.isEmpty()) {
                throw ProblemException.rule("ERP_TEMPLATE_INCOMPLETE", "SYNC-7: template " + t.code + " lacks " + String.join(", ", missing),
                        missing.stream().map(f -> new FieldError("templateCode", "template lacks " + f)).toList());
            }
            c.templateCode = t.code;
            c.genBusPostingGroup = t.genBusPostingGroup;
            c.customerPostingGroup = t.customerPostingGroup;
            c.vatBusPostingGroup = t.vatBusPostingGroup;
            c.taxAreaCode = t.taxAreaCode;
            c.paymentTermsCode = t.paymentTermsCode;
            c.pricesIncludingVat = t.pricesIncludingVat;
        }
        if (r.customerNo() != null) {
            if (customer(company.id, r.customerNo()) != null) {
                throw ProblemException.conflict("ERP_CUSTOMER_NO_TAKEN", "Customer number " + r.customerNo() + " is already used");
            }
            c.customerNo = r.customerNo();
        } else {
            c.customerNo = nextNumber(company);
        }
        apply(c, r);
        c.changedAt = Instant.now();
        c.persist();
        return ErpCustomerView.of(c);
    }

    /** Takes the next free number of the series (skipping numbers typed in by hand). */
    private String nextNumber(ErpCompany company) {
        em.lock(company, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        while (true) {
            String no = format(company.customerNoPrefix, company.customerNoWidth, company.nextCustomerNo);
            company.nextCustomerNo++;
            if (customer(company.id, no) == null) return no;
        }
    }

    public static String format(String prefix, int width, long n) {
        String digits = Long.toString(n);
        return prefix + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    public ErpCustomerView getCustomer(UUID companyId, String customerNo) {
        ownedRegister(companyId);
        return ErpCustomerView.of(requireCustomer(companyId, customerNo));
    }

    /** A card's ship-to addresses (SYNC-24), keyset-paged by code. */
    public Page<ErpDtos.ShipToAddressView> shipTos(UUID companyId, String customerNo, PageParams page) {
        ownedRegister(companyId);
        requireCustomer(companyId, customerNo);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<ErpDtos.ShipToAddressView> rows = repository.shipTos(companyId, customerNo, after == null ? null : after.get(0), page.limit + 1);
        return Page.of(rows, page.limit, v -> v, v -> Cursors.encode(v.code()));
    }

    public Page<ErpCustomerView> customers(UUID companyId, PageParams page) {
        ownedRegister(companyId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<ErpCustomer> rows = repository.customers(companyId, after == null ? null : after.get(0), page.limit + 1);
        return Page.of(rows, page.limit, ErpCustomerView::of, c -> Cursors.encode(c.customerNo));
    }

    @Transactional
    public ErpCustomerView updateCustomer(UUID companyId, String customerNo, String ifMatch, ErpCustomerRequest r) {
        ownedRegister(companyId);
        ErpCustomer c = requireCustomer(companyId, customerNo);
        Etags.requireMatch(ifMatch, c.version);
        if (r.customerNo() != null && !r.customerNo().equals(c.customerNo)) {
            throw ProblemException.invalidField("customerNo", "cannot change; create a new card instead");
        }
        ErpCustomerView before = ErpCustomerView.of(c);
        apply(c, r);
        if (!Objects.equals(before, ErpCustomerView.of(c))) {
            c.changedAt = Instant.now();
        }
        em.flush();
        return ErpCustomerView.of(c);
    }

    @Transactional
    public void deleteCustomer(UUID companyId, String customerNo, String ifMatch) {
        ownedRegister(companyId);
        ErpCustomer c = requireCustomer(companyId, customerNo);
        Etags.requireMatch(ifMatch, c.version);
        // Links to this number stay behind on purpose: SYNC-5 drops them when a sync meets them.
        c.delete();
    }

    private static void apply(ErpCustomer c, ErpCustomerRequest r) {
        if (r.name() != null) c.name = r.name();
        if (r.name2() != null) c.name2 = r.name2();
        if (r.contact() != null) c.contact = r.contact();
        if (r.address() != null) c.address = r.address();
        if (r.address2() != null) c.address2 = r.address2();
        if (r.city() != null) c.city = r.city();
        if (r.postCode() != null) c.postCode = r.postCode();
        if (r.county() != null) c.county = r.county();
        if (r.countryCode() != null) {
            if (!Countries.isIso(r.countryCode())) throw ProblemException.invalidField("countryCode", "is not an ISO 3166-1 alpha-2 code");
            c.countryCode = r.countryCode();
        }
        if (r.phone() != null) c.phone = r.phone();
        if (r.email() != null) c.email = r.email();
        if (r.registrationNo() != null) c.registrationNo = Normalize.emptyToNull(r.registrationNo());
        if (r.vatRegistrationNo() != null) c.vatRegistrationNo = Normalize.emptyToNull(r.vatRegistrationNo());
        if (r.genBusPostingGroup() != null) c.genBusPostingGroup = r.genBusPostingGroup();
        if (r.customerPostingGroup() != null) c.customerPostingGroup = r.customerPostingGroup();
        if (r.vatBusPostingGroup() != null) c.vatBusPostingGroup = r.vatBusPostingGroup();
        if (r.taxAreaCode() != null) c.taxAreaCode = r.taxAreaCode();
        if (r.paymentTermsCode() != null) c.paymentTermsCode = r.paymentTermsCode();
        if (r.pricesIncludingVat() != null) c.pricesIncludingVat = r.pricesIncludingVat();
        if (r.blocked() != null) c.blocked = r.blocked();
        c.emailNorm = Normalize.email(c.email);
        c.phoneE164 = Phones.e164(c.phone, c.countryCode);
    }

    /** The customer card with this number, or null. */
    public ErpCustomer customer(UUID companyId, String no) {
        return repository.customer(companyId, no);
    }

    private ErpCustomer requireCustomer(UUID companyId, String no) {
        ErpCustomer c = customer(companyId, no);
        if (c == null) throw ProblemException.notFound("ERP customer " + no);
        return c;
    }

    // ---- templates: kept by merchantdesk for every kind (the connector's templates, SYNC-6/7) ----

    /**
     * The company when the caller owns it and merchantdesk keeps its customer templates: the built-in register, and a
     * BUSINESS_CENTRAL company, whose adapter applies them on create (API v2.0 has no customer templates to read).
     */

    public ErpCustomerTemplate template(UUID companyId, String code) {
        return repository.template(companyId, code);
    }

    @Transactional
    public TemplateView createTemplate(UUID companyId, CreateTemplateRequest r) {
        ownedCompany(companyId);
        if (template(companyId, r.code()) != null) {
            throw ProblemException.conflict("ERP_TEMPLATE_EXISTS", "Template " + r.code() + " already exists");
        }
        ErpCustomerTemplate t = new ErpCustomerTemplate();
        t.erpCompanyId = companyId;
        t.code = r.code();
        apply(t, new TemplateRequest(r.description(), r.genBusPostingGroup(), r.customerPostingGroup(), r.vatBusPostingGroup(),
                r.taxAreaCode(), r.paymentTermsCode(), r.pricesIncludingVat()));
        t.persist();
        em.flush();
        pending.reevaluateCompany(companyId); // a record that failed for want of this template is retried at once
        return TemplateView.of(t);
    }

    @Transactional
    public TemplateView putTemplate(UUID companyId, String code, String ifMatch, TemplateRequest r) {
        ownedCompany(companyId);
        ErpCustomerTemplate t = requireTemplate(companyId, code);
        Etags.requireMatch(ifMatch, t.version);
        apply(t, r); // sets every field: a PUT replaces the template
        em.flush();
        pending.reevaluateCompany(companyId);
        return TemplateView.of(t);
    }

    private ErpCustomerTemplate requireTemplate(UUID companyId, String code) {
        ErpCustomerTemplate t = template(companyId, code);
        if (t == null) throw ProblemException.notFound("Template " + code);
        return t;
    }

    private static void apply(ErpCustomerTemplate t, TemplateRequest r) {
        t.description = r.description();
        t.genBusPostingGroup = Normalize.emptyToNull(r.genBusPostingGroup());
        t.customerPostingGroup = Normalize.emptyToNull(r.customerPostingGroup());
        t.vatBusPostingGroup = Normalize.emptyToNull(r.vatBusPostingGroup());
        t.taxAreaCode = Normalize.emptyToNull(r.taxAreaCode());
        t.paymentTermsCode = Normalize.emptyToNull(r.paymentTermsCode());
        t.pricesIncludingVat = Boolean.TRUE.equals(r.pricesIncludingVat());
    }

    public TemplateView getTemplate(UUID companyId, String code) {
        ownedCompany(companyId);
        return TemplateView.of(requireTemplate(companyId, code));
    }

    public Page<TemplateView> templates(UUID companyId, PageParams page) {
        ownedCompany(companyId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<ErpCustomerTemplate> rows = repository.templates(companyId, after == null ? null : after.get(0), page.limit + 1);
        return Page.of(rows, page.limit, TemplateView::of, t -> Cursors.encode(t.code));
    }
}
