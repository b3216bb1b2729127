import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ERP sync benchmark against a live trytond (issue 21 item 8, see README.md): 10 000 store customers imported into
 * Tryton through the API (a full CUSTOMERS run), beside Tryton's own list create of the same parties (same fields,
 * same reference identifier, batches of the run's size) into a copy of the same database, in the same run; then the
 * first export scan (every party is the sync's own write: SYNC-19 skips them all) and an incremental run with
 * nothing changed. Run by run-tryton.sh:
 * java -cp postgresql.jar bench/sync/TrytonSyncBench.java <baseUrl> <schema> <trytondUrl> <syncDb> <baselineDb> <adminPassword>
 */
public class TrytonSyncBench {

    public static void main(String[] args) throws Exception {
        BenchApi.base = args[0];
        String schema = args[1];
        String trytond = args[2];
        String syncDb = args[3];
        String baselineDb = args[4];
        String password = args[5];
        int stores = Integer.getInteger("bench.storeCustomers", 10_000);
        int batch = Integer.getInteger("bench.batchSize", 1000);

        String token = BenchApi.field(BenchApi.post("/dev/tokens", null, "{\"subject\":\"bench-" + System.nanoTime()
                + "\",\"email\":\"bench@example.com\",\"name\":\"Bench\",\"roles\":[]}"), "token");
        BenchApi.get("/me", token);
        String storeId = BenchApi.field(BenchApi.post("/stores", token, "{\"name\":\"Bench store\",\"billingCurrency\":\"NOK\",\"plan\":\"GROW\"}"), "id");
        String companyId = BenchApi.field(BenchApi.post("/erp-companies", token, "{\"name\":\"Bench Tryton\",\"kind\":\"TRYTON\",\"endpoint\":\"" + trytond
                + "\",\"database\":\"" + syncDb + "\",\"login\":\"admin\",\"password\":\"" + password + "\"}"), "id");
        BenchApi.post("/erp-companies/" + companyId + "/customer-templates", token, "{\"code\":\"RETAIL\",\"genBusPostingGroup\":\"DOMESTIC\","
                + "\"customerPostingGroup\":\"DOMESTIC\",\"vatBusPostingGroup\":\"DOMESTIC\",\"pricesIncludingVat\":true}");
        String connection = "{\"erpCompanyId\":\"" + companyId + "\",\"customerImport\":\"ALL_CUSTOMERS\","
                + "\"customerMappingType\":\"BY_EMAIL_PHONE\",\"autoCreateUnknownCustomers\":true,\"customerTemplateCode\":\"RETAIL\"";
        BenchApi.send("PUT", "/stores/" + storeId + "/erp-connection", token, connection + "}");

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema + ",public",
                "postgres", "")) {
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) { // all new to Tryton: each becomes a party with e-mail, phone and address
                st.executeUpdate("""
                        INSERT INTO customers (id, store_id, first_name, last_name, email, phone, phone_e164, created_at, updated_at)
                        SELECT gen_random_uuid(), '%s', 'First' || i, 'Last' || i, 'store' || i || '@store.no', '+47 ' || (40000000 + i),
                               '+47' || (40000000 + i), now() - interval '1 hour', now() - interval '1 hour'
                        FROM generate_series(0, %d) i""".formatted(storeId, stores - 1));
                st.executeUpdate("""
                        INSERT INTO customer_addresses (id, customer_id, first_name, last_name, address1, city, country_code, zip, is_default, position)
                        SELECT gen_random_uuid(), id, first_name, last_name, 'Storgata 1', 'Oslo', 'NO', '0155', true, 0
                        FROM customers WHERE store_id = '%s'""".formatted(storeId));
                st.execute("ANALYZE customers; ANALYZE customer_addresses");
            }
            System.out.printf("seeded %d store customers in %.1f s%n", stores, (System.nanoTime() - t0) / 1e9);
        }

        // 1. the full customer import into Tryton through the API
        String[] run = run(storeId, token, "{\"kind\":\"CUSTOMERS\",\"batchSize\":" + batch + "}");
        double api = Double.parseDouble(run[1]);
        System.out.printf("API import into Tryton: %s in %.2f s (%.0f records/s)%n  %s%n", BenchApi.field(run[0], "status"), api, stores / api,
                BenchApi.counters(run[0]));

        // 2. Tryton's own list create of the same parties, batches of the same size, into the copy of the same database
        Rpc rpc = new Rpc(trytond, baselineDb, "admin", password);
        String country = rpc.call("model.country.country.search", "[[[\"code\",\"=\",\"NO\"]],0,null,[],{}]").replaceAll("[\\[\\]\\s]", "");
        long t2 = System.nanoTime();
        for (int from = 0; from < stores; from += batch) {
            StringBuilder values = new StringBuilder("[[");
            for (int i = from; i < Math.min(stores, from + batch); i++) {
                if (i > from) values.append(',');
                values.append("{\"name\":\"First").append(i).append(" Last").append(i).append("\",")
                        .append("\"identifiers\":[[\"create\",[{\"code\":\"md:bench-").append(i).append("\"}]]],")
                        .append("\"contact_mechanisms\":[[\"create\",[{\"type\":\"email\",\"value\":\"store").append(i).append("@store.no\"},")
                        .append("{\"type\":\"phone\",\"value\":\"+47 ").append(40000000 + i).append("\"}]]],")
                        .append("\"addresses\":[[\"create\",[{\"street\":\"Storgata 1\",\"postal_code\":\"0155\",\"city\":\"Oslo\",\"country\":")
                        .append(country).append("}]]]}");
            }
            values.append("],{}]");
            rpc.call("model.party.party.create", values.toString());
        }
        double own = (System.nanoTime() - t2) / 1e9;
        System.out.printf("Tryton's own list create: %d parties in %.2f s (batches of %d)%n", stores, own, batch);
        System.out.printf("API / Tryton create = %.2fx (goal: within 1.5x)%n", api / own);

        // 3. export on: the first scan walks every party, all of them the sync's own writes (SYNC-19), then nothing changed
        BenchApi.get("/stores/" + storeId + "/erp-connection", token);
        BenchApi.ifMatch = BenchApi.lastEtag; // replacing the connection needs its ETag
        BenchApi.send("PUT", "/stores/" + storeId + "/erp-connection", token, connection + ",\"exportCustomersToStore\":true}");
        BenchApi.ifMatch = null;
        String[] first = run(storeId, token, "{\"kind\":\"CUSTOMERS\",\"batchSize\":" + batch + "}");
        System.out.printf("first export scan of %d parties: %s in %.2f s%n  %s%n", stores, BenchApi.field(first[0], "status"),
                Double.parseDouble(first[1]), BenchApi.counters(first[0]));
        String[] idle = run(storeId, token, "{\"kind\":\"CUSTOMERS\",\"batchSize\":" + batch + "}");
        System.out.printf("incremental run, nothing changed: %s in %.3f s (goal: under 1 s)%n  %s%n", BenchApi.field(idle[0], "status"),
                Double.parseDouble(idle[1]), BenchApi.counters(idle[0]));
        long settle = Long.getLong("bench.settleSeconds", 0); // the overlap window of the service's Tryton adapter, plus a little
        if (settle > 0) {
            Thread.sleep(settle * 1000);
            String[] steady = run(storeId, token, "{\"kind\":\"CUSTOMERS\",\"batchSize\":" + batch + "}");
            System.out.printf("incremental run, nothing changed within the overlap window: %s in %.3f s (goal: under 1 s)%n  %s%n",
                    BenchApi.field(steady[0], "status"), Double.parseDouble(steady[1]), BenchApi.counters(steady[0]));
        }
    }

    /** Starts a run and polls it to its end: [the run's JSON, seconds]. */
    static String[] run(String storeId, String token, String body) throws Exception {
        long t = System.nanoTime();
        String run = BenchApi.post("/stores/" + storeId + "/sync-runs", token, body);
        String runId = BenchApi.field(run, "id");
        while ("RUNNING".equals(BenchApi.field(run, "status"))) {
            Thread.sleep(20);
            run = BenchApi.get("/stores/" + storeId + "/sync-runs/" + runId, token);
        }
        return new String[] {run, Double.toString((System.nanoTime() - t) / 1e9)};
    }

    /** The smallest Tryton JSON-RPC client: log in once, then calls with the session header. */
    static final class Rpc {
        final URI uri;
        final String auth;
        int id;

        Rpc(String trytond, String db, String login, String password) throws Exception {
            uri = URI.create(trytond.replaceAll("/$", "") + "/" + db + "/");
            String result = raw("common.db.login", "[\"" + login + "\",{\"password\":\"" + password + "\"}]", null);
            Matcher m = Pattern.compile("\\[\\s*(\\d+)\\s*,\\s*\"([^\"]+)\"\\s*]").matcher(result);
            if (!m.find()) throw new IllegalStateException("login: " + result);
            auth = "Session " + Base64.getEncoder().encodeToString((login + ":" + m.group(1) + ":" + m.group(2)).getBytes(StandardCharsets.UTF_8));
        }

        String call(String method, String params) throws Exception {
            return raw(method, params, auth);
        }

        String raw(String method, String params, String auth) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":" + (++id) + ",\"method\":\"" + method + "\",\"params\":" + params + "}"));
            if (auth != null) b.header("Authorization", auth);
            HttpResponse<String> r = BenchApi.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().contains("\"error\": [") || r.body().contains("\"error\":[")) {
                throw new IllegalStateException(method + " → " + r.statusCode() + " " + r.body().substring(0, Math.min(500, r.body().length())));
            }
            int at = r.body().indexOf("\"result\"");
            return at < 0 ? r.body() : r.body().substring(r.body().indexOf(':', at) + 1, r.body().lastIndexOf('}'));
        }
    }
}
