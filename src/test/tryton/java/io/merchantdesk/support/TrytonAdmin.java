package io.merchantdesk.support;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;

import io.merchantdesk.sync.tryton.TrytonRpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What Tryton's administrator does in a copy of the template database ({@link Trytond#newDatabase}) before it can take
 * sales, which the template leaves out: currencies and a company the admin user works in (sale.sale requires both).
 * Done over JSON-RPC as a person would in Tryton's set-up wizard. Shared by the {@code @QuarkusTest}s (through
 * {@code TrytonCompany}) and the SDK stories, so it needs nothing but {@link Trytond} and {@link TrytonRpc}.
 */
public final class TrytonAdmin {
    public static final List<String> CURRENCIES = List.of("EUR", "NOK", "SEK", "USD");

    private TrytonAdmin() {}

    /** A client logged in (on its first call) as Tryton's admin; the caller logs it out. */
    public static TrytonRpc client(Trytond trytond, String database) {
        return new TrytonRpc(new TrytonRpc.Settings(trytond.baseUrl(), database, Trytond.ADMIN_LOGIN, Trytond.ADMIN_PASSWORD,
                Duration.ofSeconds(3), Duration.ofSeconds(60)));
    }

    /** Currencies {@link #CURRENCIES} and a company in EUR, made the admin's current company (nothing when one exists). */
    public static void setUpCompany(Trytond trytond, String database) {
        TrytonRpc rpc = client(trytond, database);
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
