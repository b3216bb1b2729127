package io.merchantdesk.sync;

import static io.merchantdesk.sync.SyncFixtures.connect;
import static io.merchantdesk.sync.SyncFixtures.email;
import static io.merchantdesk.sync.SyncFixtures.erpOrders;
import static io.merchantdesk.sync.SyncFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.support.Api;
import io.merchantdesk.sync.SyncFixtures.Setup;
import io.merchantdesk.sync.engine.ErpFeatures;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.Model;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Model.ShipTo;
import io.merchantdesk.sync.engine.Model.TaxIdField;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The company rules SYNC-20..29 (issue 24) through the REST API, as a merchant drives them, on every ERP kind: a subclass
 * gives the ERP (the built-in register, a live Tryton, the Business Central simulator) and what a person does in it; the
 * ERP's side is read back through the ERP port, the way the sync itself sees it.
 */
public abstract class CompanySyncRules {
    @Inject
    ErpPort port;

    @Inject
    io.merchantdesk.sync.run.SyncFaults faults;

    /** A store with an ERP company of the kind under test that has the template RETAIL. */
    protected abstract Setup setup();

    /** What a person makes in the ERP; its number. */
    protected abstract String createByHand(Setup s, CardData data);

    /** A person renames a card and moves it to {@code city}. */
    protected abstract void editByHand(Setup s, String customerNo, String name, String city);

    /** A person deletes a card. */
    protected abstract void deleteByHand(Setup s, String customerNo);

    protected ErpFeatures features() {
        return ErpFeatures.FULL;
    }

    private TaxIdField taxField() {
        return features().taxIdFields().contains(TaxIdField.REGISTRATION_NUMBER) ? TaxIdField.REGISTRATION_NUMBER : TaxIdField.VAT_REGISTRATION_NUMBER;
    }

    // ---- the ERP's side, through the port ----

    protected ErpCard card(Setup s, String no) {
        try (ErpSession erp = port.open(UUID.fromString(s.companyId()))) {
            return erp.byNumbers(List.of(no)).get(no);
        }
    }

    private List<ShipTo> shipTos(Setup s, String no) {
        try (ErpSession erp = port.open(UUID.fromString(s.companyId()))) {
            return erp.shipTos(List.of(no)).getOrDefault(no, List.of());
        }
    }

    protected static CardData cardData(String name, String email, String phone, String city, String taxId, TaxIdField field) {
        return new CardData(name, null, null, "Industriveien 1", null, city, "0150", null, "NO", phone, email,
                field == TaxIdField.REGISTRATION_NUMBER ? taxId : null, field == TaxIdField.VAT_REGISTRATION_NUMBER ? taxId : null);
    }

