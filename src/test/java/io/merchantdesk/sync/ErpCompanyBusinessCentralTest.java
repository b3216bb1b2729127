package io.merchantdesk.sync;

import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merchantdesk.kernel.secrets.Secrets;
import io.merchantdesk.support.Api;
import io.merchantdesk.sync.businesscentral.BusinessCentralReference;
import io.merchantdesk.sync.businesscentral.BusinessCentralSessions;
import io.merchantdesk.sync.businesscentral.BusinessCentralSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 items 3, 5, 7: ERP companies of kind BUSINESS_CENTRAL against {@link BusinessCentralSimulator} (Business
 * Central cannot run here): the write-only client secret, the connection check and its codes, the refusals, and sync
 * runs of a store connected to one.
 */
@QuarkusTest
class ErpCompanyBusinessCentralTest {
    private static final String SECRET = BusinessCentralSimulator.CLIENT_SECRET;

    @Inject
    DataSource dataSource;

    @Inject
    Secrets secrets;

    @Inject
    io.merchantdesk.sync.remote.SyncWritesRepository syncWrites;

    private static BusinessCentralSimulator simulator() throws java.io.IOException {
        return new BusinessCentralSimulator(new BusinessCentralSimulator.TestClock(BusinessCentralSessions.T0));
    }

    private static String store(Api.User owner) {
        return owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", "GROW"))
                .post("/stores").then().statusCode(201).extract().path("id");
    }

    private static String create(Api.User owner, Map<String, Object> body) {
        String raw = owner.as().body(body).post("/erp-companies").then().statusCode(201)
                .body("kind", equalTo("BUSINESS_CENTRAL")).body("credentialsSet", equalTo(true))
                .body("clientId", equalTo(BusinessCentralSimulator.CLIENT_ID))
                .body("$", not(hasKey("clientSecret"))).body("$", not(hasKey("password"))).body("$", not(hasKey("login")))
                .body("$", not(hasKey("customerNoPrefix"))).extract().asString();
        assertFalse(raw.contains((String) body.get("clientSecret")), "the create answer never holds the client secret");
        return JsonPath.from(raw).getString("id");
    }

    private static ValidatableResponse check(Api.User user, String path, String secret) {
        io.restassured.response.Response response = user.as().post(path);
        assertFalse(response.asString().contains(secret), "a check answer never holds the secret: " + response.asString());
        return response.then().statusCode(200);
    }

    private static List<String> capture(Runnable work) {
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (lines) {
                    lines.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
                }
            }

