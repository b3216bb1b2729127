import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * ERP customer sync benchmark (see README.md): 100 000 store customers against 50 000 ERP customers, a full
 * customer import through the API (POST /stores/{id}/sync-runs, polled to the end), then a set-based SQL
 * equivalent of the same work (match by e-mail, then phone, create the rest, link all) on the same data,
 * rolled back. Run with: java -cp postgresql.jar bench/sync/SyncBench.java <baseUrl> <schema>
 */
public class SyncBench {

    public static void main(String[] args) throws Exception {
        BenchApi.base = args.length > 0 ? args[0] : "http://127.0.0.1:18089";
        String schema = args.length > 1 ? args[1] : "md_bench_sync";
        int stores = Integer.getInteger("bench.storeCustomers", 100_000);
        int erps = Integer.getInteger("bench.erpCustomers", 50_000);
        int batch = Integer.getInteger("bench.batchSize", 2000);

        String token = BenchApi.field(BenchApi.post("/dev/tokens", null, "{\"subject\":\"bench-" + System.nanoTime()
                + "\",\"email\":\"bench@example.com\",\"name\":\"Bench\",\"roles\":[]}"), "token");
        BenchApi.get("/me", token);
        String storeId = BenchApi.field(BenchApi.post("/stores", token, "{\"name\":\"Bench store\",\"billingCurrency\":\"NOK\",\"plan\":\"GROW\"}"), "id");
        String companyId = BenchApi.field(BenchApi.post("/erp-companies", token, "{\"name\":\"Bench ERP\"}"), "id");
        BenchApi.post("/erp-companies/" + companyId + "/customer-templates", token, "{\"code\":\"RETAIL\",\"genBusPostingGroup\":\"DOMESTIC\","
                + "\"customerPostingGroup\":\"DOMESTIC\",\"vatBusPostingGroup\":\"DOMESTIC\",\"pricesIncludingVat\":true}");
        BenchApi.send("PUT", "/stores/" + storeId + "/erp-connection", token, "{\"erpCompanyId\":\"" + companyId + "\",\"customerImport\":\"ALL_CUSTOMERS\","
                + "\"customerMappingType\":\"BY_EMAIL_PHONE\",\"autoCreateUnknownCustomers\":true,\"customerTemplateCode\":\"RETAIL\"}");

        int third = erps / 3;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema + ",public",
                "postgres", "")) {
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                // ERP: a third with an e-mail the store has (other case), a third with a phone the store has in another
                // format, a third unrelated. Numbers B000000.. so the register's series (C…) does not collide.
                st.executeUpdate("""
                        INSERT INTO erp_customers (id, erp_company_id, customer_no, name, country_code, email, email_norm, phone, phone_e164,
                                                   gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, changed_at, created_at, updated_at)
                        SELECT gen_random_uuid(), '%s', 'B' || lpad(i::text, 6, '0'), 'ERP customer ' || i, 'NO',
                               CASE WHEN i < %d THEN 'Person' || i || '@Bench.NO' WHEN i >= %d THEN 'erp' || i || '@erp.no' END,
                               CASE WHEN i < %d THEN 'person' || i || '@bench.no' WHEN i >= %d THEN 'erp' || i || '@erp.no' END,
                               CASE WHEN i >= %d AND i < %d THEN '+47 ' || (40000000 + i) END,
                               CASE WHEN i >= %d AND i < %d THEN '+47' || (40000000 + i) END,
                               'DOMESTIC', 'DOMESTIC', 'DOMESTIC', now() - interval '1 day', now(), now()
                        FROM generate_series(0, %d) i""".formatted(companyId, third, 2 * third, third, 2 * third, third, 2 * third, third,
                        2 * third, erps - 1));
                // Store: customers 0..third-1 match by e-mail, third..2*third-1 by phone (0047 format), the rest are new.
                st.executeUpdate("""
                        INSERT INTO customers (id, store_id, first_name, last_name, email, phone, phone_e164, created_at, updated_at)
                        SELECT gen_random_uuid(), '%s', 'First' || i, 'Last' || i,
                               CASE WHEN i < %d THEN 'person' || i || '@bench.no' ELSE 'store' || i || '@store.no' END,
                               CASE WHEN i >= %d AND i < %d THEN '0047 ' || (40000000 + i) END,
                               CASE WHEN i >= %d AND i < %d THEN '+47' || (40000000 + i) END, -- what B2B stores (Phones.e164, NO)
                               now() - interval '1 hour', now() - interval '1 hour'
                        FROM generate_series(0, %d) i""".formatted(storeId, third, third, 2 * third, third, 2 * third, stores - 1));
                st.executeUpdate("""
                        INSERT INTO customer_addresses (id, customer_id, first_name, last_name, address1, city, country_code, zip, is_default, position)
                        SELECT gen_random_uuid(), id, first_name, last_name, 'Storgata 1', 'Oslo', 'NO', '0155', true, 0
                        FROM customers WHERE store_id = '%s'""".formatted(storeId));
                st.execute("ANALYZE customers; ANALYZE customer_addresses; ANALYZE erp_customers");
            }
            System.out.printf("seeded %d store customers, %d ERP customers in %.1f s%n", stores, erps, (System.nanoTime() - t0) / 1e9);

            // 1. the full customer import through the API
            long t1 = System.nanoTime();
            String run = BenchApi.post("/stores/" + storeId + "/sync-runs", token, "{\"kind\":\"CUSTOMERS\",\"batchSize\":" + batch + "}");
            String runId = BenchApi.field(run, "id");
            String status;
            do {
                Thread.sleep(200);
                run = BenchApi.get("/stores/" + storeId + "/sync-runs/" + runId, token);
                status = BenchApi.field(run, "status");
            } while ("RUNNING".equals(status));
            double api = (System.nanoTime() - t1) / 1e9;
            System.out.printf("API import: %s in %.2f s (%.0f records/s)%n  %s%n", status, api, stores / api, BenchApi.counters(run));

            // 2. the set-based SQL equivalent of the same work on the same data (rolled back)
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) { // untimed, rolled back with the rest: make room for the SQL's links
                st.executeUpdate("DELETE FROM customer_links WHERE store_id = '" + storeId + "'");
            }
            long t2 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.executeUpdate("""
                        CREATE TEMP TABLE m AS
                        SELECT c.id AS customer_id,
                               coalesce(e.customer_no, p.customer_no) AS customer_no
                        FROM customers c
                        JOIN LATERAL (SELECT * FROM customer_addresses a WHERE a.customer_id = c.id ORDER BY a.is_default DESC, a.position LIMIT 1) a ON true
                        LEFT JOIN erp_customers e ON e.erp_company_id = '%1$s' AND e.email_norm = lower(trim(c.email))
                        LEFT JOIN erp_customers p ON p.erp_company_id = '%1$s' AND e.id IS NULL
                             AND p.phone_e164 = '+47' || right(regexp_replace(coalesce(a.phone, c.phone), '\\D', '', 'g'), 8)
                        WHERE c.store_id = '%2$s'""".formatted(companyId, storeId));
                st.executeUpdate("""
                        INSERT INTO erp_customers (id, erp_company_id, customer_no, name, address, city, post_code, country_code, email, email_norm,
                                                   gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, changed_at, store_written_at)
                        SELECT gen_random_uuid(), '%1$s', 'S' || lpad(row_number() OVER ()::text, 7, '0'), c.first_name || ' ' || c.last_name,
                               'Storgata 1', 'Oslo', '0155', 'NO', c.email, lower(c.email), 'DOMESTIC', 'DOMESTIC', 'DOMESTIC', now(), now()
                        FROM m JOIN customers c ON c.id = m.customer_id WHERE m.customer_no IS NULL""".formatted(companyId));
                st.executeUpdate("""
                        UPDATE m SET customer_no = e.customer_no FROM erp_customers e
                        WHERE m.customer_no IS NULL AND e.erp_company_id = '%s' AND e.customer_no LIKE 'S%%'
                          AND e.email_norm = (SELECT lower(email) FROM customers WHERE id = m.customer_id)""".formatted(companyId));
                // into the real table, with its unique and foreign keys (the API run's links were removed, untimed, below)
                st.executeUpdate("""
                        INSERT INTO customer_links (id, store_id, customer_id, erp_company_id, customer_no, last_synced_from)
                        SELECT gen_random_uuid(), '%s', customer_id, '%s', customer_no, 'STORE' FROM m""".formatted(storeId, companyId));
                try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE customer_no IS NOT NULL) FROM m")) {
                    rs.next();
                    double sql = (System.nanoTime() - t2) / 1e9;
                    System.out.printf("SQL equivalent: %d customers resolved in %.2f s%n", rs.getInt(1), sql);
                    System.out.printf("API / SQL = %.2fx (goal: API < 20 s and within 3x of SQL)%n", api / sql);
                }
            }
            c.rollback();
        }
    }
}
