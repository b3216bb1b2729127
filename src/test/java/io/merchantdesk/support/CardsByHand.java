package io.merchantdesk.support;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;

import io.merchantdesk.sync.engine.Model.CardData;
import io.merchantdesk.sync.tryton.TrytonRpc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ERP card as a person enters it in each ERP, for the tests that need one made outside the sync (the port contract,
 * the company rules): the built-in register's REST body, Business Central's customer values, Tryton's party.
 */
public final class CardsByHand {
    private CardsByHand() {}

    /** The body of {@code POST /erp-companies/{id}/customers}; empty fields left out, as the document says. */
    public static Map<String, Object> registerBody(CardData d) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", d.name());
        body.put("name2", d.name2());
        body.put("contact", d.contact());
        body.put("address", d.address());
        body.put("address2", d.address2());
        body.put("city", d.city());
        body.put("postCode", d.postCode());
        body.put("county", d.county());
        body.put("countryCode", d.countryCode());
        body.put("phone", d.phone());
        body.put("email", d.email());
        body.put("registrationNo", d.registrationNo());
        body.put("vatRegistrationNo", d.vatRegistrationNo());
        body.values().removeIf(Objects::isNull);
        return body;
    }

    /** A Business Central user's new customer (API v2.0 has no Contact nor registration number; the VAT id as typed). */
    public static Map<String, Object> businessCentralValues(CardData d) {
        Map<String, Object> v = new HashMap<>();
        v.put("displayName", d.name());
        v.put("addressLine1", d.address());
        v.put("addressLine2", d.address2());
        v.put("city", d.city());
        v.put("postalCode", d.postCode());
        v.put("state", d.county());
        v.put("country", d.countryCode());
        v.put("phoneNumber", d.phone());
        v.put("email", d.email());
        v.put("taxRegistrationNumber", d.vatRegistrationNo()); // as the user types it, separators and country prefix included
        v.values().removeIf(Objects::isNull);
        return v;
    }

    /** A party made in Tryton's client: contact mechanisms, one address, tax ids on the Identifiers tab as typed; its code. */
    public static String trytonParty(TrytonRpc admin, CardData d) {
        Map<String, Object> party = new HashMap<>();
        party.put("name", d.name());
        List<Map<String, Object>> mechanisms = new ArrayList<>();
        if (d.email() != null) mechanisms.add(mechanism("email", d.email(), d.contact()));
        if (d.phone() != null) mechanisms.add(mechanism("phone", d.phone(), d.contact()));
        if (!mechanisms.isEmpty()) party.put("contact_mechanisms", List.of(List.of("create", mechanisms)));
        Map<String, Object> address = new HashMap<>();
        address.put("street", d.address2() == null ? d.address() : d.address() + "\n" + d.address2());
        address.put("city", d.city());
        address.put("postal_code", d.postCode());
        address.put("party_name", d.name2());
        address.put("country", admin.search("country.country", List.of(clause("code", "=", d.countryCode())), 0, 1, List.of()).get(0));
        party.put("addresses", List.of(List.of("create", List.of(address))));
        List<Map<String, Object>> identifiers = new ArrayList<>();
        if (d.vatRegistrationNo() != null) identifiers.add(identifier("eu_vat", d.vatRegistrationNo()));
        if (d.registrationNo() != null) identifiers.add(identifier(null, d.registrationNo()));
        if (!identifiers.isEmpty()) party.put("identifiers", List.of(List.of("create", identifiers)));
        long id = admin.create("party.party", List.of(party)).get(0);
        return (String) admin.read("party.party", List.of(id), List.of("code")).get(0).get("code");
    }

    private static Map<String, Object> mechanism(String type, String value, String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", type);
        m.put("value", value);
        m.put("name", name);
        return m;
    }

    private static Map<String, Object> identifier(String type, String code) {
        Map<String, Object> i = new HashMap<>();
        i.put("type", type);
        i.put("code", code);
        return i;
    }
}
