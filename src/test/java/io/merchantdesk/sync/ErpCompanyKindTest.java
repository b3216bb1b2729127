package io.merchantdesk.sync;

import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.kernel.secrets.Secrets;
import io.merchantdesk.support.Api;
import io.merchantdesk.support.Trytond;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 items 1 and 4: ERP companies of kind TRYTON against the tests' own trytond ({@link Trytond}): write-only
 * credentials encrypted with Tink and bound to their row, the connection check and its codes, and the refusals of
 * what does not exist yet for a TRYTON company (sync runs, the built-in register's endpoints).
 */
@QuarkusTest
class ErpCompanyKindTest {
    private static final String PASSWORD = Trytond.ADMIN_PASSWORD;
    private static Trytond trytond;
    private static String database;

    @Inject
    DataSource dataSource;

    @Inject
    Secrets secrets;

    @BeforeAll
    static void trytond() {
        trytond = Trytond.shared();
        database = trytond.newDatabase("kinds");
    }

    private String endpoint() {
        return trytond.baseUrl() + "/";
    }

    private Map<String, Object> tryton(String db, String password) {
        Map<String, Object> body = new HashMap<>(Map.of("name", Api.unique("tryton"), "kind", "TRYTON", "endpoint", endpoint(),
                "database", db, "login", Trytond.ADMIN_LOGIN));
        if (password != null) body.put("password", password);
        return body;
    }

    private static String create(Api.User owner, Map<String, Object> body) {
        String raw = owner.as().body(body).post("/erp-companies").then().statusCode(201)
                .body("kind", equalTo("TRYTON")).body("credentialsSet", equalTo(true))
                .body("$", not(hasKey("password"))).body("$", not(hasKey("customerNoPrefix")))
                .extract().asString();
        assertFalse(raw.contains(PASSWORD), "the create answer never holds the password");
        return io.restassured.path.json.JsonPath.from(raw).getString("id");
    }

    private static ValidatableResponse check(Api.User user, String path) {
        io.restassured.response.Response response = user.as().post(path);
        String raw = response.asString();
        assertFalse(raw.contains(PASSWORD), "a check answer never holds the password: " + raw);
        return response.then().statusCode(200);
    }

    private byte[] ciphertext(String companyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_ciphertext FROM erp_companies WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(companyId));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }

    @Test
    @DisplayName("a TRYTON company keeps its password write-only and encrypted: answers show credentialsSet, the column is not the plaintext, the check logs in and finds party and sale")
    void trytonCompanyChecksOk() throws SQLException {
        Api.User owner = Api.user("tryton-owner");
        String id = create(owner, tryton(database, PASSWORD));
        for (String path : List.of("/erp-companies/" + id, "/erp-companies")) {
            String raw = owner.as().get(path).then().statusCode(200).extract().asString();
            assertFalse(raw.contains(PASSWORD), path + " never holds the password");
        }
        owner.as().get("/erp-companies/" + id).then().body("endpoint", equalTo(endpoint())).body("database", equalTo(database))
                .body("login", equalTo("admin")).body("credentialsSet", equalTo(true));

        byte[] stored = ciphertext(id);
        assertNotNull(stored);
        String asText = new String(stored, StandardCharsets.ISO_8859_1);
        assertFalse(asText.contains(PASSWORD), "the stored bytes are not the plaintext");
        assertEquals(secrets.primaryKeyId(), Secrets.keyIdOf(stored), "sealed by the keyset's primary key");
        assertEquals(PASSWORD, secrets.open(stored, id), "the service's keyset opens it for its own row");
        assertThrows(Secrets.Unreadable.class, () -> secrets.open(stored, UUID.randomUUID().toString()),
                "the row id is associated data: another row's id does not open it");

        check(owner, "/erp-companies/" + id + "/checks").body("ok", equalTo(true)).body("kind", equalTo("TRYTON"))
                .body("erpCompanyId", equalTo(id)).body("problems", empty()).body("checkedAt", notNullValue());

        // key rotation: a password recorded as sealed by another key is sealed again by the primary on the next check
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE erp_companies SET credentials_key_id = 1 WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            assertEquals(1, ps.executeUpdate());
        }
        check(owner, "/erp-companies/" + id + "/checks").body("ok", equalTo(true));
        byte[] resealed = ciphertext(id);
        assertFalse(java.util.Arrays.equals(stored, resealed), "a new ciphertext");
        assertEquals(PASSWORD, secrets.open(resealed, id));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT credentials_key_id FROM erp_companies WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(secrets.primaryKeyId(), rs.getLong(1));
            }
        }
    }

    @Test
    @DisplayName("check codes: wrong password and unknown database → ERP_AUTH_FAILED, stopped trytond → ERP_UNREACHABLE, sale not activated → ERP_MODULE_MISSING; no log line holds the password")
    void checkCodes() throws Exception {
        Api.User owner = Api.user("tryton-codes");
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String wrong = create(owner, tryton(database, wrongPassword));
        String noDb = create(owner, tryton(database + "_missing", PASSWORD));
        String good = create(owner, tryton(database, PASSWORD));

        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (lines) {
                    lines.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
                }
            }

            @Override public void flush() {}
            @Override public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            check(owner, "/erp-companies/" + wrong + "/checks").body("ok", equalTo(false))
                    .body("problems.code", contains("ERP_AUTH_FAILED")).body("problems[0].message", containsString("wrong login or password"));
            check(owner, "/erp-companies/" + noDb + "/checks").body("ok", equalTo(false))
                    .body("problems.code", contains("ERP_AUTH_FAILED")).body("problems[0].message", containsString("no database"));

            trytond.stop();
            try {
                check(owner, "/erp-companies/" + good + "/checks").body("ok", equalTo(false))
                        .body("problems.code", contains("ERP_UNREACHABLE"));
            } finally {
                trytond.start();
            }
            check(owner, "/erp-companies/" + good + "/checks").body("ok", equalTo(true));
        } finally {
            root.removeHandler(capture);
        }
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("ERP check of company")), "the checks were logged: " + lines);
            for (String line : lines) {
                assertFalse(line.contains(wrongPassword) || line.contains(PASSWORD), "a log line holds a password: " + line);
            }
        }

        // a Tryton database where sale is not activated (a copy of the template with the module marked so before first use)
        String bare = trytond.newDatabase("kinds_nosale");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + bare, "postgres", "");
             Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE ir_module SET state = 'not activated' WHERE name = 'sale'"));
        }
        String noSale = create(owner, tryton(bare, PASSWORD));
        check(owner, "/erp-companies/" + noSale + "/checks").body("ok", equalTo(false))
                .body("problems.code", contains("ERP_MODULE_MISSING")).body("problems[0].message", containsString("sale"));
    }

    @Test
    @DisplayName("a password ciphertext moved to another company's row does not decrypt there: ERP_CREDENTIALS_UNREADABLE")
    void movedCiphertext() throws SQLException {
        Api.User owner = Api.user("tryton-move");
        String a = create(owner, tryton(database, PASSWORD));
        String b = create(owner, tryton(database, "other-" + UUID.randomUUID()));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE erp_companies SET password_ciphertext = ? WHERE id = ?")) {
            ps.setBytes(1, ciphertext(a));
            ps.setObject(2, UUID.fromString(b));
            assertEquals(1, ps.executeUpdate());
        }
        check(owner, "/erp-companies/" + b + "/checks").body("ok", equalTo(false))
                .body("problems.code", contains("ERP_CREDENTIALS_UNREADABLE"));
    }

    @Test
    @DisplayName("a store connected to a TRYTON company: the store's check works, templates are kept for it, the register's customer endpoints are 409 ERP_NOT_BUILT_IN; strangers get 404")
    void storeConnectedToTryton() {
        Api.User owner = Api.user("tryton-store");
        String id = create(owner, tryton(database, PASSWORD));
        String store = owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
        owner.as().post("/stores/" + store + "/erp-connection/checks").then().statusCode(422).body("code", equalTo("SYNC_NOT_CONNECTED"));
        owner.as().body(Map.of("erpCompanyId", id)).put("/stores/" + store + "/erp-connection").then().statusCode(200);

        check(owner, "/stores/" + store + "/erp-connection/checks").body("ok", equalTo(true)).body("kind", equalTo("TRYTON"))
                .body("erpCompanyId", equalTo(id));
        owner.as().get("/erp-companies/" + id + "/customers").then().statusCode(409).body("code", equalTo("ERP_NOT_BUILT_IN"));
        owner.as().body(Map.of("name", "x")).post("/erp-companies/" + id + "/customers").then().statusCode(409).body("code", equalTo("ERP_NOT_BUILT_IN"));
        // the connector's templates are merchantdesk's for every kind (the Tryton adapter applies them on create)
        owner.as().body(Map.of("code", "RETAIL", "paymentTermsCode", "14D")).post("/erp-companies/" + id + "/customer-templates")
                .then().statusCode(201).body("code", equalTo("RETAIL")).body("missingFields", hasItem("genBusPostingGroup"));
        owner.as().get("/erp-companies/" + id + "/customer-templates").then().statusCode(200).body("items.code", contains("RETAIL"));
        owner.as().get("/erp-companies/" + id + "/customer-templates/RETAIL").then().statusCode(200).body("paymentTermsCode", equalTo("14D"));
        String etag = owner.as().get("/stores/" + store + "/erp-connection").header("ETag");
        owner.as().header("If-Match", etag).body(Map.of("erpCompanyId", id, "customerTemplateCode", "RETAIL"))
                .put("/stores/" + store + "/erp-connection").then().statusCode(200).body("customerTemplateCode", equalTo("RETAIL"));

        Api.User stranger = Api.user("tryton-stranger");
        stranger.as().get("/erp-companies/" + id).then().statusCode(404);
        stranger.as().post("/erp-companies/" + id + "/checks").then().statusCode(404);
        stranger.as().post("/stores/" + store + "/erp-connection/checks").then().statusCode(404);
        stranger.as().get("/erp-companies/" + id + "/customer-templates").then().statusCode(404);
    }

    @Test
    @DisplayName("validation: TRYTON needs endpoint (http/https), database, login and password and refuses the number series; BUILT_IN refuses connection fields; all at once")
    void validation() {
        Api.User owner = Api.user("tryton-valid");
        owner.as().body(Map.of("name", "T", "kind", "TRYTON", "endpoint", "ftp://erp.example.com/", "customerNoPrefix", "C"))
                .post("/erp-companies").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("endpoint", "database", "login", "password", "customerNoPrefix"));
        owner.as().body(Map.of("name", "T", "kind", "TRYTON", "endpoint", "http://admin:secret@erp.example.com/", "database", "d",
                        "login", "l", "password", "p"))
                .post("/erp-companies").then().statusCode(400).body("errors.field", contains("endpoint"))
                .body("errors[0].message", containsString("credentials"));
        // no server-side request forgery: a cloud metadata service or any link-local address is never an ERP
        for (String endpoint : List.of("http://169.254.169.254/", "http://[fe80::1]:8000/", "http://0.0.0.0:8000/", "http://[fd00:ec2::254]/")) {
            owner.as().body(Map.of("name", "T", "kind", "TRYTON", "endpoint", endpoint, "database", "d", "login", "l", "password", "p"))
                    .post("/erp-companies").then().statusCode(400).body("errors.field", contains("endpoint"))
                    .body("errors[0].message", containsString("link-local"));
        }
        String raw = owner.as().body(Map.of("name", "B", "password", "built-in-secret", "login", "x"))
                .post("/erp-companies").then().statusCode(400).body("errors.field", containsInAnyOrder("password", "login"))
                .extract().asString();
        assertFalse(raw.contains("built-in-secret"), "a problem never quotes the password");
        owner.as().body(Map.of("name", "T", "kind", "BUSINESS_CENTRAL")).post("/erp-companies").then().statusCode(400);
    }

    @Test
    @DisplayName("BUILT_IN stays as it was: default kind, number series, no connection fields, check ok")
    void builtInUnchanged() {
        Api.User owner = Api.user("builtin-owner");
        String id = owner.as().body(Map.of("name", Api.unique("erp"))).post("/erp-companies").then().statusCode(201)
                .body("kind", equalTo("BUILT_IN")).body("credentialsSet", equalTo(false)).body("customerNoPrefix", equalTo("C"))
                .body("customerNoWidth", equalTo(5)).body("nextCustomerNo", equalTo(10)).body("$", not(hasKey("endpoint")))
                .extract().path("id");
        check(owner, "/erp-companies/" + id + "/checks").body("ok", equalTo(true)).body("kind", equalTo("BUILT_IN")).body("problems", empty());
    }
}
