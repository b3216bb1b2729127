import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PRT-5 benchmark: p50/p95 of the partner leads table through the API (the running service) for the
 * queries of issue 5, and of the service's search SQL run directly over JDBC in the same run.
 * Usage (see run.sh): java -cp postgresql.jar LeadsBench.java <baseUrl> <jdbcUrl> <private-key.pem> <requests-per-query>
 */
public class LeadsBench {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Random RANDOM = new Random(42);
    static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
    static final Pattern ITEMS = Pattern.compile("\"id\":\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        PrivateKey key = key(Path.of(args[2]));
        int n = Integer.parseInt(args[3]);
        // Tokens for 100 partners' members (partner k ↔ subject bench-member-k), provisioned with GET /me.
        List<Integer> partners = new ArrayList<>();
        Map<Integer, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            int k = 1 + RANDOM.nextInt(1000);
            partners.add(k);
            tokens.computeIfAbsent(k, x -> token(key, "bench-member-" + x));
            get(base + "/me", tokens.get(k));
        }
        // Baseline: the per-request cost without a leads query (token check, user upsert, membership check, JSON).
        List<Double> base0 = new ArrayList<>();
        for (int i = 0; i < n + 20; i++) {
            int k = partners.get(i % partners.size());
            long t0 = System.nanoTime();
            get(base + "/partners/" + partnerId(k), tokens.get(k));
            if (i >= 20) base0.add((System.nanoTime() - t0) / 1e6);
        }
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("search 'fjordsko' sorted -submittedAt (issue 5 headline)", "q=fjordsko&sort=-submittedAt");
        queries.put("search 'ola.12' (rare, e-mail) sorted -submittedAt", "q=ola.12&sort=-submittedAt");
        queries.put("filter status=IN_PROGRESS", "status=IN_PROGRESS");
        queries.put("filter type=POS&status=SUBMITTED", "type=POS&status=SUBMITTED");
        queries.put("sort contactName", "sort=contactName");
        queries.put("sort -status,companyName (mixed)", "sort=-status,companyName");
        queries.put("search 'sko' + sort websiteUrl", "q=sko&sort=websiteUrl");
        System.out.printf("%-58s %8s %8s %8s %6s%n", "query (limit 50, 100 random partners)", "p50 ms", "p95 ms", "max ms", "rows");
        report("baseline: GET /partners/{id} (no leads query)", base0, 1);
        for (Map.Entry<String, String> q : queries.entrySet()) {
            List<Double> times = new ArrayList<>();
            int rows = 0;
            for (int i = 0; i < n + 20; i++) {
                int k = partners.get(i % partners.size());
                String url = base + "/partners/" + partnerId(k) + "/leads?" + q.getValue();
                long t0 = System.nanoTime();
                String body = get(url, tokens.get(k));
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i >= 20) { times.add(ms); rows += count(body); }   // the first 20 warm up
            }
            report(q.getKey(), times, rows / n);
        }
        // Deep pages: follow the cursor to page 20 (rows 951-1000, the end of a partner's 1 000 leads).
        for (String sort : List.of("-submittedAt", "contactName", "-status,companyName")) {
            List<Double> times = new ArrayList<>();
            int rows = 0;
            for (int i = 0; i < Math.max(10, n / 10); i++) {
                int k = partners.get(i % partners.size());
                String url = base + "/partners/" + partnerId(k) + "/leads?limit=50&sort=" + sort;
                String cursor = null;
                for (int page = 1; page <= 20; page++) {
                    String u = cursor == null ? url : url + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    String body = get(u, tokens.get(k));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (page >= 10) { times.add(ms); rows += count(body); }
                    Matcher m = NEXT.matcher(body);
                    cursor = m.find() ? m.group(1) : null;
                    if (cursor == null) break;
                }
            }
            report("deep pages 10-20, sort " + sort, times, rows / Math.max(1, times.size()));
        }
        // The same search SQL the service runs, directly over JDBC (no HTTP, no auth, no JSON).
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            String sql = """
                    SELECT l.id, l.partner_id, l.type, l.status, l.contact_name, l.email, l.company_name, l.website_url, l.country,
                           l.sales_support_requested, l.sales_rep_id, l.sales_rep_name, l.sales_rep_email, l.submitted_at, l.updated_at,
                           l.conflict_lead_id,
                           to_char(l.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k0, CAST(l.id AS text) AS k1
                    FROM leads l WHERE l.partner_id = ? AND l.search_text LIKE ? ORDER BY l.submitted_at DESC, l.id DESC LIMIT 51""";
            List<Double> times = new ArrayList<>();
            int rows = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < n + 20; i++) {
                    int k = partners.get(i % partners.size());
                    long t0 = System.nanoTime();
                    ps.setObject(1, UUID.fromString(partnerId(k)));
                    ps.setString(2, "%fjordsko%");
                    int r = 0;
                    try (ResultSet rs = ps.executeQuery()) { while (rs.next()) r++; }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i >= 20) { times.add(ms); rows += r; }
                }
            }
            report("direct SQL: search 'fjordsko' sorted -submittedAt", times, rows / n);
        }
    }

    static void report(String name, List<Double> times, int rows) {
        Collections.sort(times);
        System.out.printf("%-58s %8.1f %8.1f %8.1f %6d%n", name, pct(times, 50), pct(times, 95), times.get(times.size() - 1), rows);
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    static int count(String body) {
        int items = body.indexOf("\"items\":[");
        if (items < 0) return 0;
        Matcher m = Pattern.compile("\\{\"id\":\"").matcher(body);
        int c = 0;
        while (m.find()) c++;
        return c;
    }

    static String get(String url, String token) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
            return r.body();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** md5('partner' || k)::uuid, as seed.sql computes it. */
    static String partnerId(int k) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(("partner" + k).getBytes(StandardCharsets.UTF_8)));
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** An RS256 token signed with the dev key, the same claims POST /dev/tokens mints. */
    static String token(PrivateKey key, String subject) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            long now = System.currentTimeMillis() / 1000;
            String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(("{\"iss\":\"https://merchantdesk.dev/issuer\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                    + "\",\"email\":\"" + subject + "@bench.example\",\"name\":\"" + subject + "\",\"groups\":[],\"iat\":" + now
                    + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static PrivateKey key(Path pem) throws Exception {
        String b64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }
}
