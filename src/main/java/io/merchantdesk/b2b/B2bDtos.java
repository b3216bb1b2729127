package io.merchantdesk.b2b;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.merchantdesk.kernel.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the customer, order and company endpoints. */
@RegisterForReflection // the nested records are (de)serialised by Jackson; native images need them registered
public final class B2bDtos {
    private B2bDtos() {}

    /** A postal address; also the JSON stored in orders.billing_address / shipping_address and locations. */
    @Schema(name = "Address")
    public record Address(
            @Size(max = 200) @Schema(examples = "Ada") String firstName,
            @Size(max = 200) @Schema(examples = "Lovelace") String lastName,
            @Size(max = 200) @Schema(examples = "Analytical Engines Ltd") String company,
            @Size(max = 300) @Schema(examples = "12 St James's Square") String address1,
            @Size(max = 300) String address2,
            @Size(max = 200) @Schema(examples = "London") String city,
            @Size(max = 10) @Schema(examples = "LND") String provinceCode,
            @Size(max = 200) @Schema(examples = "London") String province,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as GB")
            @Schema(examples = "GB") String countryCode,
            @Size(max = 30) @Schema(examples = "SW1Y 4LB") String zip,
            @Size(max = 50) @Schema(examples = "+44 20 7946 0958") String phone) {
    }

    @Schema(name = "CustomerAddressInput")
    public record CustomerAddressInput(
            @NotNull @Valid Address address,
            @Schema(description = "Marks the default address; when none is marked the first one is the default")
            boolean isDefault) {
    }

    @Schema(name = "CustomerAddress")
    public record CustomerAddressView(UUID id, Address address, boolean isDefault, int position) {
        static CustomerAddressView of(CustomerAddress a) {
            return new CustomerAddressView(a.id, new Address(a.firstName, a.lastName, a.company, a.address1, a.address2,
                    a.city, a.provinceCode, a.province, a.countryCode, a.zip, a.phone), a.isDefault, a.position);
        }
    }

    @Schema(name = "CreateCustomerRequest", description = "Every field is optional, but a customer needs a name, an e-mail or a phone (400 CUSTOMER_EMPTY)")
    public record CreateCustomerRequest(
            @Size(max = 200) @Schema(examples = "Ada") String firstName,
            @Size(max = 200) @Schema(examples = "Lovelace") String lastName,
            @Email @Size(max = 320) @Schema(examples = "ada@example.com") String email,
            @Size(max = 50) @Schema(examples = "020 7946 0958") String phone,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
            @Size(max = 5000) String note,
            @Size(max = 50) List<@NotNull @Valid CustomerAddressInput> addresses) {
    }

    @Schema(name = "UpdateCustomerRequest", description = "Fields to change; absent fields stay. `addresses` replaces the whole list.")
    public record UpdateCustomerRequest(
            @Size(max = 200) String firstName,
            @Size(max = 200) String lastName,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
            @Size(max = 5000) String note,
            @Size(max = 50) List<@NotNull @Valid CustomerAddressInput> addresses) {
    }

    @Schema(name = "Customer")
    public record CustomerView(
            @Schema(required = true) UUID id, @Schema(required = true) UUID storeId,
            @Schema(examples = "Ada") String firstName,
            @Schema(examples = "Lovelace") String lastName,
            @Schema(examples = "ada@example.com") String email,
            @Schema(description = "As entered", examples = "020 7946 0958") String phone,
            @Schema(description = "E.164, using the default address's country; null when unparseable", examples = "+442079460958")
            String phoneE164,
            @Schema(required = true) List<String> tags, String note, @Schema(required = true) List<CustomerAddressView> addresses,
            @Schema(required = true) long version, @Schema(required = true) Instant createdAt, @Schema(required = true) Instant updatedAt) {
    }

    @Schema(name = "CustomerPage")
    public record CustomerPage(List<CustomerView> items, String nextCursor) {}

    @Schema(name = "LineItem")
    public record LineItem(
            @NotBlank @Size(max = 300) @Schema(examples = "Walnut desk") String title,
            @Size(max = 100) @Schema(examples = "DESK-W-140") String sku,
            @NotNull @Min(1) @Schema(required = true, examples = "2") Integer quantity,
            @NotNull @DecimalMin("0") @Schema(required = true, examples = "249.00") BigDecimal unitPrice) {
    }

    @Schema(name = "CreatableStatus", description = """
            The status an order is created with. OPEN: placed and not finished (the default). CLOSED: already \
            fulfilled and finished (e.g. an imported past order). Orders are cancelled through the cancellation operation.""")
    public enum CreatableStatus { OPEN, CLOSED }

