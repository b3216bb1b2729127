package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.secrets.Secrets;
import io.merchantdesk.sync.businesscentral.BusinessCentralAuthException;
import io.merchantdesk.sync.businesscentral.BusinessCentralClient;
import io.merchantdesk.sync.businesscentral.BusinessCentralErpAdapter;
import io.merchantdesk.sync.businesscentral.BusinessCentralErrorException;
import io.merchantdesk.sync.businesscentral.BusinessCentralUnavailableException;
import io.merchantdesk.sync.remote.ErpTarget;
import io.merchantdesk.sync.erp.ErpDtos.CheckProblem;
import io.merchantdesk.sync.erp.ErpDtos.CheckView;
import io.merchantdesk.sync.tryton.TrytonAuthException;
import io.merchantdesk.sync.tryton.TrytonErrorException;
import io.merchantdesk.sync.tryton.TrytonRpc;
import io.merchantdesk.sync.tryton.TrytonUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import io.merchantdesk.kernel.error.ProblemException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Connection checks of ERP companies (issue 21 item 4): BUILT_IN is always reachable; TRYTON is asked to log in and
 * to show that the modules the sync needs are activated. The password is opened only in memory for the call and
 * never appears in an answer or a log line. A password sealed by an older key of the keyset is sealed again with
 * the primary once it has been opened (key rotation, docs/operations.md).
 */
@ApplicationScoped
public class ErpChecks {
    private static final Logger LOG = Logger.getLogger(ErpChecks.class);

    public static final String UNREACHABLE = "ERP_UNREACHABLE";
    public static final String AUTH_FAILED = "ERP_AUTH_FAILED";
    public static final String MODULE_MISSING = "ERP_MODULE_MISSING";
    public static final String CREDENTIALS_UNREADABLE = "ERP_CREDENTIALS_UNREADABLE";
    public static final String ERROR = "ERP_ERROR";
    public static final String COMPANY_NOT_FOUND = "ERP_COMPANY_NOT_FOUND";

    /** The Tryton modules the sync's Tryton adapter needs: parties (customers) and sales (imported orders). */
    public static final List<String> TRYTON_MODULES = List.of("party", "sale");

    @Inject
    ErpRegisterService register;

    @Inject
    ErpRegisterRepository repository;

