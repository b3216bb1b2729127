import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * ERP company sync benchmark (issue 24, see README.md): 10 000 store companies (a main contact and two locations each)
 * against the built-in register, a full CUSTOMERS run through the API with only the company phase on, an idle run right
 * after, then a set-based SQL equivalent of the same work (match by e-mail, then phone, create the rest, link all, the
 * second locations as ship-to addresses) on the same data, rolled back.
 * Run with: java -cp postgresql.jar bench/sync/CompanyBench.java <baseUrl> <schema>
 */
public class CompanyBench {

    public static void main(String[] args) throws Exception {
        BenchApi.base = args.length > 0 ? args[0] : "http://127.0.0.1:18089";
        String schema = args.length > 1 ? args[1] : "md_bench_companies";
        int companies = Integer.getInteger("bench.companies", 10_000);
        int erps = Integer.getInteger("bench.erpCustomers", companies);
        int batch = Integer.getInteger("bench.batchSize", 1000);
        int rounds = Integer.getInteger("bench.rounds", 1); // each round: a store and ERP company of its own, same service (JIT warm)
        for (int r = 1; r <= rounds; r++) {
            if (rounds > 1) System.out.printf("-- round %d of %d%n", r, rounds);
            round(schema, companies, erps, batch);
        }
    }

