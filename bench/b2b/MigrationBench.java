import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B2B migration benchmark (see docs/performance.md, section "B2B"). Run through bench/b2b/run.sh, which starts
 * the packaged service against its own schema. Seeds one customer with 10 000 D2C, 1 000 B2B and 500 cancelled
 * orders through SQL, then per round: times POST /companies/{id}/contacts with migrateOrdersToLocationId (the
 * whole HTTP round trip), reverts through the API (untimed), and times the bare SQL UPDATE that moves the same
 * rows on the same database (autocommit, one statement), then resets (untimed). Reports medians and the ratio.
 *
 * Arguments: baseUrl jdbcUrl privateKeyPem issuer rounds
 */
public class MigrationBench {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String jdbc = args[1];
        token = jwt(Path.of(args[2]), args[3], "bench-" + UUID.randomUUID());
        int rounds = Integer.parseInt(args[4]);
        call("GET", "/me", null, 200);
        String store = id(call("POST", "/stores", "{\"name\":\"bench\",\"billingCurrency\":\"USD\",\"plan\":\"PLUS\"}", 201));
        String s = "/stores/" + store;
        String customer = id(call("POST", s + "/customers", "{\"firstName\":\"Bench\",\"lastName\":\"Customer\",\"email\":\"bench-" + UUID.randomUUID() + "@example.com\"}", 201));
        String other = id(call("POST", s + "/companies", "{\"name\":\"Other company\"}", 201));
        String otherLoc = id(call("POST", s + "/companies/" + other + "/locations", "{\"name\":\"Other location\"}", 201));
        String company = id(call("POST", s + "/companies", "{\"name\":\"Bench company\"}", 201));
        String loc = id(call("POST", s + "/companies/" + company + "/locations", "{\"name\":\"Bench location\"}", 201));

        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (PreparedStatement seed = db.prepareStatement("""
                    INSERT INTO orders (id, store_id, customer_id, company_location_id, status, currency, total, line_items, placed_at)
                    SELECT gen_random_uuid(), ?::uuid, ?::uuid, CAST(? AS uuid), ?, 'USD', 100 + g % 50,
                           '[{"title":"Widget","sku":"W-1","quantity":2,"unitPrice":50.00}]'::jsonb, now() - g * interval '1 minute'
                    FROM generate_series(1, ?) g""")) {
                seed(seed, store, customer, null, "OPEN", 10_000);
                seed(seed, store, customer, otherLoc, "OPEN", 1_000);
                seed(seed, store, customer, null, "CANCELLED", 500);
            }
            vacuum(db);
            List<Double> api = new ArrayList<>();
            List<Double> sql = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                String body = "{\"customerId\":\"" + customer + "\",\"locations\":[{\"locationId\":\"" + loc
                        + "\",\"role\":\"LOCATION_ADMIN\"}],\"migrateOrdersToLocationId\":\"" + loc + "\",\"notifyCustomer\":false}";
                long t0 = System.nanoTime();
                String answer = call("POST", s + "/companies/" + company + "/contacts", body, 201);
                double apiMs = (System.nanoTime() - t0) / 1e6;
                if (!answer.contains("\"moved\":10000")) throw new IllegalStateException("unexpected answer " + answer);
                String migrationId = field(answer, "migration\":\\{\"id\":\"([^\"]+)\"");
                call("DELETE", s + "/companies/" + company + "/contacts/" + customer + "?revertMigratedOrders=true", null, 200);
                vacuum(db);
                long t1 = System.nanoTime();
                int moved;
                try (PreparedStatement up = db.prepareStatement("""
                        UPDATE orders SET company_location_id = ?::uuid, migration_id = ?::uuid, updated_at = now(), version = version + 1
                        WHERE customer_id = ?::uuid AND store_id = ?::uuid
                          AND company_location_id IS NULL AND status <> 'CANCELLED' AND deleted_at IS NULL""")) {
                    up.setString(1, loc);
                    up.setString(2, migrationId);
                    up.setString(3, customer);
                    up.setString(4, store);
                    moved = up.executeUpdate();
                }
                double sqlMs = (System.nanoTime() - t1) / 1e6;
                if (moved != 10_000) throw new IllegalStateException("bare SQL moved " + moved);
                try (PreparedStatement reset = db.prepareStatement(
                        "UPDATE orders SET company_location_id = NULL, migration_id = NULL WHERE migration_id = ?::uuid")) {
                    reset.setString(1, migrationId);
                    reset.executeUpdate();
                }
                vacuum(db);
                System.out.printf("round %d: API %.1f ms, bare SQL %.1f ms%n", r + 1, apiMs, sqlMs);
                if (r > 0) { // the first round warms up the JIT and caches
                    api.add(apiMs);
                    sql.add(sqlMs);
                }
            }
            double a = median(api);
            double b = median(sql);
            System.out.printf("RESULT: orders moved 10000 (skipped 1000 B2B, 500 cancelled); median of %d rounds after 1 warm-up: "
                    + "API %.1f ms, bare SQL %.1f ms, ratio %.2fx (goal <= 1.30x)%n", api.size(), a, b, a / b);
        }
    }

    static void seed(PreparedStatement seed, String store, String customer, String location, String status, int n) throws Exception {
        seed.setString(1, store);
        seed.setString(2, customer);
        seed.setString(3, location);
        seed.setString(4, status);
        seed.setInt(5, n);
        seed.executeUpdate();
    }

    static void vacuum(Connection db) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("VACUUM ANALYZE orders");
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static String call(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static String id(String json) {
        return field(json, "\"id\":\"([^\"]+)\"");
    }

    static String field(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) throw new IllegalStateException("no match for " + regex + " in " + json);
        return m.group(1);
    }

    /** An RS256 token signed with the dev key, as /dev/tokens would mint (that endpoint is absent from packaged builds). */
    static String jwt(Path pem, String issuer, String subject) throws Exception {
        String key = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey pk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key)));
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String header = enc.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = enc.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"email\":\"" + subject + "@example.com\",\"name\":\"Bench\",\"groups\":[],\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(pk);
        sig.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + enc.encodeToString(sig.sign());
    }
}
