package io.merchantdesk.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.client.ApiException;
import io.merchantdesk.client.ProblemDetailsException;
import io.merchantdesk.client.api.CompaniesApi;
import io.merchantdesk.client.api.CustomersApi;
import io.merchantdesk.client.api.OrdersApi;
import io.merchantdesk.client.api.StoresApi;
import io.merchantdesk.client.model.AddContactRequest;
import io.merchantdesk.client.model.Address;
import io.merchantdesk.client.model.Company;
import io.merchantdesk.client.model.CompanyContact;
import io.merchantdesk.client.model.CompanyLocation;
import io.merchantdesk.client.model.ContactAdded;
import io.merchantdesk.client.model.ContactRemoved;
import io.merchantdesk.client.model.ContactRole;
import io.merchantdesk.client.model.CreateCompanyRequest;
import io.merchantdesk.client.model.CreateCustomerRequest;
import io.merchantdesk.client.model.CreateLocationRequest;
import io.merchantdesk.client.model.CreateOrderRequest;
import io.merchantdesk.client.model.CreateStoreRequest;
import io.merchantdesk.client.model.Customer;
import io.merchantdesk.client.model.LineItem;
import io.merchantdesk.client.model.LocationRole;
import io.merchantdesk.client.model.Order;
import io.merchantdesk.client.model.OrderType;
import io.merchantdesk.client.model.Plan;
import io.merchantdesk.client.model.SetContactRoleRequest;
import io.merchantdesk.client.model.Store;
import io.merchantdesk.client.model.UpdateLocationRequest;
import io.merchantdesk.stories.support.Actors;
import io.merchantdesk.stories.support.Actors.Actor;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** B2B through the generated Java client only, against the packaged service. */
class B2bStoriesIT {

    @Test
    @DisplayName("Story: a merchant adds a customer with order history to a company (B2B-6, B2B-1) and undoes it (B2B-5)")
    void addCustomerWithHistoryToCompanyAndUndo() throws ApiException {
        Actor merchant = Actors.actor("merchant");
        Store store = new StoresApi(merchant.client()).createStore(
                new CreateStoreRequest().name(Actors.unique("Office Supplies")).billingCurrency("USD").plan(Plan.GROW), null);
        UUID storeId = store.getId();
        CustomersApi customers = new CustomersApi(merchant.client());
        OrdersApi orders = new OrdersApi(merchant.client());
        CompaniesApi companies = new CompaniesApi(merchant.client());

        Customer ada = customers.createCustomer(storeId, new CreateCustomerRequest().firstName("Ada").lastName("Lovelace")
                .email(Actors.unique("ada") + "@example.com"), null);
        List<Order> history = List.of(order(orders, storeId, ada.getId()), order(orders, storeId, ada.getId()));
        history.forEach(o -> assertEquals(OrderType.D2C, o.getType()));
        assertEquals(0, new BigDecimal("251.00").compareTo(history.get(0).getTotal().getAmount()), "2 x 125.50");

        Company company = companies.createCompany(storeId, new CreateCompanyRequest().name(Actors.unique("Analytical Engines Ltd")), null);
        CompanyLocation london = companies.createCompanyLocation(storeId, company.getId(),
                new CreateLocationRequest().name("London").billingAddress(address()).shippingAddress(address()), null);

        // Add Ada as the London location admin and migrate her order history there.
        ContactAdded added = companies.addCompanyContact(storeId, company.getId(), new AddContactRequest()
                .customerId(ada.getId())
                .locations(List.of(new LocationRole().locationId(london.getId()).role(ContactRole.LOCATION_ADMIN)))
                .migrateOrdersToLocationId(london.getId()).notifyCustomer(false), null);
        assertEquals(ada.getId(), added.getContact().getCustomerId());
        assertEquals(ContactRole.LOCATION_ADMIN, added.getContact().getLocations().get(0).getRole());
        assertEquals(2, added.getMigration().getMoved());
        assertEquals(0, added.getMigration().getSkipped().getTotal());
        for (Order o : history) {
            Order now = orders.getOrder(storeId, o.getId());
            assertEquals(OrderType.B2B, now.getType());
            assertEquals(london.getId(), now.getCompanyLocationId());
            assertEquals(added.getMigration().getId(), now.getMigrationId());
        }
        assertEquals(List.of(ada.getId()), companies.listCompanyContacts(storeId, company.getId(), null, 50).getItems()
                .stream().map(c -> c.getCustomerId()).toList());

        // Adding her twice is a typed conflict.
        ProblemDetailsException twice = assertThrows(ProblemDetailsException.class, () -> companies.addCompanyContact(storeId,
                company.getId(), new AddContactRequest().customerId(ada.getId())
                        .locations(List.of(new LocationRole().locationId(london.getId()).role(ContactRole.ORDERING_ONLY))), null));
        assertEquals(409, twice.status());
        assertEquals("B2B_CONTACT_EXISTS", twice.code());

        // Undo: remove her and revert exactly the migrated orders to D2C.
        ContactRemoved removed = companies.removeCompanyContact(storeId, company.getId(), ada.getId(), true);
        assertEquals(2, removed.getRevertedOrders());
        assertEquals(List.of(added.getMigration().getId()), removed.getRevertedMigrationIds());
        for (Order o : history) {
            Order now = orders.getOrder(storeId, o.getId());
            assertEquals(OrderType.D2C, now.getType());
            assertNull(now.getCompanyLocationId());
            assertNull(now.getMigrationId());
        }
        assertTrue(companies.listCompanyContacts(storeId, company.getId(), null, 50).getItems().isEmpty());

        // Another merchant's client cannot see this store's company.
        Actor stranger = Actors.actor("stranger");
        ProblemDetailsException hidden = assertThrows(ProblemDetailsException.class,
                () -> new CompaniesApi(stranger.client()).getCompany(storeId, company.getId()));
        assertEquals(404, hidden.status());
    }

