package io.merchantdesk.sync.tryton;

import static io.merchantdesk.sync.tryton.TrytonParty.blankToNull;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.engine.Model.ShipTo;
import io.merchantdesk.sync.tryton.TrytonParty.Identifier;
import io.merchantdesk.sync.tryton.TrytonParty.Mechanism;
import io.merchantdesk.sync.tryton.TrytonParty.PartyAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Card data as Tryton values (see {@link TrytonParty} for where each field lives): a new party with its children in one
 * value map, and the nested {@code write}/{@code create} actions of an update. What Tryton cannot hold is left out
 * rather than failing the batch: a phone libphonenumber cannot validate (the party module refuses it and the whole call
 * would fail), a contact without an e-mail or phone to carry its name, a country or county Tryton does not know, a VAT
 * registration number of a country without a VAT identifier type here ({@link #vatIdentifier}).
 *
 * <p>Tax ids are {@code party.identifier} children: the VAT registration number typed {@code eu_vat} (Tryton's
 * {@code no_mva}, {@code ch_vat}, {@code gb_vat} or {@code is_vsk} outside the EU), the registration number untyped
 * (Tryton 6.0 has no general company-register type, only national ones that python-stdnum would validate against one
 * country's format; untyped it takes any register's number, and stays apart from merchantdesk's {@code md:} reference).
 */
final class PartyValues {
    /** EU VAT prefixes python-stdnum's eu.vat takes (Greece as EL; GR is taken too, XI is not). */
    private static final Set<String> EU_VAT_PREFIXES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "GR", "ES", "FI", "FR",
            "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    /** European countries outside the EU whose VAT number Tryton 6.0 has a tax identifier type for. */
    private static final Map<String, String> NATIONAL_VAT_TYPES = Map.of("NO", "no_mva", "CH", "ch_vat", "GB", "gb_vat", "IS", "is_vsk");
    private static final Pattern TAX_ID_NOISE = Pattern.compile("[\\s.\\-/]");
    private static final Pattern PREFIXED = Pattern.compile("^[A-Z]{2}.*");

    private final TrytonParties lookups;

    PartyValues(TrytonParties lookups) {
        this.lookups = lookups;
    }

    /** Loads the countries and subdivisions the data names (one call each, cached). */
    void prepare(Collection<CardData> data) {
        lookups.countries(data.stream().map(CardData::countryCode).filter(Objects::nonNull).toList());
        lookups.loadSubdivisions(data.stream().map(d -> java.util.Arrays.asList(d.countryCode(), d.county())).toList());
    }

    /** A new party: name, contact mechanisms and address as children created in the same call. */
    Map<String, Object> party(CardData d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", d.name() == null ? "" : d.name());
        List<Map<String, Object>> mechanisms = new ArrayList<>();
        if (blankToNull(d.email()) != null) mechanisms.add(mechanism("email", d.email().trim(), d.contact()));
        String phone = Phones.e164(d.phone(), d.countryCode());
        if (phone != null) mechanisms.add(mechanism("phone", phone, d.contact()));
        if (!mechanisms.isEmpty()) p.put("contact_mechanisms", List.of(List.of("create", mechanisms)));
        Map<String, Object> address = address(d, null);
        if (!address.isEmpty()) {
            if (lookups.hasField("party.address", "invoice")) address.put("invoice", true);
            p.put("addresses", List.of(List.of("create", List.of(address))));
        }
        List<Map<String, Object>> identifiers = new ArrayList<>();
        Map<String, Object> vat = vatIdentifier(d.vatRegistrationNo(), d.countryCode());
        if (vat != null) identifiers.add(vat);
        if (blankToNull(d.registrationNo()) != null) identifiers.add(identifier(null, d.registrationNo().trim()));
        if (!identifiers.isEmpty()) p.put("identifiers", new ArrayList<>(List.of(List.of("create", identifiers))));
        return p;
    }

    /**
     * The identifier of a VAT registration number as Tryton's client would save it: compacted (python-stdnum's compact
     * of these types removes the same noise) with the card's country as prefix when it has none (eu_vat needs one;
     * {@link Normalize#taxId} drops it, so the key stays). Null when there is none or no type here takes its country:
     * Tryton would refuse it and fail the whole batch.
     */
    static Map<String, Object> vatIdentifier(String vat, String countryCode) {
        if (blankToNull(vat) == null) return null;
        String code = TAX_ID_NOISE.matcher(vat).replaceAll("").toUpperCase(Locale.ROOT);
        if (!PREFIXED.matcher(code).matches() && countryCode != null) code = countryCode.toUpperCase(Locale.ROOT) + code;
        String prefix = code.length() < 2 ? "" : code.substring(0, 2);
        String type = EU_VAT_PREFIXES.contains(prefix) ? "eu_vat" : NATIONAL_VAT_TYPES.get(prefix);
        return type == null ? null : identifier(type, code);
    }

    private static Map<String, Object> identifier(String type, String code) {
        Map<String, Object> i = new HashMap<>();
        i.put("type", type); // null: untyped, no check by python-stdnum
        i.put("code", code);
        return i;
    }

    /**
     * The values that bring {@code current} to the store's data, where it really differs; empty when nothing does. A
     * field the store leaves empty keeps the party's value; phones compare by E.164, the county by the subdivision it
     * names.
     */
    Map<String, Object> changes(TrytonParty current, CardData in) {
        CardData now = current.data();
        CardData m = now.mergedWith(in);
        Map<String, Object> values = new LinkedHashMap<>();
        if (!Objects.equals(m.name(), now.name())) values.put("name", m.name() == null ? "" : m.name());

        boolean contactChanged = !Objects.equals(m.contact(), now.contact());
        List<Object> mechanisms = new ArrayList<>();
        Mechanism email = current.email();
        boolean emailChanged = m.email() != null && !m.email().equals(now.email());
        if (email == null && emailChanged) {
            mechanisms.add(List.of("create", List.of(mechanism("email", m.email(), m.contact()))));
        } else if (email != null) {
            Map<String, Object> v = new HashMap<>();
            if (emailChanged) v.put("value", m.email());
            if (contactChanged && !Objects.equals(email.name(), m.contact())) v.put("name", m.contact());
            if (!v.isEmpty()) mechanisms.add(List.of("write", List.of(email.id()), v));
        }
        Mechanism phone = current.phone();
        String wanted = Phones.e164(m.phone(), m.countryCode());
        boolean phoneChanged = wanted != null && !wanted.equals(TrytonParty.phoneKey(phone, m.countryCode()));
        if (phone == null && phoneChanged) {
            mechanisms.add(List.of("create", List.of(mechanism("phone", wanted, m.contact()))));
        } else if (phone != null) {
            Map<String, Object> v = new HashMap<>();
            if (phoneChanged) v.put("value", wanted);
            if (contactChanged && !Objects.equals(phone.name(), m.contact())) v.put("name", m.contact());
            if (!v.isEmpty()) mechanisms.add(List.of("write", List.of(phone.id()), v));
        }
        if (!mechanisms.isEmpty()) values.put("contact_mechanisms", mechanisms);

        PartyAddress a = current.address();
        Map<String, Object> address = address(m, a);
        if (a == null && !address.isEmpty()) {
            if (lookups.hasField("party.address", "invoice")) address.put("invoice", true);
            values.put("addresses", List.of(List.of("create", List.of(address))));
        } else if (a != null) {
            address.entrySet().removeIf(e -> Objects.equals(e.getValue(), currentValue(a, e.getKey())));
            if (!address.isEmpty()) values.put("addresses", List.of(List.of("write", List.of(a.id()), address)));
        }

        // tax ids compare by their key (Tryton keeps them compacted); a new one replaces the identifier that held the old
        List<Object> identifiers = new ArrayList<>();
        if (!Objects.equals(Normalize.taxId(m.vatRegistrationNo()), Normalize.taxId(now.vatRegistrationNo()))) {
            Map<String, Object> vat = vatIdentifier(m.vatRegistrationNo(), m.countryCode());
            Identifier old = current.vatIdentifier();
            if (vat != null) identifiers.add(old == null ? List.of("create", List.of(vat)) : List.of("write", List.of(old.id()), vat));
        }
        if (!Objects.equals(Normalize.taxId(m.registrationNo()), Normalize.taxId(now.registrationNo()))) {
            Map<String, Object> reg = identifier(null, m.registrationNo().trim());
            Identifier old = current.registrationIdentifier();
            identifiers.add(old == null ? List.of("create", List.of(reg)) : List.of("write", List.of(old.id()), reg));
        }
        if (!identifiers.isEmpty()) values.put("identifiers", identifiers);
        return values;
    }

    /** Loads the countries and subdivisions the ship-to addresses name (one call each, cached). */
    void prepareShipTos(Collection<ShipTo> shipTos) {
        lookups.countries(shipTos.stream().map(ShipTo::countryCode).filter(Objects::nonNull).toList());
        lookups.loadSubdivisions(shipTos.stream().map(s -> java.util.Arrays.asList(s.countryCode(), s.county())).toList());
    }

    /**
     * A ship-to address in Tryton's values (see {@link TrytonParty#shipTo}): every field trimmed, blank as null, so that
     * what is written reads back equal; a country or county Tryton does not know is left empty.
     */
    Map<String, Object> shipTo(ShipTo s) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", TrytonParty.shipToName(s.code(), s.name()));
        a.put("street", TrytonParty.street(trimmed(s.address()), trimmed(s.address2())));
        a.put("postal_code", trimmed(s.postCode()));
        a.put("city", trimmed(s.city()));
        String country = trimmed(s.countryCode());
        a.put("country", country == null ? null : lookups.countries(List.of(country)).get(country));
        a.put("subdivision", lookups.subdivision(country, s.county()));
        return a;
    }

    /** The values of {@code wanted} ({@link #shipTo}) that differ from the address; empty when none does. */
    static Map<String, Object> shipToChanges(PartyAddress current, Map<String, Object> wanted) {
        Map<String, Object> out = new LinkedHashMap<>(wanted);
        out.entrySet().removeIf(e -> Objects.equals(e.getValue(), e.getKey().equals("name") ? current.name() : currentValue(current, e.getKey())));
        return out;
    }

    private static String trimmed(String s) {
        return blankToNull(s) == null ? null : s.trim();
    }

    private static Map<String, Object> mechanism(String type, String value, String contact) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", type);
        m.put("value", value);
        if (blankToNull(contact) != null) m.put("name", contact);
        return m;
    }

    /**
     * The address fields of {@code d} (all of them when {@code current} is null, for a new address; nothing when {@code d}
     * has no address data). A country or county Tryton does not know keeps the current one.
     */
    private Map<String, Object> address(CardData d, PartyAddress current) {
        Map<String, Object> a = new LinkedHashMap<>();
        String street = TrytonParty.street(d.address(), d.address2());
        Long country = d.countryCode() == null ? null : lookups.countries(List.of(d.countryCode())).get(d.countryCode());
        if (country == null && current != null) country = current.countryId();
        Long subdivision = lookups.subdivision(d.countryCode(), d.county());
        if (subdivision == null && current != null && Objects.equals(country, current.countryId())) subdivision = current.subdivisionId();
        if (current == null && street == null && d.city() == null && d.postCode() == null && country == null && blankToNull(d.name2()) == null) {
            return a;
        }
        a.put("street", street);
        a.put("postal_code", blankToNull(d.postCode()));
        a.put("city", blankToNull(d.city()));
        a.put("country", country);
        a.put("subdivision", subdivision);
        a.put("party_name", blankToNull(d.name2()));
        return a;
    }

    private static Object currentValue(PartyAddress a, String field) {
        return switch (field) {
            case "street" -> blankToNull(a.street());
            case "postal_code" -> blankToNull(a.postalCode());
            case "city" -> blankToNull(a.city());
            case "country" -> a.countryId();
            case "subdivision" -> a.subdivisionId();
            case "party_name" -> blankToNull(a.partyName());
            default -> throw new IllegalArgumentException(field);
        };
    }
}