    @Inject
    Secrets secrets;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "merchantdesk.sync.erp-check.connect-timeout", defaultValue = "PT3S")
    Duration connectTimeout;

    @ConfigProperty(name = "merchantdesk.sync.erp-check.request-timeout", defaultValue = "PT15S")
    Duration requestTimeout;

    /** Checks an ERP company the caller owns (404 otherwise). */
    public CheckView checkOwned(UUID erpCompanyId) {
        return check(register.ownedCompany(erpCompanyId));
    }

    /** Checks an ERP company the caller may use (the caller checked access, e.g. to the store connected to it). */
    public CheckView check(UUID erpCompanyId) {
        ErpCompany company = em.find(ErpCompany.class, erpCompanyId);
        if (company == null) throw ProblemException.notFound("ERP company " + erpCompanyId);
        return check(company);
    }

    CheckView check(ErpCompany company) {
        List<CheckProblem> problems = switch (company.kind) {
            case BUILT_IN -> List.of();
            case TRYTON -> checkTryton(company);
            case BUSINESS_CENTRAL -> checkBusinessCentral(company);
        };
        if (problems.isEmpty()) LOG.infof("ERP check of company %s (%s): ok", company.id, company.kind);
        else LOG.infof("ERP check of company %s (%s): %s", company.id, company.kind, problems);
        return new CheckView(problems.isEmpty(), company.id, company.kind, Instant.now(), problems);
    }

    /**
     * The stored secret ({@code what}: "password", "client secret") opened for the check, sealed again first if an older
     * key sealed it; null after adding ERP_CREDENTIALS_UNREADABLE to {@code problems}.
     */
    private String openSecret(ErpCompany company, String what, List<CheckProblem> problems) {
        try {
            String secret = secrets.open(company.passwordCiphertext, company.id.toString());
            resealIfOldKey(company);
            return secret;
        } catch (Secrets.Unreadable e) {
            problems.add(new CheckProblem(CREDENTIALS_UNREADABLE, "The stored " + what + " cannot be decrypted with the service's keyset ("
                    + e.getMessage() + "); replace it (PUT /erp-companies/{erpCompanyId}), or restore the key (docs/operations.md)"));
            return null;
        }
    }

    private List<CheckProblem> checkTryton(ErpCompany company) {
        List<CheckProblem> unreadable = new ArrayList<>();
        String password = openSecret(company, "password", unreadable);
        if (password == null) return unreadable;
        TrytonRpc rpc = new TrytonRpc(new TrytonRpc.Settings(URI.create(company.endpoint), company.databaseName, company.login, password,
                connectTimeout, requestTimeout));
        try {
            rpc.login();
            List<Map<String, Object>> modules = rpc.searchRead("ir.module",
                    List.of(TrytonRpc.clause("name", "in", TRYTON_MODULES)), 0, null, List.of(), List.of("name", "state"));
            return missingModules(modules, TRYTON_MODULES, company.databaseName);
        } catch (TrytonUnavailableException e) {
            String what = e.httpStatus() == 429 ? "Tryton is throttling log-ins (HTTP 429: too many failed attempts); wait and check again"
                    : e.httpStatus() >= 500 ? "Tryton answered HTTP " + e.httpStatus()
                    : "Tryton cannot be reached at " + company.endpoint + ": " + reason(e, password);
            return List.of(new CheckProblem(UNREACHABLE, what));
        } catch (TrytonAuthException e) {
            String what = e.httpStatus() == 404 ? "Tryton has no database " + company.databaseName + " at " + company.endpoint
                    : "Tryton refused the log-in of " + company.login + " to database " + company.databaseName + " (wrong login or password)";
            return List.of(new CheckProblem(AUTH_FAILED, what));
        } catch (TrytonErrorException e) {
            if (e.kind() == TrytonErrorException.Kind.LOGIN) {
                return List.of(new CheckProblem(AUTH_FAILED, "Tryton wants more than a password to log in " + company.login
                        + " (" + scrub(e.trytonMessage(), password) + ")"));
            }
            return List.of(new CheckProblem(ERROR, "Tryton refused the check (" + e.kind() + "): " + scrub(e.getMessage(), password)));
        } catch (RuntimeException e) {
            return List.of(new CheckProblem(ERROR, "The check failed: " + scrub(e.getClass().getSimpleName() + ": " + e.getMessage(), password)));
        } finally {
            rpc.logout();
        }
    }

    /**
     * BUSINESS_CENTRAL: a token for the app registration (ERP_AUTH_FAILED when Entra ID refuses the client credentials,
     * or BC refuses the app: 401/403), then {@code GET companies({id})} (ERP_COMPANY_NOT_FOUND when BC has no such
     * company in that environment); ERP_UNREACHABLE when the token service or BC cannot be reached or answers 429/5xx.
     */
    private List<CheckProblem> checkBusinessCentral(ErpCompany company) {
        List<CheckProblem> unreadable = new ArrayList<>();
        String secret = openSecret(company, "client secret", unreadable);
        if (secret == null) return unreadable;
        ErpTarget target = new ErpTarget(company.id, URI.create(company.endpoint), null, company.login, secret, company.tenantId,
                company.environment, company.remoteCompanyId, URI.create(company.authority), Map.of());
        try (BusinessCentralClient client = new BusinessCentralClient(BusinessCentralErpAdapter.settings(target, connectTimeout, requestTimeout, true))) {
            if (client.company().isEmpty()) {
                return List.of(new CheckProblem(COMPANY_NOT_FOUND, "Business Central has no company " + company.remoteCompanyId
                        + " in environment " + company.environment + " of tenant " + company.tenantId + " (GET companies lists the ids)"));
            }
            return List.of();
        } catch (BusinessCentralAuthException e) {
            String what = e.request().startsWith("POST token")
                    ? "Microsoft Entra ID refused the app's client credentials (" + e.httpStatus() + " " + e.code() + "): check tenantId, clientId and clientSecret"
                    : "Business Central refused the app (" + e.httpStatus() + " " + e.code() + "): register it in Business Central "
                    + "(Microsoft Entra applications) and give it permission sets";
            return List.of(new CheckProblem(AUTH_FAILED, scrub(what, secret)));
        } catch (BusinessCentralUnavailableException e) {
            return List.of(new CheckProblem(UNREACHABLE, scrub("Business Central cannot be reached (" + e.getMessage() + ")", secret)));
        } catch (BusinessCentralErrorException e) {
            return List.of(new CheckProblem(ERROR, scrub("Business Central refused the check: " + e.getMessage(), secret)));
        } catch (RuntimeException e) {
            return List.of(new CheckProblem(ERROR, "The check failed: " + scrub(e.getClass().getSimpleName() + ": " + e.getMessage(), secret)));
        }
    }

    /**
     * ERP_MODULE_MISSING for every required module that is not {@code activated} in the rows of
     * {@code ir.module.search_read([name in required], fields [name, state])}.
     */
    static List<CheckProblem> missingModules(List<Map<String, Object>> rows, List<String> required, String database) {
        List<CheckProblem> problems = new ArrayList<>();
        for (String module : required) {
            Object state = rows.stream().filter(r -> module.equals(r.get("name"))).map(r -> r.get("state")).findFirst().orElse(null);
            if (!"activated".equals(state)) {
                problems.add(new CheckProblem(MODULE_MISSING, "Tryton module " + module + " is "
                        + (state == null ? "not installed" : "not activated (state " + state + ")") + " in database " + database));
            }
        }
        return problems;
    }

    /** Key rotation: a password or client secret sealed by an older key is sealed again by the primary. Best effort. */
    void resealIfOldKey(ErpCompany company) {
        long primary = secrets.primaryKeyId();
        if (company.credentialsKeyId != null && company.credentialsKeyId == primary) return;
        try {
            String password = secrets.open(company.passwordCiphertext, company.id.toString());
            Secrets.Sealed sealed = secrets.seal(password, company.id.toString());
            if (QuarkusTransaction.requiringNew().call(() -> repository.reseal(company.id, company.passwordCiphertext, sealed.ciphertext(), sealed.keyId()))) {
                LOG.infof("ERP company %s: password sealed again with key %d (was %s)", company.id, sealed.keyId(), company.credentialsKeyId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("ERP company %s: could not seal the password again with the primary key (%s)", company.id, e.getClass().getSimpleName());
        }
    }

    private static String reason(TrytonUnavailableException e, String password) {
        String m = e.getMessage();
        int colon = m.indexOf(": "); // "common.db.login: connection refused by ..."
        return scrub(colon >= 0 ? m.substring(colon + 2) : m, password);
    }

    /** Never the password, whatever a message quotes. */
    private static String scrub(String text, String password) {
        if (text == null) return "";
        return password.isEmpty() ? text : text.replace(password, "***");
    }
}