    private static void round(String schema, int companies, int erps, int batch) throws Exception {
        String token = BenchApi.field(BenchApi.post("/dev/tokens", null, "{\"subject\":\"bench-" + System.nanoTime()
                + "\",\"email\":\"bench@example.com\",\"name\":\"Bench\",\"roles\":[]}"), "token");
        BenchApi.get("/me", token);
        String storeId = BenchApi.field(BenchApi.post("/stores", token, "{\"name\":\"Bench store\",\"billingCurrency\":\"NOK\",\"plan\":\"GROW\"}"), "id");
        String companyId = BenchApi.field(BenchApi.post("/erp-companies", token, "{\"name\":\"Bench ERP\"}"), "id");
        BenchApi.post("/erp-companies/" + companyId + "/customer-templates", token, "{\"code\":\"RETAIL\",\"genBusPostingGroup\":\"DOMESTIC\","
                + "\"customerPostingGroup\":\"DOMESTIC\",\"vatBusPostingGroup\":\"DOMESTIC\",\"pricesIncludingVat\":true}");
        // customerImport NONE: only the company phase runs; locations as ship-to addresses (the default)
        BenchApi.send("PUT", "/stores/" + storeId + "/erp-connection", token, "{\"erpCompanyId\":\"" + companyId + "\",\"customerImport\":\"NONE\","
                + "\"companyImport\":\"ALL_COMPANIES\",\"companyMappingType\":\"BY_EMAIL_PHONE\",\"autoCreateUnknownCompanies\":true,"
                + "\"companyLocationsAs\":\"SHIP_TO_ADDRESSES\",\"customerTemplateCode\":\"RETAIL\"}");

        int third = companies / 3;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema + ",public",
                "postgres", "")) {
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                // ERP: cards 0..third-1 have the e-mail of company i's main contact (other case), third..2*third-1 its phone
                // (another format), the rest are unrelated. Numbers B000000.. so the register's series (C…) does not collide.
                st.executeUpdate("""
                        INSERT INTO erp_customers (id, erp_company_id, customer_no, name, country_code, email, email_norm, phone, phone_e164,
                                                   gen_bus_posting_group, customer_posting_group, vat_bus_posting_group, changed_at, created_at, updated_at)
                        SELECT gen_random_uuid(), '%s', 'B' || lpad(i::text, 6, '0'), 'ERP customer ' || i, 'NO',
                               CASE WHEN i < %d THEN 'Buyer' || i || '@Company.NO' WHEN i >= %d THEN 'erp' || i || '@erp.no' END,
                               CASE WHEN i < %d THEN 'buyer' || i || '@company.no' WHEN i >= %d THEN 'erp' || i || '@erp.no' END,
                               CASE WHEN i >= %d AND i < %d THEN '+47 ' || (40000000 + i) END,
                               CASE WHEN i >= %d AND i < %d THEN '+47' || (40000000 + i) END,
                               'DOMESTIC', 'DOMESTIC', 'DOMESTIC', now() - interval '1 day', now(), now()
                        FROM generate_series(0, %d) i""".formatted(companyId, third, 2 * third, third, 2 * third, third, 2 * third, third,
                        2 * third, erps - 1));
                // Store: company i, its main contact (a store customer), two locations. Companies 0..third-1 match by e-mail,
                // third..2*third-1 by phone (0047 format, phone_e164 as B2B stores it), the rest are new. The first location
                // (the default: locations are read in id order) has the smaller id and the tax registration id.
                st.executeUpdate("""
                        CREATE TEMP TABLE seed AS
                        SELECT i, gen_random_uuid() AS company_id, gen_random_uuid() AS customer_id, gen_random_uuid() AS contact_id,
                               gen_random_uuid() AS l1, gen_random_uuid() AS l2
                        FROM generate_series(0, %d) i""".formatted(companies - 1));
                st.executeUpdate("""
                        INSERT INTO customers (id, store_id, first_name, last_name, email, phone, phone_e164, created_at, updated_at)
                        SELECT customer_id, '%s', 'First' || i, 'Last' || i,
                               CASE WHEN i < %d THEN 'buyer' || i || '@company.no' ELSE 'buyer' || i || '@store.no' END,
                               CASE WHEN i >= %d AND i < %d THEN '0047 ' || (40000000 + i) END,
                               CASE WHEN i >= %d AND i < %d THEN '+47' || (40000000 + i) END,
                               now() - interval '1 hour', now() - interval '1 hour'
                        FROM seed""".formatted(storeId, third, third, 2 * third, third, 2 * third));
                st.executeUpdate("""
                        INSERT INTO companies (id, store_id, name, created_at, updated_at)
                        SELECT company_id, '%s', 'Company ' || i || ' AS', now() - interval '1 hour', now() - interval '1 hour' FROM seed"""
                        .formatted(storeId));
                st.executeUpdate("""
                        INSERT INTO company_contacts (id, company_id, customer_id, store_id, created_at, updated_at)
                        SELECT contact_id, company_id, customer_id, '%s', now() - interval '1 hour', now() - interval '1 hour' FROM seed"""
                        .formatted(storeId));
                st.executeUpdate("UPDATE companies co SET main_contact_id = s.contact_id FROM seed s WHERE co.id = s.company_id");
                st.executeUpdate("""
                        INSERT INTO company_locations (id, company_id, store_id, name, billing_address, tax_registration_id, created_at, updated_at)
                        SELECT least(l1, l2), company_id, '%1$s'::uuid, 'Head office ' || i,
                               jsonb_build_object('address1', 'Storgata ' || i, 'city', 'Oslo', 'zip', '0155', 'countryCode', 'NO'),
                               'NO ' || (900000000 + i) || ' MVA', now() - interval '1 hour', now() - interval '1 hour' FROM seed
                        UNION ALL
                        SELECT greatest(l1, l2), company_id, '%1$s'::uuid, 'Warehouse ' || i,
                               jsonb_build_object('address1', 'Industriveien ' || i, 'city', 'Bergen', 'zip', '5003', 'countryCode', 'NO'),
                               NULL, now() - interval '1 hour', now() - interval '1 hour' FROM seed""".formatted(storeId));
                st.execute("DROP TABLE seed");
                st.execute("ANALYZE customers; ANALYZE companies; ANALYZE company_contacts; ANALYZE company_locations; ANALYZE erp_customers");
            }
            System.out.printf("seeded %d companies (main contact + 2 locations each), %d ERP customers in %.1f s%n", companies, erps,
                    (System.nanoTime() - t0) / 1e9);

            // 1. the full CUSTOMERS run through the API (company phase only)
            double api = run(storeId, token, batch, "API company import", companies);
            // 2. an idle run right after: nothing changed
            double idle = run(storeId, token, batch, "Idle run", companies);

            // 3. the set-based SQL equivalent of the same work on the same data (rolled back)
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) { // untimed, rolled back with the rest: undo the API run's writes
                st.executeUpdate("DELETE FROM company_links WHERE store_id = '" + storeId + "'");
                st.executeUpdate("DELETE FROM erp_ship_to_addresses WHERE erp_company_id = '" + companyId + "'");
                st.executeUpdate("DELETE FROM erp_customers WHERE erp_company_id = '" + companyId + "' AND reference LIKE 'company:%'");
            }
            long t2 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                // each company with its main contact and its locations in id order (the first is the default)
                st.executeUpdate("""
                        CREATE TEMP TABLE m AS
                        SELECT co.id AS company_id, co.name, cu.first_name || ' ' || cu.last_name AS contact, cu.email, cu.phone,
                               l.id AS location_id, l.billing_address AS address, l.tax_registration_id,
                               coalesce(e.customer_no, p.customer_no) AS customer_no
                        FROM companies co
                        JOIN company_contacts cc ON cc.id = co.main_contact_id
                        JOIN customers cu ON cu.id = cc.customer_id
                        JOIN LATERAL (SELECT * FROM company_locations l WHERE l.company_id = co.id ORDER BY l.id LIMIT 1) l ON true
                        LEFT JOIN erp_customers e ON e.erp_company_id = '%1$s' AND e.email_norm = lower(trim(cu.email))
                        LEFT JOIN erp_customers p ON p.erp_company_id = '%1$s' AND e.id IS NULL AND p.phone_e164 = cu.phone_e164
                        WHERE co.store_id = '%2$s'""".formatted(companyId, storeId));
                // the new cards, from the template's fields, found again by their reference
                st.executeUpdate("""
                        WITH ins AS (
                            INSERT INTO erp_customers (id, erp_company_id, customer_no, reference, name, contact, address, city, post_code,
                                                       country_code, phone, email, email_norm, registration_no, gen_bus_posting_group,
                                                       customer_posting_group, vat_bus_posting_group, prices_including_vat, template_code,
                                                       changed_at, store_written_at)
                            SELECT gen_random_uuid(), '%s', 'S' || lpad(row_number() OVER ()::text, 7, '0'), 'company:' || company_id, name,
                                   contact, address->>'address1', address->>'city', address->>'zip', address->>'countryCode', phone, email,
                                   lower(trim(email)), tax_registration_id, 'DOMESTIC', 'DOMESTIC', 'DOMESTIC', true, 'RETAIL', now(), now()
                            FROM m WHERE customer_no IS NULL
                            RETURNING reference, customer_no)
                        UPDATE m SET customer_no = ins.customer_no FROM ins WHERE ins.reference = 'company:' || m.company_id"""
                        .formatted(companyId));
                // into the real tables, with their unique and foreign keys
                st.executeUpdate("""
                        INSERT INTO company_links (id, store_id, company_id, erp_company_id, customer_no, last_synced_from)
                        SELECT gen_random_uuid(), '%s', company_id, '%s', customer_no, 'STORE' FROM m""".formatted(storeId, companyId));
                st.executeUpdate("""
                        INSERT INTO erp_ship_to_addresses (erp_company_id, customer_no, code, name, address, city, post_code, country_code)
                        SELECT '%s', m.customer_no, 'MD' || upper(right(replace(l.id::text, '-', ''), 8)), l.name,
                               l.billing_address->>'address1', l.billing_address->>'city', l.billing_address->>'zip',
                               l.billing_address->>'countryCode'
                        FROM m JOIN company_locations l ON l.company_id = m.company_id
                        WHERE l.id <> m.location_id""".formatted(companyId));
                try (ResultSet rs = st.executeQuery("""
                        SELECT count(*) FILTER (WHERE customer_no IS NOT NULL), count(*) FILTER (WHERE customer_no LIKE 'S%'),
                               (SELECT count(*) FROM erp_ship_to_addresses WHERE erp_company_id = '""" + companyId + "') FROM m")) {
                    rs.next();
                    double sql = (System.nanoTime() - t2) / 1e9;
                    System.out.printf("SQL equivalent: %d companies resolved (%d created), %d ship-to addresses in %.2f s%n", rs.getInt(1),
                            rs.getInt(2), rs.getInt(3), sql);
                    System.out.printf("API / SQL = %.2fx (goal: within 3x of SQL); idle run %.2f s%n", api / sql, idle);
                }
            }
            c.rollback();
        }
    }

    /** Starts a CUSTOMERS run, polls it to its end; prints and returns its duration in seconds. */
    private static double run(String storeId, String token, int batch, String what, int companies) throws Exception {
        long t = System.nanoTime();
        String run = BenchApi.post("/stores/" + storeId + "/sync-runs", token, "{\"kind\":\"CUSTOMERS\",\"batchSize\":" + batch + "}");
        String runId = BenchApi.field(run, "id");
        String status;
        do {
            Thread.sleep(50);
            run = BenchApi.get("/stores/" + storeId + "/sync-runs/" + runId, token);
            status = BenchApi.field(run, "status");
        } while ("RUNNING".equals(status));
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf("%s: %s in %.2f s (%.0f companies/s)%n  %s%n", what, status, s, companies / s, BenchApi.counters(run));
        return s;
    }
}