            @Override public void flush() {}
            @Override public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(handler);
        try {
            work.run();
        } finally {
            root.removeHandler(handler);
        }
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Test
    @DisplayName("a BUSINESS_CENTRAL company keeps its client secret write-only and sealed: answers show clientId and credentialsSet, the column is not the plaintext, the check gets a token and finds the company")
    void createAndCheck() throws Exception {
        try (BusinessCentralSimulator bc = simulator()) {
            Api.User owner = Api.user("bc-owner");
            String id = create(owner, BusinessCentralSessions.company(bc, SECRET));
            for (String path : List.of("/erp-companies/" + id, "/erp-companies")) {
                String raw = owner.as().get(path).then().statusCode(200).extract().asString();
                assertFalse(raw.contains(SECRET), path + " never holds the client secret");
            }
            owner.as().get("/erp-companies/" + id).then().body("endpoint", equalTo(bc.baseUri().toString()))
                    .body("authority", equalTo(bc.baseUri().toString())).body("tenantId", equalTo(BusinessCentralSimulator.TENANT))
                    .body("environment", equalTo("production")).body("companyId", equalTo(bc.companyId().toString()))
                    .body("$", not(hasKey("database")));
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT password_ciphertext, login FROM erp_companies WHERE id = ?")) {
                ps.setObject(1, UUID.fromString(id));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    byte[] stored = rs.getBytes(1);
                    assertNotNull(stored);
                    assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(SECRET), "the stored bytes are not the plaintext");
                    assertEquals(SECRET, secrets.open(stored, id), "sealed for its own row");
                    assertEquals(BusinessCentralSimulator.CLIENT_ID, rs.getString(2));
                }
            }
            List<String> lines = capture(() -> check(owner, "/erp-companies/" + id + "/checks", SECRET).body("ok", equalTo(true))
                    .body("kind", equalTo("BUSINESS_CENTRAL")).body("problems", empty()));
            assertEquals(1, bc.tokensIssued.get());
            assertTrue(lines.stream().anyMatch(l -> l.contains("ERP check of company")), "the check was logged: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.contains(SECRET)), "no log line holds the secret");

            // Microsoft's endpoints by default
            Map<String, Object> online = BusinessCentralSessions.company(bc, SECRET);
            online.remove("endpoint");
            online.remove("authority");
            String defaulted = create(owner, online);
            owner.as().get("/erp-companies/" + defaulted).then().body("endpoint", equalTo("https://api.businesscentral.dynamics.com"))
                    .body("authority", equalTo("https://login.microsoftonline.com"));
        }
    }

    @Test
    @DisplayName("check codes: a refused client secret → ERP_AUTH_FAILED, an unknown company → ERP_COMPANY_NOT_FOUND, nobody listening → ERP_UNREACHABLE; no answer or log line holds the secret")
    void checkCodes() throws Exception {
        try (BusinessCentralSimulator bc = simulator()) {
            Api.User owner = Api.user("bc-codes");
            String wrongSecret = "wrong-" + UUID.randomUUID();
            String wrong = create(owner, BusinessCentralSessions.company(bc, wrongSecret));
            Map<String, Object> elsewhere = BusinessCentralSessions.company(bc, SECRET);
            elsewhere.put("companyId", UUID.randomUUID().toString());
            String unknown = create(owner, elsewhere);
            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            Map<String, Object> away = BusinessCentralSessions.company(bc, SECRET);
            away.put("endpoint", "http://127.0.0.1:" + closedPort);
            away.put("authority", "http://127.0.0.1:" + closedPort);
            String unreachable = create(owner, away);

            List<String> lines = capture(() -> {
                check(owner, "/erp-companies/" + wrong + "/checks", wrongSecret).body("ok", equalTo(false))
                        .body("problems.code", contains("ERP_AUTH_FAILED")).body("problems[0].message", containsString("invalid_client"));
                check(owner, "/erp-companies/" + unknown + "/checks", SECRET).body("ok", equalTo(false))
                        .body("problems.code", contains("ERP_COMPANY_NOT_FOUND")).body("problems[0].message", containsString((String) elsewhere.get("companyId")));
                check(owner, "/erp-companies/" + unreachable + "/checks", SECRET).body("ok", equalTo(false))
                        .body("problems.code", contains("ERP_UNREACHABLE"));
            });
            for (String line : lines) assertFalse(line.contains(wrongSecret) || line.contains(SECRET), "a log line holds a secret: " + line);
        }
    }

    @Test
    @DisplayName("replace: If-Match required, the kind stays (409 ERP_KIND_FIXED), an absent client secret is kept, a new one sealed; another remote company starts the ERP cursors and the remembered sync writes over")
    void replace() throws Exception {
        try (BusinessCentralSimulator bc = simulator()) {
            Api.User owner = Api.user("bc-replace");
            String wrongSecret = "wrong-" + UUID.randomUUID();
            String id = create(owner, BusinessCentralSessions.company(bc, wrongSecret));
            String store = store(owner);
            owner.as().body(Map.of("erpCompanyId", id)).put("/stores/" + store + "/erp-connection").then().statusCode(200);
            String etag = owner.as().get("/erp-companies/" + id).then().statusCode(200).extract().header("ETag");

            Map<String, Object> body = BusinessCentralSessions.company(bc, SECRET);
            owner.as().body(body).put("/erp-companies/" + id).then().statusCode(428);
            owner.as().header("If-Match", "\"999\"").body(body).put("/erp-companies/" + id).then().statusCode(412);
            Map<String, Object> tryton = new java.util.HashMap<>(body);
            tryton.put("kind", "TRYTON");
            owner.as().header("If-Match", etag).body(tryton).put("/erp-companies/" + id).then().statusCode(409).body("code", equalTo("ERP_KIND_FIXED"));

            check(owner, "/erp-companies/" + id + "/checks", wrongSecret).body("problems.code", contains("ERP_AUTH_FAILED"));
            Map<String, Object> renamed = new java.util.HashMap<>(body);
            renamed.remove("clientSecret");
            renamed.put("name", "Renamed");
            etag = owner.as().header("If-Match", etag).body(renamed).put("/erp-companies/" + id).then().statusCode(200)
                    .body("name", equalTo("Renamed")).body("credentialsSet", equalTo(true)).extract().header("ETag");
            check(owner, "/erp-companies/" + id + "/checks", wrongSecret).body("problems.code", contains("ERP_AUTH_FAILED"));
            io.restassured.response.Response replaced = owner.as().header("If-Match", etag).body(body).put("/erp-companies/" + id)
                    .then().statusCode(200).extract().response();
            assertFalse(replaced.asString().contains(SECRET), "a replace answer never holds the secret");
            etag = replaced.header("ETag");
            check(owner, "/erp-companies/" + id + "/checks", SECRET).body("ok", equalTo(true));

            // the same system: the ERP cursor stays; another company: it starts over, and what the sync wrote there is forgotten
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE erp_connections SET erp_cursor = 'bc1|x||' WHERE store_id = ?")) {
                ps.setObject(1, UUID.fromString(store));
                assertEquals(1, ps.executeUpdate());
            }
            syncWrites.record(UUID.fromString(id), Map.of("MD0000000000000000001", "W/\"x\""));
            etag = owner.as().header("If-Match", etag).body(body).put("/erp-companies/" + id).then().statusCode(200).extract().header("ETag");
            assertEquals("bc1|x||", erpCursor(store));
            Map<String, Object> moved = new java.util.HashMap<>(body);
            moved.put("companyId", UUID.randomUUID().toString());
            owner.as().header("If-Match", etag).body(moved).put("/erp-companies/" + id).then().statusCode(200)
                    .body("companyId", equalTo(moved.get("companyId")));
            assertEquals(null, erpCursor(store));
            assertTrue(syncWrites.stamps(UUID.fromString(id), List.of("MD0000000000000000001")).isEmpty());

            Api.User stranger = Api.user("bc-replace-stranger");
            stranger.as().header("If-Match", etag).body(body).put("/erp-companies/" + id).then().statusCode(404);
        }
    }

    private String erpCursor(String store) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT erp_cursor FROM erp_connections WHERE store_id = ?")) {
            ps.setObject(1, UUID.fromString(store));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    @Test
    @DisplayName("validation: BUSINESS_CENTRAL needs tenantId, environment, companyId, clientId and clientSecret, refuses login/password/database and the number series; other kinds refuse its fields; all at once, never quoting the secret")
    void validation() {
        Api.User owner = Api.user("bc-valid");
        owner.as().body(Map.of("name", "B", "kind", "BUSINESS_CENTRAL", "login", "x", "password", "p", "database", "d", "customerNoPrefix", "C",
                        "endpoint", "ftp://bc.example.com"))
                .post("/erp-companies").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("tenantId", "environment", "companyId", "clientId", "clientSecret", "login", "password",
                        "database", "customerNoPrefix", "endpoint"));
        String raw = owner.as().body(Map.of("name", "B", "clientSecret", "built-in-secret", "tenantId", "t"))
                .post("/erp-companies").then().statusCode(400).body("errors.field", containsInAnyOrder("clientSecret", "tenantId"))
                .extract().asString();
        assertFalse(raw.contains("built-in-secret"), "a problem never quotes the secret");
        owner.as().body(Map.of("name", "T", "kind", "TRYTON", "endpoint", "http://erp.example.com/", "database", "d", "login", "l",
                        "password", "p", "environment", "production"))
                .post("/erp-companies").then().statusCode(400).body("errors.field", contains("environment"));
        owner.as().body(Map.of("name", "B", "kind", "BUSINESS_CENTRAL", "tenantId", "t", "environment", "prod uction", "companyId", "not-a-uuid",
                "clientId", "c", "clientSecret", "s")).post("/erp-companies").then().statusCode(400);
    }

    @Test
    @DisplayName("a BUSINESS_CENTRAL company: templates are kept by merchantdesk, customer cards are not (409 ERP_NOT_BUILT_IN); strangers get 404 everywhere")
    void templatesAndStrangers() throws Exception {
        try (BusinessCentralSimulator bc = simulator()) {
            Api.User owner = Api.user("bc-tenant");
            String id = create(owner, BusinessCentralSessions.company(bc, SECRET));
            owner.as().body(Map.of("code", "RETAIL", "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC", "vatBusPostingGroup", "DOMESTIC",
                    "paymentTermsCode", "14 DAYS")).post("/erp-companies/" + id + "/customer-templates").then().statusCode(201)
                    .body("missingFields", empty());
            owner.as().get("/erp-companies/" + id + "/customer-templates/RETAIL").then().statusCode(200).body("paymentTermsCode", equalTo("14 DAYS"));
            owner.as().get("/erp-companies/" + id + "/customers").then().statusCode(409).body("code", equalTo("ERP_NOT_BUILT_IN"));

            Api.User stranger = Api.user("bc-stranger");
            stranger.as().get("/erp-companies/" + id).then().statusCode(404);
            stranger.as().post("/erp-companies/" + id + "/checks").then().statusCode(404);
            stranger.as().get("/erp-companies/" + id + "/customer-templates").then().statusCode(404);
            stranger.as().body(Map.of("code", "X")).post("/erp-companies/" + id + "/customer-templates").then().statusCode(404);
            String list = stranger.as().get("/erp-companies").then().statusCode(200).extract().asString();
            assertFalse(list.contains(id));
            assertEquals(0, bc.tokensIssued.get(), "a stranger's requests never reach Business Central");
        }
    }

    @Test
    @DisplayName("sync runs of a store connected to a BUSINESS_CENTRAL company: CUSTOMERS creates the store's customers in BC once (a rerun creates nothing; SYNC-19: they do not come back as changes), ORDERS places draft sales orders, a BC user's customer is exported")
    void syncRunsAgainstBusinessCentral() throws Exception {
        try (BusinessCentralSimulator bc = simulator()) {
            Api.User owner = Api.user("bc-sync");
            String company = create(owner, BusinessCentralSessions.company(bc, SECRET));
            String store = store(owner);
            SyncFixtures.Setup s = new SyncFixtures.Setup(owner, store, company);
            owner.as().body(Map.of("code", "RETAIL", "genBusPostingGroup", "DOMESTIC", "customerPostingGroup", "DOMESTIC", "vatBusPostingGroup", "DOMESTIC",
                    "paymentTermsCode", "14 DAYS")).post(s.erp("/customer-templates")).then().statusCode(201);
            SyncFixtures.connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                    "exportCustomersToStore", true);
            String kari = SyncFixtures.customerIn(s, "Kari", "Nordmann", SyncFixtures.email("kari"), "NO");
            String ola = SyncFixtures.customerIn(s, "Ola", "Nordmann", SyncFixtures.email("ola"), "NO");

            JsonPath first = SyncFixtures.run(s, "CUSTOMERS");
            assertEquals("SUCCEEDED", first.getString("status"), first.prettify());
            assertEquals(2, first.getInt("counters.created"), first.prettify());
            assertEquals(2, first.getInt("counters.processed"), "SYNC-19: the customers the import made are not exported back: " + first.prettify());
            assertEquals(2, bc.customersCreated.get());
            Map<String, String> links = SyncFixtures.links(s);
            assertEquals(BusinessCentralReference.number(kari), links.get(kari));
            assertEquals(BusinessCentralReference.number(ola), links.get(ola));
            ObjectNode stored = bc.customers().stream().filter(c -> c.get("number").asText().equals(links.get(kari))).findFirst().orElseThrow();
            assertEquals("Kari Nordmann", stored.get("displayName").asText());
            assertEquals(bc.paymentTermsId("14 DAYS"), stored.get("paymentTermsId").asText());

            JsonPath again = SyncFixtures.run(s, "CUSTOMERS");
            assertEquals("SUCCEEDED", again.getString("status"), again.prettify());
            assertEquals(0, again.getInt("counters.created"));
            assertEquals(2, bc.customersCreated.get(), "exactly once");
            assertEquals(0, again.getInt("counters.processed"), "nothing changed on either side: " + again.prettify());

            // a customer a BC user creates is exported to the store (SYNC-11)
            String email = SyncFixtures.email("bc-user");
            try (var direct = new io.merchantdesk.sync.businesscentral.BusinessCentralClient(bc.settings(java.time.Duration.ofSeconds(5)))) {
                direct.create(Map.of("displayName", "Per Hansen", "email", email, "country", "NO", "city", "Oslo", "postalCode", "0154",
                        "addressLine1", "Storgata 1"));
            }
            JsonPath export = SyncFixtures.run(s, "CUSTOMERS");
            assertEquals("SUCCEEDED", export.getString("status"), export.prettify());
            assertEquals(1, export.getInt("counters.created"), export.prettify());
            List<Map<String, Object>> customers = owner.as().queryParam("limit", 250).get(s.store("/customers")).then().statusCode(200)
                    .extract().jsonPath().getList("items");
            assertTrue(customers.stream().anyMatch(c -> email.equals(c.get("email"))), "exported: " + customers);

            String order = SyncFixtures.order(s, kari, SyncFixtures.address("Kari", "Nordmann", null, "NO", null), null);
            JsonPath orders = SyncFixtures.run(s, "ORDERS");
            assertEquals("SUCCEEDED", orders.getString("status"), orders.prettify());
            List<ObjectNode> placed = bc.salesOrders();
            assertEquals(1, placed.size());
            assertEquals(BusinessCentralReference.documentReference(order), placed.get(0).get("externalDocumentNumber").asText());
            assertEquals(links.get(kari), placed.get(0).get("customerNumber").asText());
            assertEquals("NOK", placed.get(0).get("currencyCode").asText());
            assertEquals(Set.of(order), SyncFixtures.erpOrders(s).keySet());
            assertEquals(placed.get(0).get("number").asText(), SyncFixtures.erpOrders(s).get(order).get("erpDocumentNo"),
                    "GET /erp-orders shows BC's sales order number as the ERP's document");
            assertEquals("SUCCEEDED", SyncFixtures.run(s, "ORDERS").getString("status"));
            assertEquals(1, bc.salesOrdersCreated.get(), "a rerun places nothing");
        }
    }
}
