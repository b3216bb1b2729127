package io.merchantdesk.stories;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.client.ApiException;
import io.merchantdesk.client.api.CompaniesApi;
import io.merchantdesk.client.api.CustomersApi;
import io.merchantdesk.client.api.ErpRegisterApi;
import io.merchantdesk.client.api.ErpSyncApi;
import io.merchantdesk.client.api.OrdersApi;
import io.merchantdesk.client.api.StoresApi;
import io.merchantdesk.client.model.AddContactRequest;
import io.merchantdesk.client.model.Address;
import io.merchantdesk.client.model.Company;
import io.merchantdesk.client.model.CompanyContact;
import io.merchantdesk.client.model.CompanyExportItem;
import io.merchantdesk.client.model.CompanyExportOutcome;
import io.merchantdesk.client.model.CompanyExportRequest;
import io.merchantdesk.client.model.CompanyImport;
import io.merchantdesk.client.model.CompanyLink;
import io.merchantdesk.client.model.CompanyLocation;
import io.merchantdesk.client.model.CompanyLocationsAs;
import io.merchantdesk.client.model.ContactRole;
import io.merchantdesk.client.model.CreateCompanyRequest;
import io.merchantdesk.client.model.CreateCustomerRequest;
import io.merchantdesk.client.model.CreateErpCompanyRequest;
import io.merchantdesk.client.model.CreateErpCustomerTemplateRequest;
import io.merchantdesk.client.model.CreateLocationRequest;
import io.merchantdesk.client.model.CreateOrderRequest;
import io.merchantdesk.client.model.CreateStoreRequest;
import io.merchantdesk.client.model.Customer;
import io.merchantdesk.client.model.CustomerImport;
import io.merchantdesk.client.model.ErpCheck;
import io.merchantdesk.client.model.ErpCompany;
import io.merchantdesk.client.model.ErpConnection;
import io.merchantdesk.client.model.ErpConnectionRequest;
import io.merchantdesk.client.model.ErpKind;
import io.merchantdesk.client.model.ErpOrder;
import io.merchantdesk.client.model.LineItem;
import io.merchantdesk.client.model.LinkCompanyRequest;
import io.merchantdesk.client.model.LocationRole;
import io.merchantdesk.client.model.Order;
import io.merchantdesk.client.model.OrderType;
import io.merchantdesk.client.model.Plan;
import io.merchantdesk.client.model.RunStatus;
import io.merchantdesk.client.model.StartSyncRunRequest;
import io.merchantdesk.client.model.SyncKind;
import io.merchantdesk.client.model.SyncRun;
import io.merchantdesk.stories.support.Actors;
import io.merchantdesk.stories.support.Actors.Actor;
import io.merchantdesk.support.TrytonAdmin;
import io.merchantdesk.support.Trytond;
import io.merchantdesk.sync.tryton.TrytonRpc;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * B2B company sync (issue 24) through the generated Java client only, against the packaged service and a live Tryton
 * (a database of its own on the test trytond, as in {@link SyncStoriesIT}). Tryton's side (what a Tryton user sees and
 * enters) goes through the tests' harness over JSON-RPC; merchantdesk only through the client.
 */
class CompanySyncStoriesIT {

