package io.merchantdesk.sync.engine;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.sync.Normalize;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The data the engine moves between the two ports. */
public final class Model {
    private Model() {}

    /** A store address (customer address, or an order's bill-to/ship-to). */
    public record Address(String firstName, String lastName, String company, String address1, String address2, String city,
                          String provinceCode, String province, String countryCode, String zip, String phone) {
    }

    /**
     * A store customer with the address the sync uses: the default one, else the first (SYNC-5). {@code phoneE164} is
     * B2B's stored key of {@code phone} (read with the default address's country); {@code defaultAddress} says whether
     * {@code address} is that default address. {@code syncXid} is the id of the transaction that last wrote the row
     * (the change-capture key, V32), null when it was not read.
     */
    public record StoreCustomer(UUID id, String firstName, String lastName, String email, String phone,
                                Instant updatedAt, Address address, String phoneE164, boolean defaultAddress, String syncXid) {
        public StoreCustomer(UUID id, String firstName, String lastName, String email, String phone, Instant updatedAt, Address address,
                             String phoneE164, boolean defaultAddress) {
            this(id, firstName, lastName, email, phone, updatedAt, address, phoneE164, defaultAddress, null);
        }
    }

    /** A store order not yet imported; a B2B order also with its company location and company (SYNC-28). */
    public record StoreOrder(UUID id, UUID customerId, Address billTo, Address shipTo, String customerEmail, String customerPhone,
                             String customerFirstName, String customerLastName, String currency, java.math.BigDecimal total, Instant placedAt,
                             List<OrderLine> lines, UUID companyLocationId, UUID companyId) {
        /** A consumer order (no company location). */
        public StoreOrder(UUID id, UUID customerId, Address billTo, Address shipTo, String customerEmail, String customerPhone,
                          String customerFirstName, String customerLastName, String currency, java.math.BigDecimal total, Instant placedAt,
                          List<OrderLine> lines) {
            this(id, customerId, billTo, shipTo, customerEmail, customerPhone, customerFirstName, customerLastName, currency, total, placedAt,
                    lines, null, null);
        }

        public Address billToOrShipTo() {
            return billTo != null ? billTo : shipTo;
        }

        /** SYNC-1: the country of the shipping address; the bill-to country without one. */
        public String rowCountry() {
            if (shipTo != null && shipTo.countryCode() != null) return shipTo.countryCode();
            return billTo == null ? null : billTo.countryCode();
        }

        public String rowState() {
            Address a = shipTo != null && shipTo.countryCode() != null ? shipTo : billTo;
            return a == null ? null : a.provinceCode();
        }
    }

    /**
     * The fields of an ERP card the sync maps (both directions). {@code registrationNo} and {@code vatRegistrationNo}: the
     * card's registration number and VAT registration number, where a company's tax registration id goes (SYNC-20's
     * tax id field); customers leave them empty.
     */
    public record CardData(String name, String name2, String contact, String address, String address2, String city,
                           String postCode, String county, String countryCode, String phone, String email, String registrationNo,
                           String vatRegistrationNo) {
        /** A card without tax ids (a consumer customer's). */
        public CardData(String name, String name2, String contact, String address, String address2, String city, String postCode,
                        String county, String countryCode, String phone, String email) {
            this(name, name2, contact, address, address2, city, postCode, county, countryCode, phone, email, null, null);
        }

        /** An update's merge in every adapter: store data fills the card; a field the store leaves empty keeps the card's value. */
        public CardData mergedWith(CardData in) {
            return new CardData(pick(in.name, name), pick(in.name2, name2), pick(in.contact, contact), pick(in.address, address),
                    pick(in.address2, address2), pick(in.city, city), pick(in.postCode, postCode), pick(in.county, county),
                    pick(in.countryCode, countryCode), pick(in.phone, phone), pick(in.email, email), pick(in.registrationNo, registrationNo),
                    pick(in.vatRegistrationNo, vatRegistrationNo));
        }

        /** The tax id in the chosen field. */
        public String taxId(TaxIdField field) {
            return field == TaxIdField.REGISTRATION_NUMBER ? registrationNo : vatRegistrationNo;
        }

        private static String pick(String preferred, String fallback) {
            return preferred == null || preferred.isBlank() ? fallback : preferred;
        }
    }

