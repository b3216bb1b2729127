package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.contact.Phones;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.Model.*;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.merchantdesk.kernel.persistence.SnapshotWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.*;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The built-in register behind the ERP port: a session is a connection of its own (not the store batch's), and every
 * write commits before it returns, exactly as a remote ERP's does, so the engine is proven against the same semantics
 * for every kind. Reads and writes are set-based SQL.
 */
@ApplicationScoped
public class BuiltInErpAdapter {
    private static final Logger LOG = Logger.getLogger(BuiltInErpAdapter.class);

    private static final String CARD_COLUMNS = """
            customer_no, name, name2, contact, address, address2, city, post_code, county, country_code, phone, email,
            phone_e164, email_norm, prices_including_vat, vat_bus_posting_group, tax_area_code, changed_at, change_xid::text, id,
            registration_no, vat_registration_no""";

    @Inject
    DataSource dataSource;

    /** A session on a connection of its own, with the run's planner settings ({@link Batch#tunePlans}). */
    public ErpSession open(UUID company) {
        try {
            Connection c = dataSource.getConnection();
            Batch own = new Batch(c);
            own.tunePlans();
            return new Session(company, own);
        } catch (SQLException e) {
            throw new Batch.Failure(e);
        }
    }

    private final class Session implements ErpSession {
        private final UUID company;
        private final Batch own;

        Session(UUID company, Batch own) {
            this.company = company;
            this.own = own;
        }

        @Override
        public Map<String, ErpCard> byNumbers(Collection<String> nos) {
            return own.jdbc(c -> BuiltInErpAdapter.this.byNumbers(c, company, nos));
        }

        @Override
        public Map<String, List<ErpCard>> byEmails(Collection<String> emails) {
            return own.jdbc(c -> byKey(c, company, "email_norm", ErpCard::emailNorm, emails));
        }

        @Override
        public Map<String, List<ErpCard>> byPhones(Collection<String> phones) {
            return own.jdbc(c -> byKey(c, company, "phone_e164", ErpCard::phoneE164, phones));
        }

        @Override
        public Map<String, List<ErpCard>> byTaxIds(TaxIdField field, Collection<String> keys) {
            String column = field == TaxIdField.REGISTRATION_NUMBER ? "registration_no_norm" : "vat_registration_no_norm";
            return own.jdbc(c -> byKey(c, company, column, card -> Normalize.taxId(card.data().taxId(field)), keys));
        }

        @Override
        public Map<String, List<ShipTo>> shipTos(Collection<String> customerNos) {
            return own.jdbc(c -> BuiltInErpAdapter.shipTos(c, company, customerNos));
        }

        @Override
        public List<String> putShipTos(Map<String, List<ShipTo>> byCustomerNo) {
            return inTransaction(c -> BuiltInErpAdapter.putShipTos(c, company, byCustomerNo));
        }

        @Override
        public List<ErpCard> byCountryAndPostCode(Collection<List<String>> pairs) {
            return own.jdbc(c -> BuiltInErpAdapter.this.byCountryAndPostCode(c, company, pairs));
        }

        @Override
        public Map<String, Template> templates() {
            return own.jdbc(c -> ErpRegisterRepository.templates(c, company));
        }

        @Override
        public List<Created> create(List<NewCard> cards) {
            return inTransaction(c -> BuiltInErpAdapter.this.create(c, company, cards));
        }

        @Override
        public List<String> update(Map<String, CardData> changes) {
            return inTransaction(c -> BuiltInErpAdapter.this.update(c, company, changes));
        }

        @Override
        public Map<String, String> placeOrders(List<NewOrder> orders) {
            return Map.of(); // the register's orders are the sync's erp_orders rows, written with the store batch
        }

        @Override
        public ChangePage changes(String cursor, int limit) {
            return own.jdbc(c -> BuiltInErpAdapter.this.changes(c, company, cursor, limit));
        }

        private <T> T inTransaction(Batch.Work<T> work) {
            own.begin();
            try {
                T result = own.jdbc(work);
                own.commit();
                return result;
            } catch (RuntimeException e) {
                own.rollback();
                throw e;
            } finally {
                own.run(c -> c.setAutoCommit(true));
            }
        }

        @Override
        public void close() {
            try {
                own.resetPlans();
                own.connection().close();
            } catch (RuntimeException | SQLException e) {
                LOG.warn("Could not return the built-in register's connection", e);
            }
        }
    }

    // ------------------------------------------------------------------ JDBC on the session's connection

    private Map<String, ErpCard> byNumbers(Connection c, UUID company, Collection<String> nos) throws SQLException {
        Map<String, ErpCard> out = new HashMap<>();
        if (nos.isEmpty()) return out;
        for (ErpCard card : query(c, "customer_no = ANY(?)", company, c.createArrayOf("text", nos.toArray()))) {
            out.put(card.customerNo(), card);
        }
        return out;
    }

    private Map<String, List<ErpCard>> byEmails(Connection c, UUID company, Collection<String> emails) throws SQLException {
        return byKey(c, company, "email_norm", ErpCard::emailNorm, emails);
    }

    private Map<String, List<ErpCard>> byPhones(Connection c, UUID company, Collection<String> phones) throws SQLException {
        return byKey(c, company, "phone_e164", ErpCard::phoneE164, phones);
    }

    /** The cards whose {@code column} (read back as {@code key}) is one of {@code keys}, grouped by it. */
    private Map<String, List<ErpCard>> byKey(Connection c, UUID company, String column, Function<ErpCard, String> key,
                                             Collection<String> keys) throws SQLException {
        Map<String, List<ErpCard>> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        for (ErpCard card : query(c, column + " = ANY(?)", company, c.createArrayOf("text", keys.toArray()))) {
            out.computeIfAbsent(key.apply(card), k -> new ArrayList<>()).add(card);
        }
        return out;
    }

    private static Map<String, List<ShipTo>> shipTos(Connection c, UUID company, Collection<String> nos) throws SQLException {
        Map<String, List<ShipTo>> out = new LinkedHashMap<>();
        if (nos.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT customer_no, code, name, address, address2, city, post_code, county, country_code FROM erp_ship_to_addresses
                WHERE erp_company_id = ? AND customer_no = ANY(?) AND code LIKE 'MD%' ORDER BY customer_no, code""")) {
            ps.setObject(1, company);
            ps.setArray(2, c.createArrayOf("text", nos.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ShipTo(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        }
        return out;
    }

    /**
     * Set-based: the given ship-to addresses are upserted where they differ, merchantdesk's others of those cards deleted,
     * in two statements over unnest arrays. The card's change stamp is not touched: a ship-to address is no mapped card
     * field, so the sync's own writes here are never delivered as changes (SYNC-19).
     */
    private static List<String> putShipTos(Connection c, UUID company, Map<String, List<ShipTo>> byNo) throws SQLException {
        if (byNo.isEmpty()) return List.of();
        List<String> nos = new ArrayList<>(), codes = new ArrayList<>(), names = new ArrayList<>(), a1 = new ArrayList<>(),
                a2 = new ArrayList<>(), cities = new ArrayList<>(), posts = new ArrayList<>(), counties = new ArrayList<>(),
                countries = new ArrayList<>();
        byNo.forEach((no, list) -> list.forEach(st -> {
            nos.add(no);
            codes.add(st.code());
            names.add(st.name());
            a1.add(st.address());
            a2.add(st.address2());
            cities.add(st.city());
            posts.add(st.postCode());
            counties.add(st.county());
            countries.add(st.countryCode());
        }));
        Set<String> changed = new TreeSet<>();
        // cached plans for the insert's foreign-key check (one per row; re-planned under the run's force_custom_plan), as create does
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('plan_cache_mode', 'auto', true)")) {
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH given AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                                   AS g(customer_no, code, name, address, address2, city, post_code, county, country_code))
                INSERT INTO erp_ship_to_addresses AS s (erp_company_id, customer_no, code, name, address, address2, city, post_code, county,
                                                        country_code)
                SELECT ?, g.customer_no, g.code, g.name, g.address, g.address2, g.city, g.post_code, g.county, g.country_code FROM given g
                WHERE EXISTS (SELECT 1 FROM erp_customers e WHERE e.erp_company_id = ? AND e.customer_no = g.customer_no)
                ON CONFLICT (erp_company_id, customer_no, code) DO UPDATE SET name = excluded.name, address = excluded.address,
                    address2 = excluded.address2, city = excluded.city, post_code = excluded.post_code, county = excluded.county,
                    country_code = excluded.country_code, updated_at = now()
                WHERE (s.name, s.address, s.address2, s.city, s.post_code, s.county, s.country_code)
                      IS DISTINCT FROM (excluded.name, excluded.address, excluded.address2, excluded.city, excluded.post_code,
                                        excluded.county, excluded.country_code)
                RETURNING s.customer_no""")) {
            int k = 1;
            for (List<String> col : List.of(nos, codes, names, a1, a2, cities, posts, counties, countries)) {
                ps.setArray(k++, c.createArrayOf("text", col.toArray()));
            }
            ps.setObject(k++, company);
            ps.setObject(k, company);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) changed.add(rs.getString(1));
            }
        }
        // NOT IN over the given pairs is a hashed subplan; a NOT EXISTS was planned as a nested loop re-scanning the unnest for
        // every row (the table's statistics lag behind a run that fills it: 300 ms instead of 18 ms per 1 000 cards). Neither
        // array holds a null (card numbers and codes), so NOT IN means NOT EXISTS here.
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM erp_ship_to_addresses s WHERE s.erp_company_id = ? AND s.customer_no = ANY(?) AND s.code LIKE 'MD%'
                  AND (s.customer_no, s.code) NOT IN (SELECT g.customer_no, g.code FROM unnest(?::text[], ?::text[]) AS g(customer_no, code))
                RETURNING s.customer_no""")) {
            ps.setObject(1, company);
            ps.setArray(2, c.createArrayOf("text", byNo.keySet().toArray()));
            ps.setArray(3, c.createArrayOf("text", nos.toArray()));
            ps.setArray(4, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) changed.add(rs.getString(1));
            }
        }
        return List.copyOf(changed);
    }

    private List<ErpCard> byCountryAndPostCode(Connection c, UUID company, Collection<List<String>> pairs) throws SQLException {
        if (pairs.isEmpty()) return List.of();
        String[] countries = pairs.stream().map(p -> p.get(0)).toArray(String[]::new);
        String[] posts = pairs.stream().map(p -> p.get(1)).toArray(String[]::new);
        return query(c, "(country_code, post_code) IN (SELECT * FROM unnest(?::text[], ?::text[]))", company,
                c.createArrayOf("text", countries), c.createArrayOf("text", posts));
    }

    private List<ErpCard> query(Connection c, String where, UUID company, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CARD_COLUMNS + " FROM erp_customers WHERE erp_company_id = ? AND " + where)) {
            ps.setObject(1, company);
            for (int i = 0; i < params.length; i++) ps.setObject(i + 2, params[i]);
            return read(ps).stream().map(Row::card).toList();
        }
    }

    /** A card with its change-capture key (the transaction that last wrote it, V32, and its row id). */
    private record Row(ErpCard card, String changeXid, UUID id) {}

    private static List<Row> read(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CardData d = new CardData(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(21), rs.getString(22));
                Timestamp changed = rs.getTimestamp(18);
                out.add(new Row(new ErpCard(rs.getString(1), d, rs.getString(13), rs.getString(14), rs.getBoolean(15), rs.getString(16),
                        rs.getString(17), changed == null ? null : changed.toInstant()), rs.getString(19), rs.getObject(20, UUID.class)));
            }
        }
        return out;
    }

    /** Creates the cards whose reference is not in the register yet (one lookup); the others answer as existing. */
    private List<Created> create(Connection c, UUID company, List<NewCard> cards) throws SQLException {
        if (cards.isEmpty()) return List.of();
        Map<String, String> existing = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT reference, customer_no FROM erp_customers WHERE erp_company_id = ? AND reference = ANY(?)")) {
            ps.setObject(1, company);
            ps.setArray(2, c.createArrayOf("text", cards.stream().map(NewCard::reference).filter(Objects::nonNull).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) existing.put(rs.getString(1), rs.getString(2));
            }
        }
        List<NewCard> missing = cards.stream().filter(n -> n.reference() == null || !existing.containsKey(n.reference())).toList();
        List<String> numbers = missing.isEmpty() ? List.of() : reserveNumbers(c, company, missing.size());
        Timestamp now = Timestamp.from(Instant.now());
        // cached plans for the inserts' foreign-key checks, as the store batch does (Batch#cachedPlans); local to this transaction
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('plan_cache_mode', 'auto', true)")) {
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO erp_customers (id, erp_company_id, customer_no, reference, name, name2, contact, address, address2, city, post_code,
                    county, country_code, phone, phone_e164, email, email_norm, registration_no, vat_registration_no,
                    gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, tax_area_code, payment_terms_code,
                    prices_including_vat, template_code, changed_at, store_written_at, created_at, updated_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")) {
            for (int i = 0; i < missing.size(); i++) {
                NewCard n = missing.get(i);
                CardData d = n.data();
                Template t = n.template();
                int k = 1;
                ps.setObject(k++, Ids.next());
                ps.setObject(k++, company);
                ps.setString(k++, numbers.get(i));
                ps.setString(k++, n.reference());
                ps.setString(k++, d.name() == null ? "" : d.name());
                k = setCardFields(ps, k, d);
                ps.setString(k++, t.genBusPostingGroup());
                ps.setString(k++, t.customerPostingGroup());
                ps.setString(k++, n.vatBusOverride() != null ? n.vatBusOverride() : t.vatBusPostingGroup());
                ps.setString(k++, n.taxAreaOverride() != null ? n.taxAreaOverride() : t.taxAreaCode());
                ps.setString(k++, t.paymentTermsCode());
                ps.setBoolean(k++, t.pricesIncludingVat());
                ps.setString(k++, t.code());
                ps.setTimestamp(k++, now);
                ps.setTimestamp(k++, now);
                ps.setTimestamp(k++, now);
                ps.setTimestamp(k, now);
                ps.addBatch();
            }
            if (!missing.isEmpty()) ps.executeBatch();
        }
        List<Created> out = new ArrayList<>(cards.size());
        int made = 0;
        for (NewCard n : cards) {
            String no = n.reference() == null ? null : existing.get(n.reference());
            out.add(no != null ? new Created(no, true) : new Created(numbers.get(made++), false));
        }
        return out;
    }

    /** name2 .. vat_registration_no, in the INSERT's column order. */
    private static int setCardFields(PreparedStatement ps, int k, CardData d) throws SQLException {
        ps.setString(k++, d.name2());
        ps.setString(k++, d.contact());
        ps.setString(k++, d.address());
        ps.setString(k++, d.address2());
        ps.setString(k++, d.city());
        ps.setString(k++, d.postCode());
        ps.setString(k++, d.county());
        ps.setString(k++, d.countryCode());
        ps.setString(k++, d.phone());
        ps.setString(k++, Phones.e164(d.phone(), d.countryCode()));
        ps.setString(k++, d.email());
        ps.setString(k++, Normalize.email(d.email()));
        ps.setString(k++, d.registrationNo());
        ps.setString(k++, d.vatRegistrationNo());
        return k;
    }

    /** Reserves numbers of the series (the row lock serialises creators until commit), skipping numbers typed by hand. */
    private List<String> reserveNumbers(Connection c, UUID company, int count) throws SQLException {
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            int want = count - out.size();
            String prefix;
            int width;
            long first;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE erp_companies SET next_customer_no = next_customer_no + ?, updated_at = now()
                    WHERE id = ? RETURNING next_customer_no - ?, customer_no_prefix, customer_no_width""")) {
                ps.setLong(1, want);
                ps.setObject(2, company);
                ps.setLong(3, want);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new SQLException("ERP company " + company + " is gone");
                    first = rs.getLong(1);
                    prefix = rs.getString(2);
                    width = rs.getInt(3);
                }
            }
            List<String> candidates = new ArrayList<>(want);
            for (long n = first; n < first + want; n++) candidates.add(ErpRegisterService.format(prefix, width, n));
            Set<String> taken = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT customer_no FROM erp_customers WHERE erp_company_id = ? AND customer_no = ANY(?)")) {
                ps.setObject(1, company);
                ps.setArray(2, c.createArrayOf("text", candidates.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) taken.add(rs.getString(1));
                }
            }
            for (String no : candidates) if (!taken.contains(no)) out.add(no);
        }
        return out;
    }

    private List<String> update(Connection c, UUID company, Map<String, CardData> changes) throws SQLException {
        if (changes.isEmpty()) return List.of();
        Map<String, ErpCard> current = byNumbers(c, company, changes.keySet());
        List<String> updated = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE erp_customers SET name = ?, name2 = ?, contact = ?, address = ?, address2 = ?, city = ?, post_code = ?,
                    county = ?, country_code = ?, phone = ?, phone_e164 = ?, email = ?, email_norm = ?, registration_no = ?,
                    vat_registration_no = ?, changed_at = ?, store_written_at = ?, updated_at = ?, version = version + 1
                WHERE erp_company_id = ? AND customer_no = ?""")) {
            for (Map.Entry<String, CardData> e : changes.entrySet()) {
                ErpCard card = current.get(e.getKey());
                if (card == null) continue;
                CardData merged = card.data().mergedWith(e.getValue());
                if (merged.equals(card.data())) continue; // SYNC-12's rule holds both ways: write only real changes
                int k = 1;
                ps.setString(k++, merged.name() == null ? "" : merged.name());
                k = setCardFields(ps, k, merged);
                ps.setTimestamp(k++, now);
                ps.setTimestamp(k++, now);
                ps.setTimestamp(k++, now);
                ps.setObject(k++, company);
                ps.setString(k, e.getKey());
                ps.addBatch();
                updated.add(e.getKey());
            }
            if (!updated.isEmpty()) ps.executeBatch();
        }
        return updated;
    }

    /**
     * Exact change capture (V32, docs/sync.md): the cards whose last writing transaction is visible in the window's upper
     * snapshot and was not in its lower one, not written by the sync (SYNC-19). The cursor is
     * {@code from|to|afterXid|afterId} (parts may be empty); the upper snapshot is taken on the first call of a window.
     * Only the conditions that apply, so erp_customers_change_xid_idx is walked in order from the lower bound and the
     * walk stops after the batch.
     */
    private ChangePage changes(Connection c, UUID company, String cursor, int limit) throws SQLException {
        String[] parts = cursor == null ? new String[0] : cursor.split("\\|", -1);
        String from = part(parts, 0);
        String to = part(parts, 1);
        String afterXid = part(parts, 2);
        String afterId = part(parts, 3);
        if (to == null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_snapshot()::text"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                to = rs.getString(1);
            }
        }
        SnapshotWindow window = new SnapshotWindow(from, to, afterXid, afterId == null ? null : UUID.fromString(afterId));
        String sql = "SELECT " + CARD_COLUMNS + " FROM erp_customers WHERE erp_company_id = ?" + window.conditions("change_xid", "id")
                + " AND (store_written_at IS NULL OR changed_at > store_written_at) ORDER BY change_xid, id LIMIT ?";
        List<Row> rows;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, company);
            ps.setInt(window.bind(ps, 2), limit);
            rows = read(ps);
        }
        List<ErpCard> cards = rows.stream().map(Row::card).toList();
        if (rows.size() < limit) return new ChangePage(cards, to + "|||", true); // the next window starts at this one's end
        Row last = rows.get(rows.size() - 1);
        return new ChangePage(cards, (from == null ? "" : from) + "|" + to + "|" + last.changeXid() + "|" + last.id(), false);
    }

    private static String part(String[] parts, int i) {
        return i < parts.length && !parts[i].isEmpty() ? parts[i] : null;
    }
}
