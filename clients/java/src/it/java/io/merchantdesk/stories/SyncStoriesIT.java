package io.merchantdesk.stories;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.client.ApiException;
import io.merchantdesk.client.ProblemDetailsException;
import io.merchantdesk.client.api.CustomersApi;
import io.merchantdesk.client.api.ErpRegisterApi;
import io.merchantdesk.client.api.ErpSyncApi;
import io.merchantdesk.client.api.OrdersApi;
import io.merchantdesk.client.api.StoresApi;
import io.merchantdesk.client.model.Address;
import io.merchantdesk.client.model.CreateCustomerRequest;
import io.merchantdesk.client.model.CreateErpCompanyRequest;
import io.merchantdesk.client.model.CreateErpCustomerTemplateRequest;
import io.merchantdesk.client.model.CreateOrderRequest;
import io.merchantdesk.client.model.CreateStoreRequest;
import io.merchantdesk.client.model.Customer;
import io.merchantdesk.client.model.CustomerAddressInput;
import io.merchantdesk.client.model.CustomerImport;
import io.merchantdesk.client.model.CustomerLink;
import io.merchantdesk.client.model.ErpCheck;
import io.merchantdesk.client.model.ErpCompany;
import io.merchantdesk.client.model.ErpConnection;
import io.merchantdesk.client.model.ErpConnectionRequest;
import io.merchantdesk.client.model.ErpCustomer;
import io.merchantdesk.client.model.ErpKind;
import io.merchantdesk.client.model.ErpOrder;
import io.merchantdesk.client.model.LineItem;
import io.merchantdesk.client.model.Order;
import io.merchantdesk.client.model.Plan;
import io.merchantdesk.client.model.RunStatus;
import io.merchantdesk.client.model.StartSyncRunRequest;
import io.merchantdesk.client.model.Store;
import io.merchantdesk.client.model.SyncKind;
import io.merchantdesk.client.model.SyncMode;
import io.merchantdesk.client.model.SyncRun;
import io.merchantdesk.stories.support.Actors;
import io.merchantdesk.stories.support.Actors.Actor;
import io.merchantdesk.support.TrytonAdmin;
import io.merchantdesk.support.Trytond;
import io.merchantdesk.sync.tryton.TrytonRpc;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ERP customer and order sync through the generated Java client only, against the packaged service. The Tryton story
 * also acts on Tryton's side (a Tryton user's party, the draft sale it finds) with the test trytond's harness
 * ({@code src/test/tryton/java}); merchantdesk itself is only reached through the client.
 */
class SyncStoriesIT {