    @Test
    @DisplayName("Story: a store company with two locations and a contact becomes a Tryton party with a ship-to address (SYNC-21, SYNC-22, SYNC-24), and its B2B order is billed to that party through the company link (SYNC-28)")
    void companyToTrytonAndB2bOrder_SYNC21_SYNC24_SYNC28() throws Exception {
        Tryton tryton = Tryton.newDatabase("company_story");
        try {
            Actor admin = Actors.actor("erp-admin");
            Connected store = connect(admin, tryton, new ErpConnectionRequest().companyImport(CompanyImport.ALL_COMPANIES)
                    .autoCreateUnknownCompanies(true).storeCanUpdateCompanies(true));
            assertEquals(CompanyImport.ALL_COMPANIES, store.connection().getCompanyImport());
            assertEquals(CompanyLocationsAs.SHIP_TO_ADDRESSES, store.connection().getCompanyLocationsAs(), "Tryton keeps ship-to addresses");
            UUID storeId = store.id();
            ErpSyncApi sync = new ErpSyncApi(admin.client());
            CompaniesApi companies = new CompaniesApi(admin.client());

            // A company with two locations (the first, its default, with a tax registration id) and a contact.
            String orgNo = "923609016";
            Company company = companies.createCompany(storeId, new CreateCompanyRequest().name(Actors.unique("Fjord Engines AS")), null);
            CompanyLocation oslo = companies.createCompanyLocation(storeId, company.getId(), new CreateLocationRequest().name("Oslo head office")
                    .billingAddress(address("Karl Johans gate 1", "Oslo", "0154")).taxRegistrationId(orgNo), null);
            CompanyLocation bergen = companies.createCompanyLocation(storeId, company.getId(), new CreateLocationRequest().name("Bergen warehouse")
                    .billingAddress(address("Bryggen 2", "Bergen", "5003")).shippingAddress(address("Bryggen 2", "Bergen", "5003")), null);
            assertEquals(orgNo, oslo.getTaxRegistrationId());
            Customer ada = new CustomersApi(admin.client()).createCustomer(storeId, new CreateCustomerRequest().firstName("Ada").lastName("Berg")
                    .email(Actors.unique("ada") + "@example.no"), null);
            CompanyContact contact = companies.addCompanyContact(storeId, company.getId(), new AddContactRequest().customerId(ada.getId())
                    .locations(List.of(new LocationRole().locationId(oslo.getId()).role(ContactRole.LOCATION_ADMIN))), null).getContact();
            assertEquals(contact.getId(), companies.getCompany(storeId, company.getId()).getMainContactId(), "the first contact is the main contact");

            // A CUSTOMERS run: no party matches the contact's e-mail, so the company gets a new party and is linked to it.
            SyncRun run = awaitEnd(sync, storeId, sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.CUSTOMERS), null).getId());
            assertEquals(RunStatus.SUCCEEDED, run.getStatus(), String.valueOf(run.getErrors()));
            List<CompanyLink> links = sync.listCompanyLinks(storeId, company.getId(), null, null).getItems();
            assertEquals(1, links.size(), "the company is linked");
            CompanyLink link = links.get(0);
            assertEquals(store.erpCompanyId(), link.getErpCompanyId());
            assertEquals(List.of(), link.getLocationCustomers(), "locations are ship-to addresses, not customers of their own");
            String companyNo = link.getCustomerNo();

            // Tryton's side: the party (code = the link's customer number) has the company's name, the default location's
            // address and tax id, the contact's e-mail; the second location is a ship-to address named "[MD<8 hex>] <name>".
            TrytonRpc user = tryton.user();
            List<Map<String, Object>> party = user.searchRead("party.party", List.of(clause("code", "=", companyNo)), 0, null, null,
                    List.of("name"));
            assertEquals(List.of(company.getName()), party.stream().map(p -> p.get("name")).toList());
            long partyId = ((Number) party.get(0).get("id")).longValue();
            List<Map<String, Object>> identifiers = user.searchRead("party.identifier", List.of(clause("party", "=", partyId)), 0, null, null,
                    List.of("code"));
            assertTrue(identifiers.stream().anyMatch(i -> orgNo.equals(i.get("code"))), "the tax registration id: " + identifiers);
            List<Map<String, Object>> emails = user.searchRead("party.contact_mechanism", List.of(clause("party", "=", partyId),
                    clause("type", "=", "email")), 0, null, null, List.of("value"));
            assertEquals(List.of(ada.getEmail()), emails.stream().map(m -> m.get("value")).toList());
            List<Map<String, Object>> shipTos = user.searchRead("party.address", List.of(clause("party", "=", partyId),
                    clause("name", "like", "[MD%")), 0, null, null, List.of("name", "street", "city"));
            assertEquals(1, shipTos.size(), "one ship-to address, the second location: " + shipTos);
            assertEquals("[" + shipToCode(bergen.getId()) + "] Bergen warehouse", shipTos.get(0).get("name"));
            assertEquals("Bergen", shipTos.get(0).get("city"));
            List<Map<String, Object>> own = user.searchRead("party.address", List.of(clause("party", "=", partyId),
                    List.of("OR", clause("name", "=", null), clause("name", "not like", "[MD%"))), 0, null, null, List.of("city"));
            assertEquals(List.of("Oslo"), own.stream().map(a -> a.get("city")).toList(), "the party's own address is the default location's");

