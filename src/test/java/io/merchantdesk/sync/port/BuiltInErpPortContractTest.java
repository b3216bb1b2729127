package io.merchantdesk.sync.port;

import io.merchantdesk.support.Api;
import io.merchantdesk.sync.engine.Model.CardData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** {@link ErpPortContract} on the built-in register, through the port (a company of kind BUILT_IN). */
@QuarkusTest
class BuiltInErpPortContractTest extends ErpPortContract {
    @Inject
    DataSource dataSource;

    @Override
    protected String newCompany(Api.User owner) {
        return owner.as().body(Map.of("name", Api.unique("port"))).post("/erp-companies").then().statusCode(201).extract().path("id");
    }

    @Override
    protected String createByHand(CardData d) {
        return company().owner().as().body(io.merchantdesk.support.CardsByHand.registerBody(d)).post("/erp-companies/" + company().id() + "/customers")
                .then().statusCode(201).extract().path("customerNo");
    }

    @Override
    protected void renameByHand(String customerNo, String name) {
        company().owner().as().body(Map.of("name", name)).patch("/erp-companies/" + company().id() + "/customers/" + customerNo).then().statusCode(200);
    }

    @Override
    protected OpenEdit renameInOpenTransaction(String customerNo, String name) {
        try {
            return openTransaction(dataSource.getConnection(),
                    "UPDATE erp_customers SET name = ?, changed_at = now() WHERE erp_company_id = ? AND customer_no = ?", name, company().id(), customerNo);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected int cardsWithReference(String reference) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM erp_customers WHERE erp_company_id = ? AND reference = ?")) {
            ps.setObject(1, company().id());
            ps.setString(2, reference);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected int documentsFor(String orderReference) {
        return 0; // the register's orders are the sync's erp_orders rows, written with the store batch
    }

    @Override
    protected boolean placesDocuments() {
        return false;
    }
}