    @Test
    @DisplayName("Story: an ERP administrator connects a store to an ERP company and runs a customer sync to completion (SYNC-7, SYNC-8)")
    void configureConnectionAndRunCustomerSync() throws Exception {
        Actor admin = Actors.actor("erp-admin");
        Store store = new StoresApi(admin.client()).createStore(
                new CreateStoreRequest().name(Actors.unique("Oslo Outdoor")).billingCurrency("NOK").plan(Plan.GROW), null);
        UUID storeId = store.getId();
        ErpRegisterApi register = new ErpRegisterApi(admin.client());
        ErpSyncApi sync = new ErpSyncApi(admin.client());

        // Without a connection, a run is refused as typed problem details.
        ProblemDetailsException notConnected = assertThrows(ProblemDetailsException.class,
                () -> sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.CUSTOMERS), null));
        assertEquals(422, notConnected.status());
        assertEquals("SYNC_NOT_CONNECTED", notConnected.code());

        ErpCompany erp = register.createErpCompany(new CreateErpCompanyRequest().name(Actors.unique("Nordic Outdoor AS")), null);
        register.createErpCustomerTemplate(erp.getId(), new CreateErpCustomerTemplateRequest().code("RETAIL")
                .genBusPostingGroup("DOMESTIC").customerPostingGroup("DOMESTIC").vatBusPostingGroup("DOMESTIC")
                .paymentTermsCode("14D").pricesIncludingVat(true), null);
        ErpConnection connection = sync.putErpConnection(storeId, new ErpConnectionRequest().erpCompanyId(erp.getId())
                .customerImport(CustomerImport.ALL_CUSTOMERS).autoCreateUnknownCustomers(true).customerTemplateCode("RETAIL"), null);
        assertEquals(erp.getId(), connection.getErpCompanyId());
        assertEquals(CustomerImport.ALL_CUSTOMERS, connection.getCustomerImport());

        CustomersApi customers = new CustomersApi(admin.client());
        Customer kari = customers.createCustomer(storeId, new CreateCustomerRequest().firstName("Kari").lastName("Nordmann")
                .email(Actors.unique("kari") + "@example.no").phone("+47 22 33 44 55")
                .addresses(List.of(new CustomerAddressInput().isDefault(true).address(new Address().firstName("Kari").lastName("Nordmann")
                        .address1("Karl Johans gate 1").city("Oslo").countryCode("NO").zip("0154")))), null);
        Customer homeless = customers.createCustomer(storeId, new CreateCustomerRequest().firstName("No").lastName("Address")
                .email(Actors.unique("nobody") + "@example.no"), null);

        // Change capture is exact (transaction snapshots): a change committed just before the run is in it, no waiting.
        SyncRun started = sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.CUSTOMERS), null);
        assertEquals(SyncKind.CUSTOMERS, started.getKind());
        SyncRun run = awaitEnd(sync, storeId, started.getId());
        assertEquals(RunStatus.SUCCEEDED_WITH_ERRORS, run.getStatus(), String.valueOf(run.getFailure()));
        assertEquals(1, run.getCounters().getCreated());
        assertEquals(1, run.getCounters().getFailed());
        assertEquals("NO_ADDRESS", run.getErrors().get(0).getCode());
        assertEquals(homeless.getId().toString(), run.getErrors().get(0).getRecordId());
        assertNotNull(run.getFinishedAt());

        List<CustomerLink> links = sync.listCustomerLinks(storeId, null, kari.getId(), null).getItems();
        assertEquals(1, links.size());
        ErpCustomer card = register.getErpCustomer(erp.getId(), links.get(0).getCustomerNo());
        assertEquals("Kari Nordmann", card.getName(), "Name from first and last name (the default)");
        assertEquals(kari.getEmail(), card.getEmail());
        assertEquals("Karl Johans gate 1", card.getAddress());
        assertEquals("+4722334455", card.getPhoneE164());
        assertEquals("DOMESTIC", card.getGenBusPostingGroup());
        assertTrue(sync.listSyncRuns(storeId, null, SyncKind.CUSTOMERS, null).getItems().stream()
                .anyMatch(r -> r.getId().equals(run.getId())));

        // A FULL run re-evaluates every record although nothing changed: Kari is found by her link (nothing created
        // twice), the customer without an address fails again and stays pending work.
        SyncRun full = awaitEnd(sync, storeId,
                sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.CUSTOMERS).mode(SyncMode.FULL), null).getId());
        assertEquals(SyncMode.FULL, full.getMode());
        assertEquals(RunStatus.SUCCEEDED_WITH_ERRORS, full.getStatus(), String.valueOf(full.getFailure()));
        assertEquals(2, full.getCounters().getProcessed());
        assertEquals(0, full.getCounters().getCreated());
        assertEquals(1, full.getCounters().getFailed());
        assertEquals(1, sync.listCustomerLinks(storeId, null, kari.getId(), null).getItems().size());
    }

    @Test
    @DisplayName("Story: an ERP administrator connects a store to Tryton, sends the store's customers there, gets a party made in Tryton back as a store customer, and an order becomes a draft sale (issue 21)")
    void syncStoreWithTryton() throws Exception {
        // Tryton's side: a database of its own on the test trytond, with the company Tryton's set-up wizard makes.
        Trytond trytond = Trytond.shared();
        String database = trytond.newDatabase("stories");
        TrytonAdmin.setUpCompany(trytond, database);
        TrytonRpc trytonUser = TrytonAdmin.client(trytond, database);
        try {
            Actor admin = Actors.actor("erp-admin");
            UUID storeId = new StoresApi(admin.client()).createStore(
                    new CreateStoreRequest().name(Actors.unique("Bergen Outdoor")).billingCurrency("NOK").plan(Plan.GROW), null).getId();
            ErpRegisterApi register = new ErpRegisterApi(admin.client());
            ErpSyncApi sync = new ErpSyncApi(admin.client());
            CustomersApi customers = new CustomersApi(admin.client());

            // The ERP company is the Tryton database; the password is write-only.
            ErpCompany erp = register.createErpCompany(new CreateErpCompanyRequest().name(Actors.unique("Bergen Outdoor AS"))
                    .kind(ErpKind.TRYTON).endpoint(trytond.baseUrl() + "/").database(database)
                    .login(Trytond.ADMIN_LOGIN).password(Trytond.ADMIN_PASSWORD), null);
            assertEquals(ErpKind.TRYTON, erp.getKind());
            register.createErpCustomerTemplate(erp.getId(), new CreateErpCustomerTemplateRequest().code("RETAIL")
                    .genBusPostingGroup("DOMESTIC").customerPostingGroup("DOMESTIC").vatBusPostingGroup("DOMESTIC"), null);
            ErpConnection connection = sync.putErpConnection(storeId, new ErpConnectionRequest().erpCompanyId(erp.getId())
                    .customerImport(CustomerImport.ALL_CUSTOMERS).autoCreateUnknownCustomers(true).customerTemplateCode("RETAIL"), null);
            ErpCheck check = sync.checkErpConnection(storeId, null);
            assertTrue(check.getOk(), "reachable, logged in, party and sale activated: " + check.getProblems());
            assertEquals(ErpKind.TRYTON, check.getKind());

            // The store's customers go to Tryton as parties, each linked to its party number.
            Customer kari = customers.createCustomer(storeId, new CreateCustomerRequest().firstName("Kari").lastName("Nordmann")
                    .email(Actors.unique("kari") + "@example.no").addresses(List.of(defaultAddress("Kari", "Nordmann"))), null);
            Customer ola = customers.createCustomer(storeId, new CreateCustomerRequest().firstName("Ola").lastName("Hansen")
                    .email(Actors.unique("ola") + "@example.no").addresses(List.of(defaultAddress("Ola", "Hansen"))), null);
            SyncRun imported = awaitEnd(sync, storeId, sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.CUSTOMERS), null).getId());
            assertEquals(RunStatus.SUCCEEDED, imported.getStatus(), String.valueOf(imported.getErrors()));
            assertEquals(2, imported.getCounters().getCreated());
            for (Customer c : List.of(kari, ola)) {
                List<CustomerLink> link = sync.listCustomerLinks(storeId, null, c.getId(), null).getItems();
                assertEquals(1, link.size(), c.getFirstName() + " is linked");
                List<Map<String, Object>> party = trytonUser.searchRead("party.party", List.of(clause("code", "=", link.get(0).getCustomerNo())),
                        0, null, null, List.of("name"));
                assertEquals(List.of(c.getFirstName() + " " + c.getLastName()), party.stream().map(p -> p.get("name")).toList(),
                        "the ERP customer number is the party's code in Tryton");
            }
            String kariNo = sync.listCustomerLinks(storeId, null, kari.getId(), null).getItems().get(0).getCustomerNo();

            // A Tryton user enters a party; with exportCustomersToStore on, the next run brings it to the store.
            String perEmail = Actors.unique("per") + "@example.no";
            long norway = trytonUser.search("country.country", List.of(clause("code", "=", "NO")), 0, 1, List.of()).get(0);
            long per = trytonUser.create("party.party", List.of(Map.of("name", "Per Olsen",
                    "contact_mechanisms", List.of(List.of("create", List.of(Map.of("type", "email", "value", perEmail)))),
                    "addresses", List.of(List.of("create", List.of(Map.of("street", "Bryggen 1", "postal_code", "5003", "city", "Bergen",
                            "country", norway))))))).get(0);
            String perNo = (String) trytonUser.read("party.party", List.of(per), List.of("code")).get(0).get("code");
            sync.putErpConnection(storeId, new ErpConnectionRequest().erpCompanyId(erp.getId()).customerImport(CustomerImport.ALL_CUSTOMERS)
                    .autoCreateUnknownCustomers(true).customerTemplateCode("RETAIL").exportCustomersToStore(true), "\"" + connection.getVersion() + "\"");
            SyncRun exported = awaitEnd(sync, storeId, sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.CUSTOMERS), null).getId());
            assertEquals(RunStatus.SUCCEEDED, exported.getStatus(), String.valueOf(exported.getErrors()));
            assertEquals(1, exported.getCounters().getCreated(), "only Per is new to the store: " + exported.getCounters());
            Customer perInStore = customers.listCustomers(storeId, null, 250, null).getItems().stream()
                    .filter(c -> perEmail.equals(c.getEmail())).findFirst().orElseThrow(() -> new AssertionError("Per is not a store customer"));
            assertEquals("Per", perInStore.getFirstName());
            assertEquals("Olsen", perInStore.getLastName());
            assertEquals("Bergen", perInStore.getAddresses().get(0).getAddress().getCity());
            assertEquals(perNo, sync.listCustomerLinks(storeId, null, perInStore.getId(), null).getItems().get(0).getCustomerNo());

            // Kari orders; the ORDERS run places a draft sale of her party in Tryton and shows its id as the ERP's document.
            Order order = new OrdersApi(admin.client()).createOrder(storeId, new CreateOrderRequest().customerId(kari.getId())
                    .billingAddress(address("Kari", "Nordmann"))
                    .lineItems(List.of(new LineItem().title("Tent").sku("T-1").quantity(1).unitPrice(new BigDecimal("1999.00")))), null);
            SyncRun orders = awaitEnd(sync, storeId, sync.startSyncRun(storeId, new StartSyncRunRequest().kind(SyncKind.ORDERS), null).getId());
            assertEquals(RunStatus.SUCCEEDED, orders.getStatus(), String.valueOf(orders.getErrors()));
            List<ErpOrder> erpOrders = sync.listErpOrders(storeId, null, null).getItems();
            assertEquals(List.of(order.getId()), erpOrders.stream().map(ErpOrder::getOrderId).toList());
            ErpOrder erpOrder = erpOrders.get(0);
            assertEquals(kariNo, erpOrder.getSellToCustomerNo());
            assertNotNull(erpOrder.getErpDocumentNo(), "Tryton's draft sale");

            List<Map<String, Object>> sale = trytonUser.read("sale.sale", List.of(Long.parseLong(erpOrder.getErpDocumentNo())),
                    List.of("state", "reference", "party.code", "currency.code"));
            assertEquals("draft", sale.get(0).get("state"));
            assertEquals(order.getId().toString(), sale.get(0).get("reference"));
            assertEquals(kariNo, ((Map<?, ?>) sale.get(0).get("party.")).get("code"));
            assertEquals("NOK", ((Map<?, ?>) sale.get(0).get("currency.")).get("code"));
        } finally {
            trytonUser.logout();
        }
    }

    private static CustomerAddressInput defaultAddress(String first, String last) {
        return new CustomerAddressInput().isDefault(true).address(address(first, last));
    }

    private static Address address(String first, String last) {
        return new Address().firstName(first).lastName(last).address1("Bryggen 2").city("Bergen").countryCode("NO").zip("5003");
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
