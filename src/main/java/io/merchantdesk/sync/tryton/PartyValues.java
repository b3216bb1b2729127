package io.merchantdesk.sync.tryton;

import static io.merchantdesk.sync.tryton.TrytonParty.blankToNull;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.tryton.TrytonParty.Mechanism;
import io.merchantdesk.sync.tryton.TrytonParty.PartyAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Card data as Tryton values (see {@link TrytonParty} for where each field lives): a new party with its children in one
 * value map, and the nested {@code write}/{@code create} actions of an update. What Tryton cannot hold is left out
 * rather than failing the batch: a phone libphonenumber cannot validate (the party module refuses it and the whole call
 * would fail), a contact without an e-mail or phone to carry its name, a country or county Tryton does not know.
 */
final class PartyValues {
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
        return p;
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
        return values;
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