    @Test
    @DisplayName("Story: a merchant edits a location, changes a contact's roles per location and deletes a location, with ETags (issue 15)")
    void editLocationsAndRolesPerLocation() throws ApiException {
        Actor merchant = Actors.actor("merchant");
        UUID storeId = new StoresApi(merchant.client()).createStore(
                new CreateStoreRequest().name(Actors.unique("Office Supplies")).billingCurrency("USD").plan(Plan.GROW), null).getId();
        CustomersApi customers = new CustomersApi(merchant.client());
        OrdersApi orders = new OrdersApi(merchant.client());
        CompaniesApi companies = new CompaniesApi(merchant.client());
        Customer ada = customers.createCustomer(storeId, new CreateCustomerRequest().firstName("Ada").lastName("Lovelace")
                .email(Actors.unique("ada") + "@example.com"), null);
        UUID companyId = companies.createCompany(storeId, new CreateCompanyRequest().name(Actors.unique("Analytical Engines Ltd")), null).getId();
        UUID london = companies.createCompanyLocation(storeId, companyId,
                new CreateLocationRequest().name("London").billingAddress(address()).shippingAddress(address()), null).getId();
        UUID leeds = companies.createCompanyLocation(storeId, companyId, new CreateLocationRequest().name("Leeds"), null).getId();
        companies.addCompanyContact(storeId, companyId, new AddContactRequest().customerId(ada.getId())
                .locations(List.of(new LocationRole().locationId(london).role(ContactRole.ORDERING_ONLY))), null);

        // Edit London with its ETag (the version); a second edit with the same, now stale, ETag is a typed 412.
        CompanyLocation read = companies.getCompanyLocation(storeId, companyId, london);
        CompanyLocation renamed = companies.replaceCompanyLocation(storeId, companyId, london,
                new UpdateLocationRequest().name("London HQ").billingAddress(address()).shippingAddress(address()), etag(read.getVersion()));
        assertEquals("London HQ", renamed.getName());
        ProblemDetailsException stale = assertThrows(ProblemDetailsException.class, () -> companies.replaceCompanyLocation(storeId,
                companyId, london, new UpdateLocationRequest().name("Stale"), etag(read.getVersion())));
        assertEquals(412, stale.status());

        // Ada becomes London's admin and gets a role at Leeds too; each change answers the contact's new ETag.
        CompanyContact contact = companies.getCompanyContact(storeId, companyId, ada.getId());
        CompanyContact promoted = companies.setCompanyContactRole(storeId, companyId, ada.getId(), london,
                new SetContactRoleRequest().role(ContactRole.LOCATION_ADMIN), etag(contact.getVersion()));
        assertEquals(ContactRole.LOCATION_ADMIN, promoted.getLocations().get(0).getRole());
        CompanyContact both = companies.setCompanyContactRole(storeId, companyId, ada.getId(), leeds,
                new SetContactRoleRequest().role(ContactRole.ORDERING_ONLY), etag(promoted.getVersion()));
        assertEquals(2, both.getLocations().size());
        Order atLeeds = orders.createOrder(storeId, new CreateOrderRequest().customerId(ada.getId()).companyLocationId(leeds)
                .lineItems(List.of(new LineItem().title("Walnut desk").quantity(1).unitPrice(new BigDecimal("125.50")))), null);
        assertEquals(OrderType.B2B, atLeeds.getType());

        // Leeds has an order, so it stays (B2B-1); Ada is taken off Leeds instead, and keeps London.
        ProblemDetailsException hasOrders = assertThrows(ProblemDetailsException.class,
                () -> companies.deleteCompanyLocation(storeId, companyId, leeds, null));
        assertEquals(409, hasOrders.status());
        assertEquals("B2B_LOCATION_HAS_ORDERS", hasOrders.code());
        CompanyContact londonOnly = companies.removeCompanyContactRole(storeId, companyId, ada.getId(), leeds, etag(both.getVersion()));
        assertEquals(List.of(london), londonOnly.getLocations().stream().map(LocationRole::getLocationId).toList());
        ProblemDetailsException last = assertThrows(ProblemDetailsException.class,
                () -> companies.removeCompanyContactRole(storeId, companyId, ada.getId(), london, etag(londonOnly.getVersion())));
        assertEquals("B2B_CONTACT_LAST_LOCATION", last.code());
        assertEquals(OrderType.B2B, orders.getOrder(storeId, atLeeds.getId()).getType(), "the order stays with Leeds");

        // A location nobody uses is deleted with its ETag.
        CompanyLocation popUp = companies.createCompanyLocation(storeId, companyId, new CreateLocationRequest().name("Pop-up"), null);
        companies.deleteCompanyLocation(storeId, companyId, popUp.getId(), etag(popUp.getVersion()));
        assertEquals(List.of(london, leeds), companies.listCompanyLocations(storeId, companyId, null, 50).getItems().stream()
                .map(CompanyLocation::getId).toList());

        // Another merchant's client cannot see the location or the contact.
        CompaniesApi strangers = new CompaniesApi(Actors.actor("stranger").client());
        assertEquals(404, assertThrows(ProblemDetailsException.class, () -> strangers.getCompanyLocation(storeId, companyId, london)).status());
        assertEquals(404, assertThrows(ProblemDetailsException.class, () -> strangers.setCompanyContactRole(storeId, companyId, ada.getId(),
                london, new SetContactRoleRequest().role(ContactRole.ORDERING_ONLY), null)).status());
    }

    private static String etag(Long version) {
        return "\"" + version + "\"";
    }

    private static Order order(OrdersApi orders, UUID storeId, UUID customerId) throws ApiException {
        return orders.createOrder(storeId, new CreateOrderRequest().customerId(customerId)
                .lineItems(List.of(new LineItem().title("Walnut desk").sku("DESK-1").quantity(2).unitPrice(new BigDecimal("125.50"))))
                .shippingAddress(address()), null);
    }

    private static Address address() {
        return new Address().firstName("Ada").lastName("Lovelace").address1("12 St James's Square").city("London")
                .countryCode("GB").zip("SW1Y 4LB");
    }
}
