package io.merchantdesk.support;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;

import io.merchantdesk.sync.tryton.TrytonRpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a Tryton database needs before it can take sales, which the template database ({@link Trytond}) leaves out:
 * currencies and a company the admin user works in (sale.sale requires both). Created over JSON-RPC as a person would
 * in Tryton's set-up wizard.
 */
public final class TrytonCompany {
    public static final List<String> CURRENCIES = List.of("EUR", "NOK", "SEK", "USD");

    private TrytonCompany() {}

    /** A fresh copy of the template database on the shared trytond, set up for sales, with an admin client. */
    public record Database(Trytond trytond, String name, TrytonRpc admin) {
        /** An ERP company of kind TRYTON for this database, owned by {@code owner}; its id. */
        public String erpCompany(Api.User owner) {
            return owner.as().body(Map.of("name", Api.unique("tryton"), "kind", "TRYTON", "endpoint", trytond.baseUrl() + "/",
                    "database", name, "login", Trytond.ADMIN_LOGIN, "password", Trytond.ADMIN_PASSWORD)).post("/erp-companies")
                    .then().statusCode(201).extract().path("id");
        }
    }

    /** {@link Trytond#newDatabase} with {@link #setUp} done; the caller logs the admin client out. */
    public static Database newDatabase(String label) {
        Trytond trytond = Trytond.shared();
        String name = trytond.newDatabase(label);
        setUp(trytond, name);
        return new Database(trytond, name, admin(trytond, name));
    }

    /** A client logged in as Tryton's admin. */
    public static TrytonRpc admin(Trytond trytond, String database) {
        return new TrytonRpc(new TrytonRpc.Settings(trytond.baseUrl(), database, Trytond.ADMIN_LOGIN, Trytond.ADMIN_PASSWORD,
                Duration.ofSeconds(3), Duration.ofSeconds(60)));
    }

    /** Currencies {@link #CURRENCIES} and a company in EUR, made the admin's current company. */
    public static void setUp(Trytond trytond, String database) {
        TrytonRpc rpc = admin(trytond, database);
        try {
            if (rpc.searchCount("company.company", List.of()) > 0) return;
            List<Long> currencies = rpc.create("currency.currency", CURRENCIES.stream()
                    .map(code -> Map.<String, Object>of("name", code, "code", code, "symbol", code)).toList());
            long party = rpc.create("party.party", List.of(Map.of("name", "merchantdesk test company"))).get(0);
            long company = rpc.create("company.company", List.of(Map.of("party", party, "currency", currencies.get(0)))).get(0);
            rpc.write("res.user", rpc.search("res.user", List.of(clause("login", "=", Trytond.ADMIN_LOGIN)), 0, null, List.of()),
                    Map.of("companies", List.of(List.of("add", List.of(company))), "company", company));
        } finally {
            rpc.logout();
        }
    }
}
