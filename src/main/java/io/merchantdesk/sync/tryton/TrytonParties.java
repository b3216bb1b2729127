package io.merchantdesk.sync.tryton;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;

import io.merchantdesk.sync.tryton.TrytonParty.Identifier;
import io.merchantdesk.sync.tryton.TrytonParty.Mechanism;
import io.merchantdesk.sync.tryton.TrytonParty.PartyAddress;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Batched reads of one Tryton database for the adapter: parties with their children (three {@code search_read} calls
 * per chunk, whatever the number of parties), merchantdesk's references, and the records new parties and sales point
 * to (countries, subdivisions, categories, payment terms, currencies), cached for the session.
 */
final class TrytonParties {
    /** Values per {@code in} clause: keeps a request well below trytond's request size limit. */
    static final int CHUNK = 500;
    static final String REFERENCE_PREFIX = "md:";

    /**
     * The identifiers come along through Tryton's dotted read of a One2Many (a list of their values under
     * {@code "identifiers."}), so tax ids cost no call of their own; {@code tax_identifier} is Tryton's choice of the
     * party's tax id.
     */
    private static final List<String> PARTY_FIELDS = List.of("code", "name", "write_date", "create_date", "tax_identifier",
            "identifiers.type", "identifiers.code", "identifiers.write_date", "identifiers.create_date");
    private static final List<String> MECHANISM_FIELDS = List.of("party", "type", "value", "value_compact", "name", "sequence", "write_date",
            "create_date");
    private static final List<String> ADDRESS_FIELDS = List.of("party", "street", "postal_code", "city", "country", "country.code", "subdivision",
            "subdivision.code", "party_name", "name", "sequence", "write_date", "create_date");

    /**
     * merchantdesk's ship-to addresses: the address name starts with "[MD" and closes the bracket, "[MD12345678] North"
     * ({@link TrytonParty#shipToCode}). Tryton 6.0's address has no code field; its name ("Building Name") is printed
     * in the address, so the code stays visible to the person who sees it there.
     */
    static final List<Object> SHIP_TO_NAME = clause("name", "like", "[MD%]%");
    /** Every other address (the party's own: the card's address and those a person made), name null included. */
    static final List<Object> NOT_SHIP_TO_NAME = List.of("OR", clause("name", "=", null), clause("name", "not like", "[MD%]%"));
    private final TrytonRpc rpc;
    private final Map<String, Boolean> fields = new HashMap<>();
    private final Map<String, Map<String, Long>> ids = new HashMap<>();
    private final Map<String, Long> subdivisions = new HashMap<>();

    TrytonParties(TrytonRpc rpc) {
        this.rpc = rpc;
    }

    // ---- parties ----

    List<TrytonParty> byIds(Collection<Long> partyIds) {
        return chunked(new ArrayList<>(new LinkedHashSet<>(partyIds)), chunk -> search(List.of(clause("id", "in", chunk))));
    }

    List<TrytonParty> byCodes(Collection<String> codes) {
        return chunked(new ArrayList<>(new LinkedHashSet<>(codes)), chunk -> search(List.of(clause("code", "in", chunk))));
    }