            // Ada orders for her company at its Oslo location: the ORDERS run finds the customer through the company link.
            Order order = new OrdersApi(admin.client()).createOrder(storeId, new CreateOrderRequest().customerId(ada.getId())
                    .companyLocationId(oslo.getId()).billingAddress(address("Karl Johans gate 1", "Oslo", "0154"))
                    .lineItems(List.of(new LineItem().title("Pallet of tents").sku("P-1").quantity(1).unitPrice(new BigDecimal("19990.00")))), null);
            assertEquals(OrderType.B2B, order.getType());
            SyncRun orders = awaitEnd(sync, storeId, sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.ORDERS), null).getId());
            assertEquals(RunStatus.SUCCEEDED, orders.getStatus(), String.valueOf(orders.getErrors()));
            List<ErpOrder> erpOrders = sync.listErpOrders(storeId, null, null).getItems();
            assertEquals(List.of(order.getId()), erpOrders.stream().map(ErpOrder::getOrderId).toList());
            ErpOrder erpOrder = erpOrders.get(0);
            assertEquals("COMPANY_LINK", erpOrder.getChosenBy());
            assertEquals(companyNo, erpOrder.getBillToCustomerNo());
            assertEquals(companyNo, erpOrder.getSellToCustomerNo(), "a location without a customer of its own orders as the company");
            assertNotNull(erpOrder.getErpDocumentNo(), "Tryton's draft sale");
            List<Map<String, Object>> sale = user.read("sale.sale", List.of(Long.parseLong(erpOrder.getErpDocumentNo())),
                    List.of("state", "reference", "party.code"));
            assertEquals("draft", sale.get(0).get("state"));
            assertEquals(order.getId().toString(), sale.get(0).get("reference"));
            assertEquals(companyNo, ((Map<?, ?>) sale.get(0).get("party.")).get("code"), "the sale is the company party's");
        } finally {
            tryton.close();
        }
    }

    @Test
    @DisplayName("Story: a party a Tryton user enters for a business is exported on request and becomes a store company with one location and its main contact (SYNC-26); its link is undone and set by hand (SYNC-25)")
    void trytonPartyBecomesCompany_SYNC26() throws Exception {
        Tryton tryton = Tryton.newDatabase("company_export_story");
        try {
            Actor admin = Actors.actor("erp-admin");
            Connected store = connect(admin, tryton, new ErpConnectionRequest().defaultContactRole(ContactRole.LOCATION_ADMIN));
            UUID storeId = store.id();
            ErpSyncApi sync = new ErpSyncApi(admin.client());
            CompaniesApi companies = new CompaniesApi(admin.client());

            // A Tryton user enters a party for a business, with an e-mail and an address.
            TrytonRpc user = tryton.user();
            String email = Actors.unique("orders") + "@tromso-tools.example.no";
            long norway = user.search("country.country", List.of(clause("code", "=", "NO")), 0, 1, List.of()).get(0);
            long partyId = user.create("party.party", List.of(Map.of("name", "Tromsø Tools AS",
                    "contact_mechanisms", List.of(List.of("create", List.of(Map.of("type", "email", "value", email)))),
                    "addresses", List.of(List.of("create", List.of(Map.of("street", "Storgata 10", "postal_code", "9008", "city", "Tromsø",
                            "country", norway))))))).get(0);
            String code = (String) user.read("party.party", List.of(partyId), List.of("code")).get(0).get("code");

            // The ERP administrator exports it: it becomes a store company, linked to the party.
            List<CompanyExportItem> items = sync.exportErpCustomersAsCompanies(storeId, new CompanyExportRequest().customerNos(List.of(code)), null)
                    .getItems();
            assertEquals(1, items.size());
            CompanyExportItem item = items.get(0);
            assertEquals(CompanyExportOutcome.CREATED, item.getOutcome(), item.getCode() + " " + item.getMessage());
            assertEquals(code, item.getCustomerNo());
            Company company = companies.getCompany(storeId, item.getCompanyId());
            assertEquals("Tromsø Tools AS", company.getName());
            assertEquals(code, company.getExternalId(), "the party's code is the company's external id");
            List<CompanyLocation> locations = companies.listCompanyLocations(storeId, company.getId(), null, 50).getItems();
            assertEquals(List.of(item.getLocationId()), locations.stream().map(CompanyLocation::getId).toList(), "one location");
            assertEquals("Tromsø", locations.get(0).getBillingAddress().getCity());
            assertEquals("NO", locations.get(0).getBillingAddress().getCountryCode());

            // Its main contact is the party's e-mail, a store customer made for it, with the connection's default role.
            assertNotNull(company.getMainContactId(), "the export gives the company its main contact");
            CompanyContact main = companies.listCompanyContacts(storeId, company.getId(), null, 50).getItems().stream()
                    .filter(c -> c.getId().equals(company.getMainContactId())).findFirst()
                    .orElseThrow(() -> new AssertionError("the main contact is one of the company's contacts"));
            assertEquals(email, main.getCustomerEmail());
            assertEquals(email, new CustomersApi(admin.client()).getCustomer(storeId, main.getCustomerId()).getEmail());
            assertEquals(List.of(new LocationRole().locationId(item.getLocationId()).role(ContactRole.LOCATION_ADMIN)), main.getLocations());
            assertEquals(List.of(code), sync.listCompanyLinks(storeId, company.getId(), null, null).getItems().stream()
                    .map(CompanyLink::getCustomerNo).toList(), "the company is linked to the party");

            // Exported again, the party is already that company.
            CompanyExportItem again = sync.exportErpCustomersAsCompanies(storeId, new CompanyExportRequest().customerNos(List.of(code)), null)
                    .getItems().get(0);
            assertEquals(CompanyExportOutcome.SKIPPED, again.getOutcome());
            assertEquals("ALREADY_A_COMPANY", again.getCode());
            assertEquals(company.getId(), again.getCompanyId());

            // A person can undo the link and set it by hand (how SYNC-25's pending work is resolved).
            sync.unlinkCompany(storeId, company.getId());
            assertEquals(List.of(), sync.listCompanyLinks(storeId, company.getId(), null, null).getItems());
            CompanyLink manual = sync.linkCompany(storeId, company.getId(), new LinkCompanyRequest().customerNo(code));
            assertEquals(code, manual.getCustomerNo());
            assertEquals("MANUAL", manual.getLastSyncedFrom());
        } finally {
            tryton.close();
        }
    }

    // ---- Tryton's side: a database of its own on the test trytond, with the company Tryton's set-up wizard makes; a name of
    // its own per story too: trytond keeps what it knows of a database by name, so a dropped and recopied one breaks its pool ----

    private record Tryton(Trytond trytond, String database, TrytonRpc user) {
        static Tryton newDatabase(String prefix) {
            Trytond trytond = Trytond.shared();
            String database = trytond.newDatabase(prefix);
            TrytonAdmin.setUpCompany(trytond, database);
            return new Tryton(trytond, database, TrytonAdmin.client(trytond, database));
        }

        void close() {
            user.logout();
        }
    }

    private record Connected(UUID id, UUID erpCompanyId, ErpConnection connection) {}

    /** A NOK store connected to an ERP company of kind TRYTON for {@code tryton}'s database, with the given settings. */
    private static Connected connect(Actor admin, Tryton tryton, ErpConnectionRequest settings) throws ApiException {
        UUID storeId = new StoresApi(admin.client()).createStore(
                new CreateStoreRequest().name(Actors.unique("Nordland Supply")).billingCurrency("NOK").plan(Plan.GROW), null).getId();
        ErpRegisterApi register = new ErpRegisterApi(admin.client());
        ErpSyncApi sync = new ErpSyncApi(admin.client());
        ErpCompany erp = register.createErpCompany(new CreateErpCompanyRequest().name(Actors.unique("Nordland Supply AS"))
                .kind(ErpKind.TRYTON).endpoint(tryton.trytond().baseUrl() + "/").database(tryton.database())
                .login(Trytond.ADMIN_LOGIN).password(Trytond.ADMIN_PASSWORD), null);
        register.createErpCustomerTemplate(erp.getId(), new CreateErpCustomerTemplateRequest().code("B2B")
                .genBusPostingGroup("DOMESTIC").customerPostingGroup("DOMESTIC").vatBusPostingGroup("DOMESTIC"), null);
        // The store's consumers stay out of this story (customerImport NONE): what the runs count is the companies'.
        ErpConnection connection = sync.putErpConnection(storeId, settings.erpCompanyId(erp.getId()).customerImport(CustomerImport.NONE)
                .customerTemplateCode("B2B"), null);
        ErpCheck check = sync.checkErpConnection(storeId, null);
        assertTrue(check.getOk(), "reachable, logged in, party and sale activated: " + check.getProblems());
        return new Connected(storeId, erp.getId(), connection);
    }

    /** docs/sync.md, SYNC-24: a ship-to address's code is MD and the last 8 hex digits of the location's id. */
    private static String shipToCode(UUID locationId) {
        String hex = locationId.toString().replace("-", "");
        return "MD" + hex.substring(hex.length() - 8).toUpperCase(Locale.ROOT);
    }

    private static Address address(String street, String city, String zip) {
        return new Address().address1(street).city(city).zip(zip).countryCode("NO");
    }

    private static SyncRun awaitEnd(ErpSyncApi sync, UUID storeId, UUID runId) throws ApiException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        SyncRun run = sync.getSyncRun(storeId, runId);
        while (run.getStatus() == RunStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(250);
            run = sync.getSyncRun(storeId, runId);
        }
        return run;
    }
}