    @Schema(name = "CreateOrderRequest")
    public record CreateOrderRequest(
            @NotNull UUID customerId,
            @Schema(description = "A location of one of the store's companies: makes the order B2B. The customer must be a contact with a role there.")
            UUID companyLocationId,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD")
            @Schema(description = "Defaults to the store's currency", examples = "USD") String currency,
            @NotEmpty @Size(max = 500) List<@NotNull @Valid LineItem> lineItems,
            @Valid Address billingAddress,
            @Valid Address shippingAddress,
            @Schema(description = "Defaults to now") Instant placedAt,
            @Schema(description = "OPEN (default) or CLOSED; cancel through /cancellation") CreatableStatus status) {
    }

    @Schema(name = "Order")
    public record OrderView(
            @Schema(required = true) UUID id, @Schema(required = true) UUID storeId, @Schema(required = true) UUID customerId,
            @Schema(description = "Null for D2C orders") UUID companyLocationId,
            @Schema(required = true, description = "Derived: B2B when the order has a company location") Order.Type type,
            @Schema(required = true) Order.Status status,
            @Schema(description = "Set when the order was soft-deleted") Instant deletedAt,
            @Schema(required = true) Money total, @Schema(required = true) List<LineItem> lineItems, Address billingAddress, Address shippingAddress,
            @Schema(required = true) Instant placedAt,
            @Schema(description = "The contact migration that moved this order into its location, if any") UUID migrationId,
            @Schema(required = true) long version, @Schema(required = true) Instant createdAt, @Schema(required = true) Instant updatedAt) {
        static OrderView of(Order o) {
            return new OrderView(o.id, o.storeId, o.customerId, o.companyLocationId, o.type(), o.status, o.deletedAt,
                    Money.of(o.total, o.currency), o.lineItems, o.billingAddress, o.shippingAddress, o.placedAt,
                    o.migrationId, o.version, o.createdAt, o.updatedAt);
        }
    }

    @Schema(name = "OrderPage")
    public record OrderPage(List<OrderView> items, String nextCursor) {}

    // --- companies, locations, contacts ---

    @Schema(name = "CreateCompanyRequest")
    public record CreateCompanyRequest(
            @NotBlank @Size(max = 300) @Schema(examples = "Analytical Engines Ltd") String name,
            @Size(max = 100) @Schema(description = "The company's id in another system (unique per store)", examples = "ERP-10042") String externalId,
            @Size(max = 5000) String note) {
    }

    @Schema(name = "UpdateCompanyRequest", description = "Fields to change; absent fields stay")
    public record UpdateCompanyRequest(
            @Size(min = 1, max = 300) String name,
            @Size(max = 100) String externalId,
            @Size(max = 5000) String note,
            @Schema(description = """
                    Makes this contact the company's main contact (SYNC-20): the id of one of its contacts (CompanyContact.id, \
                    not the customer id); any other id is 422 COMPANY_MAIN_CONTACT_NOT_A_CONTACT. Absent: stays.""",
                    examples = MAIN_CONTACT_EXAMPLE)
            UUID mainContactId) {
    }

    private static final String MAIN_CONTACT_EXAMPLE = "0193a5f2-8d2f-7e4b-8c2f-3a5d7e9f1b2c";

    @Schema(name = "Company")
    public record CompanyView(@Schema(required = true) UUID id, @Schema(required = true) UUID storeId, @Schema(required = true, examples = "Analytical Engines Ltd") String name,
                              @Schema(examples = "ERP-10042") String externalId, String note,
                              // Absent (null) in the JSON while unset, like every optional field (non_null serialisation).
                              @Schema(description = """
                                      The company's main contact (SYNC-20): the id of one of its contacts (CompanyContact.id), the \
                                      person the ERP sync sends as the company's contact. Null until the company has a contact; the \
                                      ERP sync needs it (SYNC-23). The first contact added becomes it; removing that contact clears \
                                      it (the company's version goes up); change it with updateCompany.""",
                                      examples = MAIN_CONTACT_EXAMPLE)
                              UUID mainContactId,
                              @Schema(required = true) long version, @Schema(required = true) Instant createdAt, @Schema(required = true) Instant updatedAt) {
        static CompanyView of(Company c) {
            return new CompanyView(c.id, c.storeId, c.name, c.externalId, c.note, c.mainContactId, c.version, c.createdAt, c.updatedAt);
        }
    }

    @Schema(name = "CompanyPage")
    public record CompanyPage(List<CompanyView> items, String nextCursor) {}

    private static final String TAX_ID_DESCRIPTION =
            "The location's tax registration (VAT) id, as the ERP sync sends it; trimmed, blank is none";

    @Schema(name = "CreateLocationRequest")
    public record CreateLocationRequest(
            @NotBlank @Size(max = 300) @Schema(examples = "London warehouse") String name,
            @Valid Address billingAddress,
            @Valid Address shippingAddress,
            @Size(max = 50) @Schema(description = TAX_ID_DESCRIPTION, examples = "BE0477472701") String taxRegistrationId) {
    }

