package io.merchantdesk.sync.tryton;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Model.ShipTo;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * A Tryton party as the adapter reads it, with its active contact mechanisms and addresses in Tryton's order (sequence,
 * nulls first, then id) and its change stamp: the latest modification time of the party and of those children, since
 * a write made on a contact mechanism or an address directly does not touch the party's write_date.
 *
 * <p>The card: number = {@code code}; name; name2 = the card address's {@code party_name} (the name Tryton prints on
 * the address instead of the party's); contact = the {@code name} of the e-mail (else phone) contact mechanism (Tryton
 * names the person reached through a mechanism there, and a sale's contact is such a mechanism); e-mail and phone = the
 * first mechanism of type email, resp. phone or mobile; the address = the first one flagged {@code invoice}
 * (account_invoice), else the first: street split at its first line break into address and address2, postal_code,
 * city, country's ISO code, county = the subdivision's ISO 3166-2 code without its country prefix ({@code DE-BY} →
 * {@code BY}).
 *
 * <p>Tax ids live in the party's {@code party.identifier} records: the VAT registration number is Tryton's own
 * {@code tax_identifier} of the party (its first identifier of a tax type, such as {@code eu_vat}); the registration
 * number is the first untyped identifier that is not merchantdesk's reference ({@code md:...}). merchantdesk's ship-to
 * addresses ({@link #shipTo}) are not among {@code addresses}: {@link TrytonParties} reads them apart, so they are
 * never the card's address and never move its stamp.
 */
record TrytonParty(long id, String code, String name, List<Mechanism> mechanisms, List<PartyAddress> addresses, List<Identifier> identifiers,
                   Long taxIdentifierId, LocalDateTime stamp) {
    static final Set<String> PHONE_TYPES = Set.of("phone", "mobile");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    record Mechanism(long id, String type, String value, String valueCompact, String name) {
    }

    record PartyAddress(long id, String street, String postalCode, String city, Long countryId, String countryCode, Long subdivisionId,
                        String subdivisionCode, String partyName, boolean invoice, String name) {
    }

    /** A {@code party.identifier}: {@code type} null for an untyped one. */
    record Identifier(long id, String type, String code) {
    }

    Mechanism email() {
        return mechanisms.stream().filter(m -> "email".equals(m.type())).findFirst().orElse(null);
    }

    Mechanism phone() {
        return mechanisms.stream().filter(m -> PHONE_TYPES.contains(m.type())).findFirst().orElse(null);
    }

    PartyAddress address() {
        return addresses.stream().filter(PartyAddress::invoice).findFirst().orElse(addresses.isEmpty() ? null : addresses.get(0));
    }

    /** The identifier holding the VAT registration number: Tryton's tax identifier of the party, or null. */
    Identifier vatIdentifier() {
        if (taxIdentifierId == null) return null;
        return identifiers.stream().filter(i -> i.id() == taxIdentifierId).findFirst().orElse(null);
    }

    /** The identifier holding the registration number: the first untyped one that is not merchantdesk's reference, or null. */
    Identifier registrationIdentifier() {
        return identifiers.stream().filter(i -> i.type() == null && i.code() != null && !i.code().startsWith(TrytonParties.REFERENCE_PREFIX))
                .findFirst().orElse(null);
    }

    CardData data() {
        Mechanism email = email();
        Mechanism phone = phone();
        PartyAddress a = address();
        String contact = email != null && email.name() != null ? email.name() : phone == null ? null : phone.name();
        String[] street = a == null || a.street() == null ? new String[2] : a.street().split("\n", 2);
        return new CardData(blankToNull(name), a == null ? null : blankToNull(a.partyName()), blankToNull(contact),
                blankToNull(street[0]), street.length > 1 ? blankToNull(street[1]) : null, a == null ? null : blankToNull(a.city()),
                a == null ? null : blankToNull(a.postalCode()), a == null ? null : county(a.subdivisionCode(), a.countryCode()),
                a == null ? null : a.countryCode(), phone == null ? null : phone.value(), email == null ? null : blankToNull(email.value()),
                code(registrationIdentifier()), code(vatIdentifier()));
    }

    private static String code(Identifier i) {
        return i == null ? null : blankToNull(i.code());
    }

    // ---- merchantdesk's ship-to addresses ----

    /**
     * The ship-to code an address name carries: {@code "[MD12345678] Warehouse North"} → {@code MD12345678}; null for any
     * other name. Exactly the names {@link TrytonParties#SHIP_TO_NAME} matches in Tryton: "[MD", anything, "]".
     */
    static String shipToCode(String addressName) {
        if (addressName == null || !addressName.startsWith("[MD")) return null;
        int close = addressName.indexOf(']', 3);
        return close < 0 ? null : addressName.substring(1, close);
    }

    /** The address name of a ship-to: its code in brackets, then its name (Tryton's own "[code] name" way of showing records). */
    static String shipToName(String code, String name) {
        String n = blankToNull(name);
        return "[" + code + "]" + (n == null ? "" : " " + n.trim());
    }

    /** A merchantdesk ship-to address as the port sees it. */
    static ShipTo shipTo(PartyAddress a) {
        String code = shipToCode(a.name());
        String rest = a.name().substring(code.length() + 2);
        String[] street = a.street() == null ? new String[2] : a.street().split("\n", 2);
        return new ShipTo(code, blankToNull(rest.trim()), blankToNull(street[0]), street.length > 1 ? blankToNull(street[1]) : null,
                blankToNull(a.city()), blankToNull(a.postalCode()), county(a.subdivisionCode(), a.countryCode()), a.countryCode());
    }

    ErpCard card() {
        return ErpCard.of(code, data(), false, null, null, stamp == null ? null : stamp.toInstant(ZoneOffset.UTC));
    }

    /** The stamp as erp_sync_writes keeps it (SYNC-19). */
    String stampText() {
        return stamp == null ? null : STAMP.format(stamp);
    }

    /** The E.164 key of a phone mechanism: Tryton's value_compact when it is E.164 (python-phonenumbers), else ours. */
    static String phoneKey(Mechanism phone, String countryCode) {
        if (phone == null) return null;
        if (phone.valueCompact() != null && phone.valueCompact().startsWith("+")) return phone.valueCompact();
        return Phones.e164(phone.value(), countryCode);
    }

    /** A street as Tryton 6.0 keeps it: one text, address2 on its second line. */
    static String street(String address, String address2) {
        if (address2 == null || address2.isBlank()) return blankToNull(address);
        return (address == null ? "" : address) + "\n" + address2;
    }

    private static String county(String subdivisionCode, String countryCode) {
        if (subdivisionCode == null) return null;
        return countryCode != null && subdivisionCode.startsWith(countryCode + "-") ? subdivisionCode.substring(countryCode.length() + 1)
                : subdivisionCode;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
