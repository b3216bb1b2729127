package io.merchantdesk.b2b;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.b2b.B2bDtos.*;
import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.*;

/** Customers of a store: create, read, search, change, delete. SQL in {@link CustomerRepository}. */
@ApplicationScoped
public class CustomerService {

    @Inject
    CustomerRepository customers;

    @Inject
    OrderRepository orders;

    @Inject
    ContactRepository contacts;

    @Inject
    AccessService access;

    @Transactional
    public CustomerView create(UUID storeId, CreateCustomerRequest r) {
        access.store(storeId, Permission.MANAGE_CUSTOMERS);
        Customer c = new Customer();
        c.storeId = storeId;
        c.firstName = trim(r.firstName());
        c.lastName = trim(r.lastName());
        c.email = trim(r.email());
        c.phone = trim(r.phone());
        c.tags = tags(r.tags());
        c.note = r.note();
        if (c.firstName == null && c.lastName == null && c.email == null && c.phone == null) {
            throw ProblemException.badRequest("CUSTOMER_EMPTY", "A customer needs a name, an e-mail or a phone",
                    List.of(new FieldError("email", "give a name, an e-mail or a phone")));
        }
        requireEmailFree(storeId, c.email, null);
        List<CustomerAddress> addresses = addresses(r.addresses());
        c.phoneE164 = Phones.e164(c.phone, defaultCountry(addresses));
        customers.persist(c);
        customers.addAddresses(c.id, addresses);
        customers.flush();
        return view(c, addresses);
    }

    public CustomerView get(UUID storeId, UUID customerId) {
        access.store(storeId, Permission.MANAGE_CUSTOMERS);
        CustomerRepository.CustomerRead read = customers.read(storeId, customerId)
                .orElseThrow(() -> ProblemException.notFound("Customer " + customerId));
        return view(read.customer(), read.addresses());
    }