    @Schema(name = "UpdateLocationRequest", description = "The whole location: its name, both addresses and its tax registration id; an absent address or tax registration id is removed")
    public record UpdateLocationRequest(
            @NotBlank @Size(max = 300) @Schema(examples = "London warehouse") String name,
            @Valid Address billingAddress,
            @Valid Address shippingAddress,
            @Size(max = 50) @Schema(description = TAX_ID_DESCRIPTION + "; absent: removed", examples = "BE0477472701")
            String taxRegistrationId) {
    }

    @Schema(name = "CompanyLocation")
    public record LocationView(UUID id, UUID companyId, @Schema(examples = "London warehouse") String name,
                               Address billingAddress, Address shippingAddress,
                               @Schema(description = TAX_ID_DESCRIPTION + "; absent (null) when it has none", examples = "BE0477472701")
                               String taxRegistrationId,
                               long version, Instant createdAt) {
        static LocationView of(CompanyLocation l) {
            return new LocationView(l.id, l.companyId, l.name, l.billingAddress, l.shippingAddress, l.taxRegistrationId,
                    l.version, l.createdAt);
        }
    }

    @Schema(name = "LocationPage")
    public record LocationPage(List<LocationView> items, String nextCursor) {}

    @Schema(name = "LocationRole", description = "A location of the company and the contact's role there")
    public record LocationRole(@NotNull UUID locationId, @NotNull @Schema(examples = "ORDERING_ONLY") CompanyContact.Role role) {
    }

    @Schema(name = "SetContactRoleRequest", description = "The contact's role at the location in the path")
    public record SetContactRoleRequest(@NotNull @Schema(examples = "LOCATION_ADMIN") CompanyContact.Role role) {
    }

    @Schema(name = "AddContactRequest", description = "Adds a customer to a company (B2B-6, from the company's side)")
    public record AddContactRequest(
            @NotNull UUID customerId,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid LocationRole> locations,
            @Schema(description = "One of the chosen locations: the customer's whole eligible D2C history moves there (B2B-1..4, B2B-7)")
            UUID migrateOrdersToLocationId,
            @Schema(description = "Send the customer an e-mail that they can start placing B2B orders") boolean notifyCustomer) {
    }

    @Schema(name = "AddCompanyRequest", description = "Adds the customer to a company (B2B-6, from the customer's side)")
    public record AddCompanyRequest(
            @NotNull UUID companyId,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid LocationRole> locations,
            @Schema(description = "One of the chosen locations: the customer's whole eligible D2C history moves there (B2B-1..4, B2B-7)")
            UUID migrateOrdersToLocationId,
            @Schema(description = "Send the customer an e-mail that they can start placing B2B orders") boolean notifyCustomer) {
    }

    @Schema(name = "CompanyContact")
    public record ContactView(UUID id, UUID companyId, @Schema(examples = "Analytical Engines Ltd") String companyName,
                              UUID customerId, @Schema(examples = "Ada Lovelace") String customerName,
                              @Schema(examples = "ada@example.com") String customerEmail,
                              List<LocationRole> locations,
                              @Schema(description = "Goes up with every role change; the contact's ETag") long version,
                              Instant createdAt) {
    }

    @Schema(name = "ContactPage")
    public record ContactPage(List<ContactView> items, String nextCursor) {}

    @Schema(name = "MigrationSkipped", description = "Orders left where they were, each counted once under its first reason in this order")
    public record Skipped(@Schema(description = "Soft-deleted orders (B2B-2)") int deleted,
                          @Schema(description = "Cancelled orders (B2B-2)") int cancelled,
                          @Schema(description = "Orders that already belong to a company location (B2B-1)") int alreadyB2b,
                          int total) {
    }

    @Schema(name = "OrderMigration", description = "What one migration moved and skipped (B2B-7); its id is on every moved order")
    public record MigrationView(UUID id, UUID locationId, @Schema(examples = "10000") int moved, Skipped skipped,
                                Instant createdAt, Instant revertedAt, Integer revertedCount) {
    }

    @Schema(name = "ContactAdded")
    public record ContactAdded(ContactView contact,
                               @Schema(description = "Present when migrateOrdersToLocationId was given") MigrationView migration,
                               @Schema(description = "True when an e-mail to the customer was queued") boolean customerNotified) {
    }

    @Schema(name = "ContactRemoved")
    public record ContactRemoved(UUID contactId, UUID companyId, UUID customerId,
                                 @Schema(description = "Orders returned to D2C (only with revertMigratedOrders=true; exactly those the contact's migration moved, B2B-5)")
                                 int revertedOrders,
                                 @Schema(description = "Migrations whose orders were reverted") List<UUID> revertedMigrationIds) {
    }
}