    /** The parties matching a domain on party.party, ordered by id, with their children. */
    List<TrytonParty> search(List<?> domain) {
        List<Map<String, Object>> rows = rpc.searchRead("party.party", domain, 0, null, List.of(TrytonRpc.Order.asc("id")), PARTY_FIELDS);
        if (rows.isEmpty()) return List.of();
        List<Long> partyIds = rows.stream().map(r -> id(r.get("id"))).toList();
        Map<Long, List<Mechanism>> mechanisms = new HashMap<>();
        Map<Long, LocalDateTime> childStamps = new HashMap<>();
        for (Map<String, Object> m : sorted(rpc.searchRead("party.contact_mechanism", List.of(clause("party", "in", partyIds)), 0, null, null,
                MECHANISM_FIELDS))) {
            long party = id(m.get("party"));
            mechanisms.computeIfAbsent(party, k -> new ArrayList<>()).add(new Mechanism(id(m.get("id")), (String) m.get("type"),
                    (String) m.get("value"), (String) m.get("value_compact"), (String) m.get("name")));
            childStamps.merge(party, modified(m), TrytonParties::later);
        }
        boolean invoiceFlag = hasField("party.address", "invoice");
        List<String> addressFields = new ArrayList<>(ADDRESS_FIELDS);
        if (invoiceFlag) addressFields.add("invoice");
        Map<Long, List<PartyAddress>> addresses = new HashMap<>();
        // the sync's ship-to addresses are no card field: left out here, they neither become the card's address nor move
        // its stamp, so the sync's own ship-to writes are never delivered as changes (SYNC-19), as in the built-in register
        for (Map<String, Object> a : sorted(rpc.searchRead("party.address", List.of(clause("party", "in", partyIds), NOT_SHIP_TO_NAME), 0,
                null, null, addressFields))) {
            long party = id(a.get("party"));
            addresses.computeIfAbsent(party, k -> new ArrayList<>()).add(address(a, invoiceFlag));
            childStamps.merge(party, modified(a), TrytonParties::later);
        }
        List<TrytonParty> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            long id = id(r.get("id"));
            List<Identifier> identifiers = new ArrayList<>();
            LocalDateTime stamp = later(modified(r), childStamps.get(id));
            if (r.get("identifiers.") instanceof List<?> list) {
                for (Object o : list) {
                    @SuppressWarnings("unchecked") Map<String, Object> i = (Map<String, Object>) o;
                    identifiers.add(new Identifier(id(i.get("id")), (String) i.get("type"), (String) i.get("code")));
                    stamp = later(stamp, modified(i));
                }
            }
            out.add(new TrytonParty(id, (String) r.get("code"), (String) r.get("name"), mechanisms.getOrDefault(id, List.of()),
                    addresses.getOrDefault(id, List.of()), identifiers, optionalId(r.get("tax_identifier")), stamp));
        }
        return out;
    }

    private static PartyAddress address(Map<String, Object> a, boolean invoiceFlag) {
        return new PartyAddress(id(a.get("id")), (String) a.get("street"), (String) a.get("postal_code"), (String) a.get("city"),
                optionalId(a.get("country")), related(a, "country", "code"), optionalId(a.get("subdivision")), related(a, "subdivision", "code"),
                (String) a.get("party_name"), invoiceFlag && Boolean.TRUE.equals(a.get("invoice")), (String) a.get("name"));
    }

    /** A party's id and merchantdesk's ship-to addresses (in Tryton's order). */
    record ShipToAddresses(long partyId, List<PartyAddress> addresses) {
    }

    /** By party code: the party and its merchantdesk ship-to addresses; codes without a party are absent. Two calls per chunk. */
    Map<String, ShipToAddresses> shipToAddresses(Collection<String> codes) {
        Map<String, ShipToAddresses> out = new HashMap<>();
        chunked(new ArrayList<>(new LinkedHashSet<>(codes)), chunk -> {
            Map<Long, String> codeById = new HashMap<>();
            for (Map<String, Object> r : rpc.searchRead("party.party", List.of(clause("code", "in", chunk)), 0, null, null, List.of("code"))) {
                codeById.put(id(r.get("id")), (String) r.get("code"));
            }
            if (codeById.isEmpty()) return List.of();
            Map<Long, List<PartyAddress>> byParty = new HashMap<>();
            for (Map<String, Object> a : sorted(rpc.searchRead("party.address", List.of(clause("party", "in", new ArrayList<>(codeById.keySet())),
                    SHIP_TO_NAME), 0, null, null, new ArrayList<>(ADDRESS_FIELDS)))) {
                byParty.computeIfAbsent(id(a.get("party")), k -> new ArrayList<>()).add(address(a, false));
            }
            codeById.forEach((id, code) -> out.put(code, new ShipToAddresses(id, byParty.getOrDefault(id, List.of()))));
            return List.of();
        });
        return out;
    }

    /** merchantdesk's references (without the prefix) → the party holding them; one call per chunk. */
    Map<String, Long> byReferences(Collection<String> references) {
        Map<String, Long> out = new HashMap<>();
        List<String> codes = references.stream().filter(Objects::nonNull).distinct().map(r -> REFERENCE_PREFIX + r).toList();
        chunked(codes, chunk -> {
            for (Map<String, Object> r : rpc.searchRead("party.identifier", List.of(clause("type", "=", null), clause("code", "in", chunk)),
                    0, null, null, List.of("code", "party"))) {
                out.putIfAbsent(((String) r.get("code")).substring(REFERENCE_PREFIX.length()), id(r.get("party")));
            }
            return List.of();
        });
        return out;
    }

    // ---- what new records point to ----

    /** Whether the model has the field in this database (a module that adds it is activated); one call per model. */
    boolean hasField(String model, String field) {
        return fields.computeIfAbsent(model + "." + field, k -> {
            Object answer = rpc.call(model, "fields_get", List.of(List.of(field)));
            return answer instanceof Map<?, ?> m && m.containsKey(field);
        });
    }

    /** Ids of the records of {@code model} whose {@code field} is one of {@code values}; cached (misses too), one call for the unknown ones. */
    Map<String, Long> idsBy(String model, String field, Collection<String> values) {
        Map<String, Long> known = ids.computeIfAbsent(model + "." + field, k -> new HashMap<>());
        List<String> missing = values.stream().filter(Objects::nonNull).distinct().filter(v -> !known.containsKey(v)).toList();
        chunked(missing, chunk -> {
            for (Map<String, Object> r : rpc.searchRead(model, List.of(clause(field, "in", chunk)), 0, null,
                    List.of(TrytonRpc.Order.asc("id")), List.of(field))) {
                known.putIfAbsent((String) r.get(field), id(r.get("id")));
            }
            for (String v : chunk) known.putIfAbsent(v, null); // a value Tryton does not have is not asked for again (per card)
            return List.of();
        });
        Map<String, Long> out = new HashMap<>();
        for (String v : values) if (v != null && known.get(v) != null) out.put(v, known.get(v));
        return out;
    }

    Map<String, Long> countries(Collection<String> isoCodes) {
        return idsBy("country.country", "code", isoCodes);
    }

    /**
     * Loads the subdivisions a batch names: {@code county} as an ISO 3166-2 code with or without its country prefix
     * ({@code DE-BY}, {@code BY}) or as a name (case-insensitive); one call.
     */
    void loadSubdivisions(Collection<List<String>> countryCounties) {
        List<List<String>> missing = countryCounties.stream().filter(p -> p.get(0) != null && p.get(1) != null && !p.get(1).isBlank())
                .filter(p -> !subdivisions.containsKey(key(p.get(0), p.get(1)))).distinct().toList();
        if (missing.isEmpty()) return;
        Set<String> countries = new LinkedHashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        List<Object> byName = new ArrayList<>(List.of("OR"));
        for (List<String> p : missing) {
            countries.add(p.get(0));
            String county = p.get(1).trim();
            codes.add(county.toUpperCase());
            codes.add(p.get(0) + "-" + county.toUpperCase());
            byName.add(clause("name", "ilike", likeLiteral(county)));
        }
        byName.add(clause("code", "in", new ArrayList<>(codes)));
        List<Map<String, Object>> rows = rpc.searchRead("country.subdivision", List.of(clause("country.code", "in", new ArrayList<>(countries)),
                byName), 0, null, List.of(TrytonRpc.Order.asc("id")), List.of("code", "name", "country.code"));
        for (List<String> p : missing) {
            String county = p.get(1).trim();
            Long found = null;
            for (Map<String, Object> r : rows) {
                if (!p.get(0).equals(related(r, "country", "code"))) continue;
                String code = (String) r.get("code");
                if (code.equalsIgnoreCase(county) || code.equalsIgnoreCase(p.get(0) + "-" + county)) {
                    found = id(r.get("id"));
                    break;
                }
                if (found == null && county.equalsIgnoreCase((String) r.get("name"))) found = id(r.get("id"));
            }
            subdivisions.put(key(p.get(0), p.get(1)), found);
        }
    }

    /** A subdivision loaded by {@link #loadSubdivisions}, or null. */
    Long subdivision(String countryCode, String county) {
        if (countryCode == null || county == null || county.isBlank()) return null;
        return subdivisions.get(key(countryCode, county));
    }

    // ---- helpers ----

    /** An ilike pattern matching exactly {@code s}: Tryton's LIKE escape character is the backslash. */
    static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static <T, R> List<R> chunked(List<T> values, Function<List<T>, List<R>> call) {
        List<R> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += CHUNK) out.addAll(call.apply(values.subList(i, Math.min(values.size(), i + CHUNK))));
        return out;
    }

    /** A record's modification time: write_date, or create_date until its first write. */
    static LocalDateTime modified(Map<String, Object> row) {
        Object w = row.get("write_date");
        return (LocalDateTime) (w != null ? w : row.get("create_date"));
    }

    static long id(Object value) {
        return ((Number) value).longValue();
    }

    static Long optionalId(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** {@code country.code} read through a relation: trytond 6.0 answers it as {@code "country.": {"id", "code"}}. */
    private static String related(Map<String, Object> row, String relation, String field) {
        return row.get(relation + ".") instanceof Map<?, ?> m ? (String) m.get(field) : null;
    }

    static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
        if (a == null) return b;
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Tryton's order of children: sequence (nulls first), then id. */
    private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing((Map<String, Object> r) -> (Number) r.get("sequence"),
                Comparator.nullsFirst(Comparator.comparingLong(Number::longValue))).thenComparingLong(r -> id(r.get("id"))));
        return out;
    }

    private static String key(String countryCode, String county) {
        return countryCode + "|" + county.trim().toUpperCase();
    }
}