    /** Which field of an ERP card holds a company's tax registration id (the connection's companyTaxIdField). */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "TaxIdField", description = """
            Which ERP customer field holds a company location's tax registration id (SYNC-21).
            - REGISTRATION_NUMBER: the company registration number (the built-in register's registrationNo; an untyped identifier in
              Tryton; not in Business Central's API v2.0).
            - VAT_REGISTRATION_NUMBER: the VAT registration number (the built-in register's vatRegistrationNo; a VAT identifier in
              Tryton; taxRegistrationNumber in Business Central).""")
    public enum TaxIdField { REGISTRATION_NUMBER, VAT_REGISTRATION_NUMBER }

    /**
     * A ship-to address of an ERP card: one company location that is not the company's default one (SYNC-24).
     * {@code code} is merchantdesk's ({@link #shipToCode}): the adapter keeps it with the address, so that the sync
     * finds, changes and removes exactly its own ship-to addresses and leaves those a person made alone.
     */
    public record ShipTo(String code, String name, String address, String address2, String city, String postCode, String county,
                         String countryCode) {
    }

    /** The ship-to code of a company location: "MD" and the last 8 hex digits of its id (the random part of a UUIDv7). */
    public static String shipToCode(UUID locationId) {
        String hex = locationId.toString().replace("-", "");
        return "MD" + hex.substring(hex.length() - 8).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * An ERP customer card as the engine sees it. {@code phoneE164} and {@code emailNorm} are the match keys of its phone
     * (read with its country) and e-mail; {@code changedAt}: when the ERP last changed it, where the ERP says.
     */
    public record ErpCard(String customerNo, CardData data, String phoneE164, String emailNorm,
                          boolean pricesIncludingVat, String vatBusPostingGroup, String taxAreaCode, Instant changedAt) {
        /** A card with its match keys computed from its phone, country and e-mail, as every adapter must. */
        public static ErpCard of(String customerNo, CardData data, boolean pricesIncludingVat, String vatBusPostingGroup, String taxAreaCode,
                                 Instant changedAt) {
            return new ErpCard(customerNo, data, Phones.e164(data.phone(), data.countryCode()), Normalize.email(data.email()),
                    pricesIncludingVat, vatBusPostingGroup, taxAreaCode, changedAt);
        }
    }

    /** A template's defaults for a new card. */
    public record Template(String code, String genBusPostingGroup, String customerPostingGroup, String vatBusPostingGroup,
                           String taxAreaCode, String paymentTermsCode, boolean pricesIncludingVat, List<String> missingFields) {
    }

    /**
     * A card to create: mapped data plus the template that fills the rest. {@code reference}: merchantdesk's id of what
     * the card is made from (the store customer's id, else {@code order:<order id>}), stored with the card in the ERP so
     * that a replayed create finds it instead of making a second card.
     */
    public record NewCard(String reference, CardData data, Template template, String vatBusOverride, String taxAreaOverride) {
    }

    /** What {@link ErpSession#create} did with one card: its number, and whether it existed already (by reference). */
    public record Created(String customerNo, boolean existed) {
    }

    /**
     * A page of {@link ErpSession#changes}: the cards, the cursor after them (opaque; stored with the batch) and whether
     * this was the last page (then {@code cursor} is where the next run starts).
     */
    public record ChangePage(List<ErpCard> cards, String cursor, boolean last) {
    }

    /** A line of an order placed in the ERP: a text line (merchantdesk does not sync products). */
    public record OrderLine(String description, java.math.BigDecimal quantity, java.math.BigDecimal unitPrice) {
    }

    /**
     * A store order to place in the ERP as a draft sales document of {@code customerNo}; {@code reference}: the store
     * order's id (exactly once).
     */
    public record NewOrder(String reference, String customerNo, String currency, Instant placedAt, java.math.BigDecimal total,
                           List<OrderLine> lines) {
    }

    /** A store customer to create or update from an ERP card (export). */
    public record StoreCustomerData(String firstName, String lastName, String email, String phone, Address address) {
    }

    /** A company's main contact: the store customer behind it (SYNC-21 matches by its e-mail, then its phone). */
    public record MainContact(UUID contactId, UUID customerId, String firstName, String lastName, String email, String phone, String phoneE164) {
        public String fullName() {
            String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return n.isEmpty() ? null : n;
        }
    }

    /** A company location; {@code address()}: the billing address, else the shipping one. */
    public record StoreLocation(UUID id, String name, Address billingAddress, Address shippingAddress, String taxRegistrationId) {
        public Address address() {
            return billingAddress != null ? billingAddress : shippingAddress;
        }
    }

    /**
     * A store company with its main contact (null when it has none) and its locations in creation order: the first is its
     * default location, which alone drives matching and the company's own ERP customer (SYNC-21, SYNC-24).
     */
    public record StoreCompany(UUID id, String name, String externalId, MainContact mainContact, List<StoreLocation> locations) {
        public StoreLocation defaultLocation() {
            return locations.isEmpty() ? null : locations.get(0);
        }
    }

    /** A company location to write from an ERP card (export, SYNC-26). */
    public record LocationData(String name, Address billingAddress, String taxRegistrationId) {}

    /** A company to make from an ERP card: its one location and its main contact (a store customer) with a role there. */
    public record NewCompany(String name, String externalId, LocationData location, UUID contactCustomerId, String role) {}

    /** A linked ERP card's changes for its company and the company's default location (SYNC-27). */
    public record CompanyChange(UUID companyId, String name, UUID locationId, Address billingAddress, String taxRegistrationId) {}
}