    /** A valid Belgian VAT number written with spaces and dots (an ERP may check it, as Tryton does). */
    protected static String belgianVat() {
        int body = 2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000);
        String ten = String.format("%08d", body) + String.format("%02d", 97 - (body % 97));
        return "BE " + ten.substring(0, 4) + "." + ten.substring(4, 7) + "." + ten.substring(7);
    }

    private static String phone() {
        return "9" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    // ---- the store's side, through the API ----

    private record Co(String id, String contactCustomerId, List<String> locations) {}

    private static Map<String, Object> address(String city) {
        Map<String, Object> a = new HashMap<>();
        a.put("address1", "Storgata 7");
        a.put("city", city);
        a.put("zip", "0155");
        a.put("countryCode", "NO");
        return a;
    }

    private static String location(Setup s, String companyId, String name, String city, String taxId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("billingAddress", address(city));
        if (taxId != null) body.put("taxRegistrationId", taxId);
        return s.owner().as().body(body).post(s.store("/companies/" + companyId + "/locations")).then().statusCode(201).extract().path("id");
    }

    /** A company with locations in {@code cities} (the first is its default, with the tax id) and, unless null, a main contact. */
    private static Co company(Setup s, String name, String contactEmail, String contactPhone, String taxId, String... cities) {
        String id = s.owner().as().body(Map.of("name", name)).post(s.store("/companies")).then().statusCode(201).extract().path("id");
        List<String> locations = new java.util.ArrayList<>();
        for (int i = 0; i < cities.length; i++) locations.add(location(s, id, name + " " + cities[i], cities[i], i == 0 ? taxId : null));
        String customer = null;
        if (contactEmail != null || contactPhone != null) {
            customer = SyncFixtures.customer(s, "Ada", "Lovelace", contactEmail, contactPhone == null ? null : "+47" + contactPhone, null);
            s.owner().as().body(Map.of("customerId", customer, "locations", List.of(Map.of("locationId", locations.get(0), "role", "LOCATION_ADMIN"))))
                    .post(s.store("/companies/" + id + "/contacts")).then().statusCode(201);
        }
        return new Co(id, customer, locations);
    }

    private static JsonPath companyView(Setup s, String id) {
        return s.owner().as().get(s.store("/companies/" + id)).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> companyLinks(Setup s) {
        List<Map<String, Object>> items = s.owner().as().queryParam("limit", 250).get(s.store("/company-links")).then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().collect(Collectors.toMap(l -> (String) l.get("companyId"), l -> (String) l.get("customerNo")));
    }

    private static JsonPath companyLink(Setup s, String companyId) {
        return s.owner().as().queryParam("companyId", companyId).get(s.store("/company-links")).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> pendingCodes(Setup s, String recordId) {
        List<Map<String, Object>> items = s.owner().as().queryParam("limit", 250).get(s.store("/sync-pending")).then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(p -> recordId.equals(p.get("recordId"))).map(p -> (String) p.get("code")).toList();
    }

    private static String b2bOrder(Setup s, Co co, String locationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", co.contactCustomerId());
        body.put("companyLocationId", locationId);
        body.put("lineItems", List.of(Map.of("title", "Pallet of tents", "sku", "P-1", "quantity", 1, "unitPrice", "19990.00")));
        body.put("billingAddress", address("Oslo"));
        return s.owner().as().body(body).post(s.store("/orders")).then().statusCode(201).extract().path("id");
    }

    /** A FULL CUSTOMERS run, to its end. */
    private static JsonPath fullRun(Setup s) {
        String id = s.owner().as().body(Map.of("kind", "CUSTOMERS", "mode", "FULL")).post(s.store("/sync-runs")).then().statusCode(202)
                .extract().path("id");
        return SyncFixtures.await(s, s.owner(), id);
    }

    /** Company sync on, customers' own sync off (so a run's counters are the companies'). */
    private static Object[] companies(Object... more) {
        Object[] base = {"customerImport", "NONE", "customerTemplateCode", "RETAIL"};
        Object[] out = new Object[base.length + more.length];
        System.arraycopy(base, 0, out, 0, base.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    // ---- SYNC-20: settings ----

    @Test
    @DisplayName("SYNC-20: company settings have the connector's defaults (tax id field and locations by what the ERP keeps) and are validated")
    void settings_SYNC20() {
        Setup s = setup();
        JsonPath c = connect(s);
        assertEquals("WITH_ORDER_IMPORT", c.getString("companyImport"));
        assertEquals("BY_EMAIL_PHONE", c.getString("companyMappingType"));
        assertEquals(taxField().name(), c.getString("companyTaxIdField"));
        assertEquals(features().shipToAddresses() ? "SHIP_TO_ADDRESSES" : "OWN_CUSTOMERS", c.getString("companyLocationsAs"));
        assertEquals("ORDERING_ONLY", c.getString("defaultContactRole"));
        assertFalse(c.getBoolean("autoCreateUnknownCompanies"));

        JsonPath both = connect(s, "storeCanUpdateCompanies", true, "canUpdateStoreCompanies", true, "defaultContactRole", "LOCATION_ADMIN");
        assertTrue(both.getBoolean("storeCanUpdateCompanies") && both.getBoolean("canUpdateStoreCompanies"), "both directions may be on");
        assertEquals("LOCATION_ADMIN", both.getString("defaultContactRole"));

        var current = s.owner().as().get(s.store("/erp-connection"));
        s.owner().as().header("If-Match", current.header("ETag")).body(Map.of("erpCompanyId", s.companyId(), "companyMappingType", "DEFAULT_COMPANY"))
                .put(s.store("/erp-connection")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("defaultCompanyNo"));
        if (!features().shipToAddresses()) {
            s.owner().as().header("If-Match", current.header("ETag")).body(Map.of("erpCompanyId", s.companyId(), "companyLocationsAs", "SHIP_TO_ADDRESSES",
                    "companyTaxIdField", "REGISTRATION_NUMBER")).put(s.store("/erp-connection")).then().statusCode(400)
                    .body("errors.field", org.hamcrest.Matchers.hasItems("companyLocationsAs", "companyTaxIdField"));
        }
    }

    // ---- SYNC-21: matching ----

    @Test
    @DisplayName("SYNC-21: a company finds its ERP customer by its main contact's e-mail; one whose e-mail matches nothing tries the phone; a consumer's card is no company's")
    void matchByEmailThenPhone_SYNC21() {
        Setup s = setup();
        String mail = email("ada");
        String phone = phone();
        String byMail = createByHand(s, cardData("Engines AS", mail, null, "Oslo", null, taxField()));
        String byPhone = createByHand(s, cardData("Looms AS", null, "+47" + phone, "Bergen", null, taxField()));
        Co a = company(s, "Engines AS", mail, null, null, "Oslo");
        Co b = company(s, "Looms AS", email("nobody"), phone, null, "Bergen");
        connect(s, companies("companyImport", "ALL_COMPANIES"));
        JsonPath r = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        Map<String, String> links = companyLinks(s);
        assertEquals(byMail, links.get(a.id()));
        assertEquals(byPhone, links.get(b.id()), "the e-mail matched nothing, the phone did");
        assertEquals(2, r.getInt("counters.linked"));
        assertEquals(0, r.getInt("counters.created"));
    }

    @Test
    @DisplayName("SYNC-21: BY_TAX_ID compares normalised tax ids (spaces, dots, country prefix); without the fallback a miss is NO_MATCH, with it the e-mail decides")
    void matchByTaxId_SYNC21() {
        Setup s = setup();
        String vat = belgianVat();
        String digits = io.merchantdesk.sync.Normalize.taxId(vat);
        String byTax = createByHand(s, cardData("Tax AS", null, null, "Oslo", "BE" + digits, taxField()));
        String mail = email("fallback");
        String byMail = createByHand(s, cardData("Mail AS", mail, null, "Oslo", null, taxField()));
        Co taxed = company(s, "Tax AS", email("other"), null, vat, "Oslo");
        Co untaxed = company(s, "Mail AS", mail, null, belgianVat(), "Oslo");
        connect(s, companies("companyImport", "ALL_COMPANIES", "companyMappingType", "BY_TAX_ID", "companyTaxIdField", taxField().name()));
        JsonPath r = run(s, "CUSTOMERS");
        assertEquals(byTax, companyLinks(s).get(taxed.id()));
        assertNull(companyLinks(s).get(untaxed.id()));
        assertEquals(List.of("NO_MATCH"), pendingCodes(s, untaxed.id()), r.prettify());

        connect(s, companies("companyImport", "ALL_COMPANIES", "companyMappingType", "BY_TAX_ID", "companyTaxIdField", taxField().name(),
                "companyTaxIdFallback", true));
        run(s, "CUSTOMERS"); // a settings change re-evaluates the skipped company
        assertEquals(byMail, companyLinks(s).get(untaxed.id()), "the fallback found it by e-mail");
        assertEquals(List.of(), pendingCodes(s, untaxed.id()));
    }

    @Test
    @DisplayName("SYNC-21: a consumer with the e-mail of a company's main contact is never matched to the company's ERP customer: it gets one of its own")
    void consumerNotMatchedToCompanyCard_SYNC21() {
        Setup s = setup();
        String mail = email("shared");
        String ada = SyncFixtures.customerIn(s, "Ada", "Lovelace", mail, "NO"); // the main contact, a consumer of the store too
        Co co = company(s, "Shared Mail AS", null, null, null, "Oslo");
        s.owner().as().body(Map.of("customerId", ada, "locations", List.of(Map.of("locationId", co.locations().get(0), "role", "LOCATION_ADMIN"))))
                .post(s.store("/companies/" + co.id() + "/contacts")).then().statusCode(201);
        connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true));
        run(s, "CUSTOMERS");
        String companyNo = companyLinks(s).get(co.id());
        assertEquals(mail, card(s, companyNo).data().email(), "the company's card has its main contact's e-mail");

        connect(s, "customerImport", "ALL_CUSTOMERS", "autoCreateUnknownCustomers", true, "customerTemplateCode", "RETAIL",
                "storeCanUpdateCustomers", true, "companyImport", "ALL_COMPANIES");
        JsonPath r = fullRun(s);
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        String consumerNo = SyncFixtures.links(s).get(ada);
        assertNotNull(consumerNo, r.prettify());
        assertFalse(companyNo.equals(consumerNo), "the consumer got an ERP customer of its own");
        assertEquals("Shared Mail AS", card(s, companyNo).data().name(), "the company's card was not overwritten with the person's name");
    }

    @Test
    @DisplayName("SYNC-21: a company is linked by hand (MANUAL) and unlinked; refusals: already linked, the ERP customer another company's, unknown company or ERP customer, another tenant; a linked company without locations syncs")
    void linkByHand_SYNC21() {
        Setup s = setup();
        connect(s, companies("companyImport", "ALL_COMPANIES", "storeCanUpdateCompanies", true, "companyLocationsAs", "OWN_CUSTOMERS"));
        String no = createByHand(s, cardData("By Hand AS", email("hand"), null, "Oslo", null, taxField()));
        String bare = s.owner().as().body(Map.of("name", "By Hand AS")).post(s.store("/companies")).then().statusCode(201).extract().path("id");
        String other = s.owner().as().body(Map.of("name", "Other AS")).post(s.store("/companies")).then().statusCode(201).extract().path("id");

        s.owner().as().body(Map.of("customerNo", no)).put(s.store("/company-links/" + bare)).then().statusCode(200)
                .body("customerNo", org.hamcrest.Matchers.equalTo(no)).body("lastSyncedFrom", org.hamcrest.Matchers.equalTo("MANUAL"));
        s.owner().as().body(Map.of("customerNo", no)).put(s.store("/company-links/" + bare)).then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("ALREADY_LINKED"));
        s.owner().as().body(Map.of("customerNo", no)).put(s.store("/company-links/" + other)).then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("DUPLICATE"));
        s.owner().as().body(Map.of("customerNo", "NO-SUCH-1")).put(s.store("/company-links/" + other)).then().statusCode(404);
        s.owner().as().body(Map.of("customerNo", no)).put(s.store("/company-links/" + UUID.randomUUID())).then().statusCode(404);
        s.owner().as().body(Map.of()).put(s.store("/company-links/" + other)).then().statusCode(400);
        Api.User stranger = Api.user("stranger");
        stranger.as().get(s.store("/company-links")).then().statusCode(404);
        stranger.as().delete(s.store("/company-links/" + bare)).then().statusCode(404);
        stranger.as().body(Map.of("customerNos", List.of(no))).post(s.store("/company-exports")).then().statusCode(404);

        JsonPath r = run(s, "CUSTOMERS"); // the linked company has neither locations nor a main contact: nothing to write, no failure
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        assertEquals("By Hand AS", card(s, no).data().name());
        s.owner().as().delete(s.store("/company-links/" + bare)).then().statusCode(204);
        assertNull(companyLinks(s).get(bare));
    }

    // ---- SYNC-22: which companies, creation, updates ----

    @Test
    @DisplayName("SYNC-22: ALL_COMPANIES creates the ERP customer from the template (name, contact, e-mail, address, tax id); updates reach it only with storeCanUpdateCompanies, never the e-mail")
    void createAndUpdate_SYNC22() {
        Setup s = setup();
        String mail = email("create");
        String vat = belgianVat();
        Co co = company(s, "Difference Engines AS", mail, null, vat, "Drammen");
        connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true));
        JsonPath r = run(s, "CUSTOMERS");
        assertEquals(1, r.getInt("counters.created"), r.prettify());
        String no = companyLinks(s).get(co.id());
        ErpCard card = card(s, no);
        assertEquals("Difference Engines AS", card.data().name());
        assertEquals(mail, card.data().email());
        assertEquals("Drammen", card.data().city());
        assertEquals(io.merchantdesk.sync.Normalize.taxId(vat), io.merchantdesk.sync.Normalize.taxId(card.data().taxId(taxField())));

        s.owner().as().header("If-Match", "\"" + companyView(s, co.id()).getLong("version") + "\"").body(Map.of("name", "Analytical Engines AS"))
                .patch(s.store("/companies/" + co.id())).then().statusCode(200);
        JsonPath off = run(s, "CUSTOMERS");
        assertEquals(List.of("UPDATE_OFF"), pendingCodes(s, co.id()), off.prettify());
        assertEquals("Difference Engines AS", card(s, no).data().name());

        connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true, "storeCanUpdateCompanies", true));
        s.owner().as().body(Map.of("email", email("changed"))).header("If-Match", "\"" + SyncFixtures.storeCustomer(s, co.contactCustomerId())
                .getLong("version") + "\"").patch(s.store("/customers/" + co.contactCustomerId())).then().statusCode(200);
        JsonPath on = run(s, "CUSTOMERS");
        assertEquals(1, on.getInt("counters.updated"), on.prettify());
        assertEquals("Analytical Engines AS", card(s, no).data().name());
        assertEquals(mail, card(s, no).data().email(), "never the e-mail");
    }

    @Test
    @DisplayName("SYNC-22: WITH_ORDER_IMPORT leaves an unlinked company to its first B2B order (NOT_LINKED); without a match and auto-create it is NO_MATCH")
    void whichCompanies_SYNC22() {
        Setup s = setup();
        Co co = company(s, "Waiting AS", email("wait"), null, null, "Oslo");
        connect(s, companies());
        JsonPath r = run(s, "CUSTOMERS");
        assertEquals(List.of("NOT_LINKED"), pendingCodes(s, co.id()), r.prettify());
        connect(s, companies("companyImport", "ALL_COMPANIES"));
        run(s, "CUSTOMERS");
        assertEquals(List.of("NO_MATCH"), pendingCodes(s, co.id()));
        assertTrue(companyLinks(s).isEmpty());
    }

    // ---- SYNC-23 ----

    @Test
    @DisplayName("SYNC-23: a company without a main contact is pending work MAIN_CONTACT_MISSING, imported once it has one")
    void mainContactMissing_SYNC23() {
        Setup s = setup();
        Co co = company(s, "Contactless AS", null, null, null, "Oslo");
        connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true));
        JsonPath r = run(s, "CUSTOMERS");
        assertEquals(List.of("MAIN_CONTACT_MISSING"), pendingCodes(s, co.id()), r.prettify());
        List<Map<String, Object>> pending = s.owner().as().get(s.store("/sync-pending")).then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals("Contactless AS", pending.stream().filter(p -> co.id().equals(p.get("recordId"))).map(p -> ((Map<?, ?>) p.get("subject")).get("name"))
                .findFirst().orElse(null), "the record names the company");
        String customer = SyncFixtures.customer(s, "Grace", "Hopper", email("grace"), null, null);
        s.owner().as().body(Map.of("customerId", customer, "locations", List.of(Map.of("locationId", co.locations().get(0), "role", "ORDERING_ONLY"))))
                .post(s.store("/companies/" + co.id() + "/contacts")).then().statusCode(201); // the first contact becomes the main one
        run(s, "CUSTOMERS");
        assertNotNull(companyLinks(s).get(co.id()));
        assertEquals(List.of(), pendingCodes(s, co.id()));
    }

    // ---- SYNC-24 ----

    @Test
    @DisplayName("SYNC-24: every location reaches the ERP: as ship-to addresses of the company's customer (kept exact), or as customers of their own")
    void everyLocation_SYNC24() {
        Setup s = setup();
        Co co = company(s, "Three Sites AS", email("sites"), null, null, "Oslo", "Bergen", "Tromsø");
        if (features().shipToAddresses()) {
            connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true, "storeCanUpdateCompanies", true));
            run(s, "CUSTOMERS");
            String no = companyLinks(s).get(co.id());
            assertEquals(Set.of(Model.shipToCode(UUID.fromString(co.locations().get(1))), Model.shipToCode(UUID.fromString(co.locations().get(2)))),
                    shipTos(s, no).stream().map(ShipTo::code).collect(Collectors.toSet()));
            assertEquals(Set.of("Bergen", "Tromsø"), shipTos(s, no).stream().map(ShipTo::city).collect(Collectors.toSet()));
            String third = co.locations().get(2);
            long version = s.owner().as().get(s.store("/companies/" + co.id() + "/locations/" + third)).then().extract().jsonPath().getLong("version");
            s.owner().as().header("If-Match", "\"" + version + "\"").delete(s.store("/companies/" + co.id() + "/locations/" + third))
                    .then().statusCode(204);
            run(s, "CUSTOMERS");
            assertEquals(List.of("Bergen"), shipTos(s, no).stream().map(ShipTo::city).toList(), "the deleted location's ship-to is gone");
        }
        Setup own = setup();
        Co other = company(own, "Own Sites AS", email("own"), null, null, "Oslo", "Bergen");
        connect(own, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true, "companyLocationsAs", "OWN_CUSTOMERS"));
        JsonPath r = run(own, "CUSTOMERS");
        assertEquals(2, r.getInt("counters.created"), r.prettify());
        List<Map<String, Object>> locations = companyLink(own, other.id()).getList("items[0].locationCustomers");
        assertEquals(1, locations.size());
        assertEquals(other.locations().get(1), locations.get(0).get("locationId"));
        String siteNo = (String) locations.get(0).get("customerNo");
        ErpCard site = card(own, siteNo);
        assertEquals("Bergen", site.data().city());
        assertNull(site.data().email(), "a location's own customer has no e-mail: it is not the company's match");

        String bergen = other.locations().get(1);
        long version = own.owner().as().get(own.store("/companies/" + other.id() + "/locations/" + bergen)).then().extract().jsonPath()
                .getLong("version");
        own.owner().as().header("If-Match", "\"" + version + "\"").delete(own.store("/companies/" + other.id() + "/locations/" + bergen))
                .then().statusCode(204);
        connect(own, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true, "companyLocationsAs", "OWN_CUSTOMERS",
                "storeCanUpdateCompanies", true));
        run(own, "CUSTOMERS");
        assertEquals(List.of(), companyLink(own, other.id()).getList("items[0].locationCustomers"), "the deleted location's link is dropped");
        assertEquals(List.of("LOCATION_DELETED_IN_STORE"), pendingCodes(own, other.id()), "and reported");
        assertNotNull(card(own, siteNo), "its ERP customer is kept");
    }

    // ---- SYNC-25 ----

    @Test
    @DisplayName("SYNC-25: a company deleted in the store, or its ERP customer deleted in the ERP, is pending work with its reason, never silently kept or recreated")
    void deletions_SYNC25() {
        Setup s = setup();
        Co gone = company(s, "Gone AS", email("gone"), null, null, "Oslo");
        Co orphan = company(s, "Orphan AS", email("orphan"), null, null, "Oslo");
        connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true, "storeCanUpdateCompanies", true));
        run(s, "CUSTOMERS");
        String goneNo = companyLinks(s).get(gone.id());
        String orphanNo = companyLinks(s).get(orphan.id());

        s.owner().as().header("If-Match", "\"" + companyView(s, gone.id()).getLong("version") + "\"").delete(s.store("/companies/" + gone.id()))
                .then().statusCode(204);
        deleteByHand(s, orphanNo);
        s.owner().as().header("If-Match", "\"" + companyView(s, orphan.id()).getLong("version") + "\"").body(Map.of("note", "changed"))
                .patch(s.store("/companies/" + orphan.id())).then().statusCode(200);
        JsonPath r = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED_WITH_ERRORS", r.getString("status"), r.prettify());
        assertEquals(List.of("COMPANY_DELETED_IN_STORE"), pendingCodes(s, gone.id()));
        assertEquals(List.of("ERP_CUSTOMER_DELETED"), pendingCodes(s, orphan.id()));
        assertNotNull(card(s, goneNo), "the ERP customer of a company deleted in the store is kept");
        assertEquals(orphanNo, companyLinks(s).get(orphan.id()), "not silently relinked or recreated");
        assertEquals(0, r.getInt("counters.created"));

        s.owner().as().delete(s.store("/company-links/" + gone.id())).then().statusCode(204);
        s.owner().as().delete(s.store("/company-links/" + orphan.id())).then().statusCode(204);
        assertEquals(List.of("UNLINKED"), pendingCodes(s, orphan.id()), "due for the next run");
        JsonPath again = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED", again.getString("status"), again.prettify());
        assertEquals(List.of(), pendingCodes(s, gone.id()), "unlinking resolved it");
        assertEquals(List.of(), pendingCodes(s, orphan.id()));
        assertNotNull(card(s, companyLinks(s).get(orphan.id())), "unlinked: created again (Business Central derives the number from the "
                + "reference, so it may be the old one)");
        s.owner().as().delete(s.store("/company-links/" + gone.id())).then().statusCode(404);
    }

    // ---- SYNC-26 ----

    @Test
    @DisplayName("SYNC-26: an ERP customer exported on request becomes a company with one location and its main contact; again it is ALREADY_A_COMPANY; without an e-mail it is skipped; with companyId it becomes a location")
    void exportAsCompany_SYNC26() {
        Setup s = setup();
        connect(s, companies("defaultContactRole", "LOCATION_ADMIN"));
        String mail = email("export");
        String vat = belgianVat();
        String no = createByHand(s, cardData("Exported AS", mail, "+47" + phone(), "Hamar", vat, taxField()));
        String noMail = createByHand(s, cardData("Mailless AS", null, null, "Oslo", null, taxField()));
        String site = createByHand(s, cardData("Exported AS Lillehammer", null, null, "Lillehammer", null, taxField()));
        JsonPath out = s.owner().as().body(Map.of("customerNos", List.of(no, noMail, "NO-SUCH-1"))).post(s.store("/company-exports"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("CREATED", "SKIPPED", "SKIPPED"), out.getList("items.outcome"));
        assertEquals("NO_VALID_EMAIL", out.getString("items[1].code"));
        assertEquals("NOT_FOUND", out.getString("items[2].code"));
        String companyId = out.getString("items[0].companyId");
        JsonPath company = companyView(s, companyId);
        assertEquals("Exported AS", company.getString("name"));
        assertEquals(no, company.getString("externalId"));
        assertNotNull(company.getString("mainContactId"));
        JsonPath location = s.owner().as().get(s.store("/companies/" + companyId + "/locations/" + out.getString("items[0].locationId")))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Hamar", location.getString("billingAddress.city"));
        assertEquals(io.merchantdesk.sync.Normalize.taxId(vat), io.merchantdesk.sync.Normalize.taxId(location.getString("taxRegistrationId")));
        JsonPath contacts = s.owner().as().get(s.store("/companies/" + companyId + "/contacts")).then().statusCode(200).extract().jsonPath();
        assertEquals(mail, contacts.getString("items[0].customerEmail"));
        assertEquals("LOCATION_ADMIN", contacts.getString("items[0].locations[0].role"));
        assertEquals(no, companyLinks(s).get(companyId));

        s.owner().as().body(Map.of("customerNos", List.of(no))).post(s.store("/company-exports")).then().statusCode(200)
                .body("items[0].code", org.hamcrest.Matchers.equalTo("ALREADY_A_COMPANY"))
                .body("items[0].companyId", org.hamcrest.Matchers.equalTo(companyId));
        s.owner().as().body(Map.of("customerNos", List.of(site), "companyId", companyId)).post(s.store("/company-exports")).then().statusCode(200)
                .body("items[0].outcome", org.hamcrest.Matchers.equalTo("ADDED_AS_LOCATION"));
        assertEquals(2, s.owner().as().get(s.store("/companies/" + companyId + "/locations")).then().extract().jsonPath().getList("items").size());
        assertEquals(site, companyLink(s, companyId).getString("items[0].locationCustomers[0].customerNo"));
        s.owner().as().body(Map.of("customerNos", List.of())).post(s.store("/company-exports")).then().statusCode(400);
    }

    // ---- SYNC-27 ----

    @Test
    @DisplayName("SYNC-27: a person's change of a linked ERP customer reaches its company with canUpdateStoreCompanies; with both directions on nothing comes back (SYNC-19)")
    void erpChangesReachCompany_SYNC27() {
        Setup s = setup();
        connect(s, companies("companyImport", "ALL_COMPANIES", "storeCanUpdateCompanies", true, "canUpdateStoreCompanies", true));
        String no = createByHand(s, cardData("Before AS", email("before"), null, "Oslo", null, taxField()));
        String companyId = s.owner().as().body(Map.of("customerNos", List.of(no))).post(s.store("/company-exports")).then().statusCode(200)
                .extract().path("items[0].companyId");
        run(s, "CUSTOMERS"); // settles: the export's own writes are not sent back
        editByHand(s, no, "After AS", "Stavanger");
        JsonPath r = run(s, "CUSTOMERS");
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        assertEquals("After AS", companyView(s, companyId).getString("name"));
        List<Map<String, Object>> locations = s.owner().as().get(s.store("/companies/" + companyId + "/locations")).then().extract().jsonPath()
                .getList("items");
        assertEquals("Stavanger", ((Map<?, ?>) locations.get(0).get("billingAddress")).get("city"));
        JsonPath quiet = run(s, "CUSTOMERS");
        assertEquals(0, quiet.getInt("counters.updated"), "no ping-pong: " + quiet.prettify());
        assertEquals(0, quiet.getInt("counters.processed"), quiet.prettify());
        assertEquals("After AS", card(s, no).data().name());
    }

    // ---- SYNC-28 ----

    @Test
    @DisplayName("SYNC-28: a B2B order gets its customer through its company: created with the order (WITH_ORDER_IMPORT), then the link; a location's own customer is the sell-to; the default company is the fallback")
    void b2bOrders_SYNC28() {
        Setup s = setup();
        String fallback = createByHand(s, cardData("Default Company AS", null, null, "Oslo", null, taxField()));
        connect(s, companies("autoCreateUnknownCompanies", true, "companyLocationsAs", "OWN_CUSTOMERS", "defaultCompanyNo", fallback));
        Co co = company(s, "Ordering AS", email("orders"), null, null, "Oslo", "Bergen");
        s.owner().as().body(Map.of("role", "ORDERING_ONLY"))
                .put(s.store("/companies/" + co.id() + "/contacts/" + co.contactCustomerId() + "/locations/" + co.locations().get(1)))
                .then().statusCode(200);
        String first = b2bOrder(s, co, co.locations().get(0));
        JsonPath r = run(s, "ORDERS");
        assertEquals("SUCCEEDED", r.getString("status"), r.prettify());
        String companyNo = companyLinks(s).get(co.id());
        assertNotNull(companyNo, "imported with its first order");
        assertEquals("COMPANY_CREATED", erpOrders(s).get(first).get("chosenBy"));
        assertEquals(companyNo, erpOrders(s).get(first).get("billToCustomerNo"));

        String second = b2bOrder(s, co, co.locations().get(0));
        String atSite = b2bOrder(s, co, co.locations().get(1));
        run(s, "ORDERS");
        assertEquals("COMPANY_LINK", erpOrders(s).get(second).get("chosenBy"));
        Map<String, Object> siteOrder = erpOrders(s).get(atSite);
        assertEquals("COMPANY_LOCATION", siteOrder.get("chosenBy"));
        assertEquals(companyNo, siteOrder.get("billToCustomerNo"));
        assertEquals(companyLink(s, co.id()).getString("items[0].locationCustomers[0].customerNo"), siteOrder.get("sellToCustomerNo"));

        connect(s, companies("autoCreateUnknownCompanies", false, "defaultCompanyNo", fallback));
        Co unknown = company(s, "Unknown AS", email("unknown"), null, null, "Oslo");
        String third = b2bOrder(s, unknown, unknown.locations().get(0));
        run(s, "ORDERS");
        assertEquals("COMPANY_DEFAULT_FALLBACK", erpOrders(s).get(third).get("chosenBy"));
        assertEquals(fallback, erpOrders(s).get(third).get("billToCustomerNo"));

        connect(s, companies("companyImport", "NONE", "defaultCompanyNo", fallback));
        String fourth = b2bOrder(s, co, co.locations().get(0));
        run(s, "ORDERS");
        assertEquals("COMPANY_IMPORT_NONE_DEFAULT", erpOrders(s).get(fourth).get("chosenBy"));
    }

    // ---- SYNC-29 ----

    @Test
    @DisplayName("SYNC-29: companies take part in exact change capture: an unchanged company is not read again, a location's change brings it back, FULL re-evaluates all without writing")
    void changeCapture_SYNC29() {
        Setup s = setup();
        Co co = company(s, "Captured AS", email("capture"), null, null, "Oslo");
        company(s, "Quiet AS", email("quiet"), null, null, "Oslo");
        connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true, "storeCanUpdateCompanies", true));
        assertEquals(2, run(s, "CUSTOMERS").getInt("counters.created"));
        assertEquals(0, run(s, "CUSTOMERS").getInt("counters.processed"), "nothing changed");

        String loc = co.locations().get(0);
        long version = s.owner().as().get(s.store("/companies/" + co.id() + "/locations/" + loc)).then().extract().jsonPath().getLong("version");
        s.owner().as().header("If-Match", "\"" + version + "\"").body(Map.of("name", "Captured AS Oslo", "billingAddress", address("Moss")))
                .put(s.store("/companies/" + co.id() + "/locations/" + loc)).then().statusCode(200);
        JsonPath changed = run(s, "CUSTOMERS");
        assertEquals(1, changed.getInt("counters.processed"), changed.prettify());
        assertEquals(1, changed.getInt("counters.updated"));
        assertEquals("Moss", card(s, companyLinks(s).get(co.id())).data().city());

        JsonPath full = fullRun(s);
        assertEquals(2, full.getInt("counters.processed"), full.prettify());
        assertEquals(0, full.getInt("counters.updated"), "nothing really changed");
        assertEquals(0, full.getInt("counters.created"));
    }

    @Test
    @DisplayName("SYNC-29: a run that dies in its company phase resumes from its last committed company: the cards the ERP made for the lost batch are found by reference, created + linked add up, one ERP customer per company")
    void interruptedCompanyPhaseResumes_SYNC29() {
        Setup s = setup();
        connect(s, companies("companyImport", "ALL_COMPANIES", "autoCreateUnknownCompanies", true));
        for (int i = 0; i < 7; i++) company(s, "Resumed " + i + " AS", email("resumed" + i), null, null, "Oslo");
        faults.failBatch(UUID.fromString(s.storeId()), 2);
        JsonPath failed = run(s, s.owner(), "CUSTOMERS", 3);
        assertEquals("FAILED", failed.getString("status"), failed.prettify());
        assertEquals(3, failed.getInt("counters.processed"), "the first batch committed, the second rolled back");
        assertEquals(3, companyLinks(s).size());

        JsonPath rerun = run(s, s.owner(), "CUSTOMERS", 3);
        assertEquals("SUCCEEDED", rerun.getString("status"), rerun.prettify());
        assertEquals(failed.getString("id"), rerun.getString("resumedFrom"));
        assertEquals(1, rerun.getInt("counters.created"), "only the card that was never made");
        assertEquals(3, rerun.getInt("counters.linked"), "the lost batch's cards found by their references");
        Map<String, String> links = companyLinks(s);
        assertEquals(7, links.size());
        assertEquals(7, Set.copyOf(links.values()).size(), "no ERP customer is two companies'");
        links.values().forEach(no -> assertNotNull(card(s, no)));
        assertEquals(0, run(s, "CUSTOMERS").getInt("counters.processed"), "and nothing is left to do");
    }
}
