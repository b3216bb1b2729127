package io.merchantdesk.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.client.ApiException;
import io.merchantdesk.client.ProblemDetailsException;
import io.merchantdesk.client.api.CustomersApi;
import io.merchantdesk.client.api.ErpRegisterApi;
import io.merchantdesk.client.api.ErpSyncApi;
import io.merchantdesk.client.api.StoresApi;
import io.merchantdesk.client.model.Address;
import io.merchantdesk.client.model.CreateCustomerRequest;
import io.merchantdesk.client.model.CreateErpCompanyRequest;
import io.merchantdesk.client.model.CreateErpCustomerTemplateRequest;
import io.merchantdesk.client.model.CreateStoreRequest;
import io.merchantdesk.client.model.Customer;
import io.merchantdesk.client.model.CustomerAddressInput;
import io.merchantdesk.client.model.CustomerImport;
import io.merchantdesk.client.model.CustomerLink;
import io.merchantdesk.client.model.ErpCompany;
import io.merchantdesk.client.model.ErpConnection;
import io.merchantdesk.client.model.ErpConnectionRequest;
import io.merchantdesk.client.model.ErpCustomer;
import io.merchantdesk.client.model.Plan;
import io.merchantdesk.client.model.RunStatus;
import io.merchantdesk.client.model.StartSyncRunRequest;
import io.merchantdesk.client.model.Store;
import io.merchantdesk.client.model.SyncKind;
import io.merchantdesk.client.model.SyncMode;
import io.merchantdesk.client.model.SyncRun;
import io.merchantdesk.stories.support.Actors;
import io.merchantdesk.stories.support.Actors.Actor;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ERP customer sync through the generated Java client only, against the packaged service. */
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