    /** Search by name, e-mail or phone (substring, pg_trgm GIN on search_text), keyset-paged by id. */
    public Page<CustomerView> list(UUID storeId, String q, PageParams page) {
        access.store(storeId, Permission.MANAGE_CUSTOMERS);
        List<String> after = Cursors.decode(page.cursor, 1);
        String pattern = null;
        if (q != null && !q.isBlank()) {
            String term = q.trim().toLowerCase(Locale.ROOT);
            if (Phones.looksLikePhone(term)) {
                term = term.replaceAll("[^0-9]", "");
            }
            pattern = Jdbc.containsPattern(term);
        }
        List<Customer> rows = customers.search(storeId, pattern, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        Map<UUID, List<CustomerAddress>> addresses = customers.addressesOf(rows.stream().map(c -> c.id).toList());
        return Page.of(rows, page.limit, c -> view(c, addresses.getOrDefault(c.id, List.of())), c -> Cursors.encode(c.id));
    }

    @Transactional
    public CustomerView update(UUID storeId, UUID customerId, String ifMatch, UpdateCustomerRequest r) {
        access.store(storeId, Permission.MANAGE_CUSTOMERS);
        Customer c = find(storeId, customerId);
        Etags.requireMatch(ifMatch, c.version);
        if (r.firstName() != null) c.firstName = trim(r.firstName());
        if (r.lastName() != null) c.lastName = trim(r.lastName());
        if (r.email() != null) {
            c.email = trim(r.email());
            requireEmailFree(storeId, c.email, c.id);
        }
        if (r.phone() != null) c.phone = trim(r.phone());
        if (r.tags() != null) c.tags = tags(r.tags());
        if (r.note() != null) c.note = r.note();
        List<CustomerAddress> addresses;
        if (r.addresses() != null) {
            addresses = addresses(r.addresses());
            customers.replaceAddresses(c.id, addresses);
        } else {
            addresses = addressesOf(c.id);
        }
        c.phoneE164 = Phones.e164(c.phone, defaultCountry(addresses));
        c.updatedAt = java.time.Instant.now();
        customers.flush();
        return view(c, addresses);
    }

    @Transactional
    public void delete(UUID storeId, UUID customerId, String ifMatch) {
        access.store(storeId, Permission.MANAGE_CUSTOMERS);
        Customer c = find(storeId, customerId);
        Etags.requireMatch(ifMatch, c.version);
        if (orders.existsForCustomer(c.id)) {
            throw ProblemException.conflict("CUSTOMER_HAS_ORDERS", "The customer has orders; a customer with an order history cannot be deleted");
        }
        if (contacts.existsForCustomer(c.id)) {
            throw ProblemException.conflict("CUSTOMER_IS_CONTACT", "The customer is a contact of a company; remove them from it first");
        }
        customers.delete(c);
    }

    /** The customer of this store, or 404 (also for another store's customer). */
    public Customer find(UUID storeId, UUID customerId) {
        return customers.inStore(storeId, customerId).orElseThrow(() -> ProblemException.notFound("Customer " + customerId));
    }

    List<CustomerAddress> addressesOf(UUID customerId) {
        return customers.addressesOf(List.of(customerId)).getOrDefault(customerId, List.of());
    }

    private void requireEmailFree(UUID storeId, String email, UUID self) {
        if (email == null) return;
        customers.withEmail(storeId, email).filter(other -> !other.equals(self)).ifPresent(other -> {
            throw new ProblemException(409, "CUSTOMER_EMAIL_TAKEN", "Conflict", "Another customer of this store has this e-mail",
                    List.of(new FieldError("email", "already used by another customer of this store"))).withResourceId(other);
        });
    }

    /** Validates the countries and the single default; the first address is the default when none is marked. */
    private static List<CustomerAddress> addresses(List<CustomerAddressInput> inputs) {
        if (inputs == null || inputs.isEmpty()) return List.of();
        List<FieldError> errors = new ArrayList<>();
        long defaults = inputs.stream().filter(CustomerAddressInput::isDefault).count();
        if (defaults > 1) {
            errors.add(new FieldError("addresses", "only one address can be the default"));
        }
        List<CustomerAddress> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Address in = inputs.get(i).address();
            if (!Countries.isIso(in.countryCode())) {
                errors.add(new FieldError("addresses[" + i + "].address.countryCode", "'" + in.countryCode() + "' is not an ISO 3166-1 alpha-2 country"));
            }
            CustomerAddress a = new CustomerAddress();
            a.firstName = trim(in.firstName());
            a.lastName = trim(in.lastName());
            a.company = trim(in.company());
            a.address1 = trim(in.address1());
            a.address2 = trim(in.address2());
            a.city = trim(in.city());
            a.provinceCode = trim(in.provinceCode());
            a.province = trim(in.province());
            a.countryCode = in.countryCode();
            a.zip = trim(in.zip());
            a.phone = trim(in.phone());
            a.isDefault = defaults == 0 ? i == 0 : inputs.get(i).isDefault();
            a.position = i;
            out.add(a);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(defaults > 1 ? "ADDRESS_MULTIPLE_DEFAULTS" : "ADDRESS_INVALID_COUNTRY",
                    "The addresses are invalid", errors);
        }
        return out;
    }

    static void requireCountry(String field, Address a) {
        if (a != null && !Countries.isIso(a.countryCode())) {
            throw ProblemException.badRequest("ADDRESS_INVALID_COUNTRY", field + ".countryCode is not a country",
                    List.of(new FieldError(field + ".countryCode", "'" + a.countryCode() + "' is not an ISO 3166-1 alpha-2 country")));
        }
    }

    private static String defaultCountry(List<CustomerAddress> addresses) {
        return addresses.stream().filter(a -> a.isDefault).map(a -> a.countryCode).findFirst().orElse(null);
    }

    static CustomerView view(Customer c, List<CustomerAddress> addresses) {
        return new CustomerView(c.id, c.storeId, c.firstName, c.lastName, c.email, c.phone, c.phoneE164,
                List.of(c.tags == null ? new String[0] : c.tags), c.note,
                addresses.stream().map(CustomerAddressView::of).toList(), c.version, c.createdAt, c.updatedAt);
    }

    private static String[] tags(List<String> tags) {
        return tags == null ? new String[0] : tags.stream().map(String::trim).distinct().toArray(String[]::new);
    }

    static String trim(String s) {
        if (s == null) return null;
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
