package io.merchantdesk.support;

import io.merchantdesk.sync.tryton.TrytonRpc;
import java.util.Map;

/**
 * A Tryton database ready for sales ({@link TrytonAdmin#setUpCompany}) on the shared test trytond, and an ERP company of
 * kind TRYTON for it created through the REST API.
 */
public final class TrytonCompany {
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

    /** {@link Trytond#newDatabase} with {@link TrytonAdmin#setUpCompany} done; the caller logs the admin client out. */
    public static Database newDatabase(String label) {
        Trytond trytond = Trytond.shared();
        String name = trytond.newDatabase(label);
        TrytonAdmin.setUpCompany(trytond, name);
        return new Database(trytond, name, TrytonAdmin.client(trytond, name));
    }
}
