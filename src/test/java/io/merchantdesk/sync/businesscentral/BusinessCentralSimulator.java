package io.merchantdesk.sync.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Business Central online (API v2.0, customers of one company) and its Entra ID token endpoint, on a
 * free loopback port. <strong>{@link BusinessCentralClient} is contract-tested against this simulator, not run
 * against a live tenant</strong>: Business Central cannot run here. The simulator follows the request and answer
 * shapes on Microsoft's pages (named in docs/sync.md, "Business Central (issue 21, groundwork)"):
 *
 * <ul>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token}, form {@code grant_type=client_credentials}, {@code client_id},
 *       {@code client_secret}, {@code scope=https://api.businesscentral.dynamics.com/.default} →
 *       {@code {"token_type":"Bearer","expires_in":..,"access_token":..}}; a wrong secret is 401
 *       {@code {"error":"invalid_client",...}}. Tokens expire by the simulator's clock and can be revoked.</li>
 *   <li>{@code /v2.0/{tenant}/{environment}/api/v2.0/companies({id})/customers}: GET with {@code $filter}
 *       ({@code eq}, {@code ge}/{@code gt}/{@code le}/{@code lt}, {@code in (...)}, {@code endswith}, {@code and},
 *       {@code or}, parentheses), {@code $orderby}, server-driven paging (a small page size, lowered further by
 *       {@code Prefer: odata.maxpagesize}) with {@code @odata.nextLink} carrying a key-based {@code $skiptoken};
 *       POST (assigns the {@code id} GUID, the {@code number} from a {@code C00010, C00020...} series when none is
 *       given, {@code lastModifiedDateTime}, {@code @odata.etag}); PATCH with {@code If-Match} (412 on a stale
 *       etag); GET of one customer.</li>
 *   <li>{@code POST /v2.0/{tenant}/{environment}/api/v2.0/$batch}, JSON batch format, at most 100 requests, each
 *       run on its own (no {@code Isolation: snapshot}), answered with one response per request and its status.</li>
 *   <li>Errors as {@code {"error":{"code":..,"message":..}}}. Only that shape is documented; the codes used here
 *       ({@code Internal_EntityWithSameKeyExists}, {@code Application_StringExceededLength},
 *       {@code Request_EntityChanged}, {@code BadRequest_NotFound}, {@code Authentication_InvalidCredentials}) are
 *       those BC answers are reported with, and the client never branches on them.</li>
 * </ul>
 *
 * Injectable faults ({@link #failNext}), applied to the next API request (not the token endpoint): 429 and 503
 * with {@code Retry-After}, an answer delayed past the client's time-out (the request is processed first, as a slow
 * BC would), and "commit, then drop the connection without answering" (the lost answer).
 */
public final class BusinessCentralSimulator implements AutoCloseable {

    /** What the next API request runs into. */
    public sealed interface Fault permits Throttle, Unavailable, Delay, DropAfterCommit, Pass {
    }

    /** Nothing goes wrong: queued before another fault, it aims that one at a later request. */
    public record Pass() implements Fault {
    }

    /** 429 Too Many Requests with {@code Retry-After: seconds}; nothing is processed. */
    public record Throttle(int retryAfterSeconds) implements Fault {
    }

    /** 503 Service Unavailable with {@code Retry-After: seconds}; nothing is processed. */
    public record Unavailable(int retryAfterSeconds) implements Fault {
    }

    /** The request is processed (and committed), then the answer waits this long. */
    public record Delay(Duration delay) implements Fault {
    }

    /** The request is processed (and committed), then the connection is closed without an answer. */
    public record DropAfterCommit() implements Fault {
    }

    /** A clock tests move by hand (records' lastModifiedDateTime and token expiry both read it). */
    public static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        public TestClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        public void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    public static final String TENANT = "7d1c2f0e-3b1a-4c5d-9e8f-0a1b2c3d4e5f";
    public static final String ENVIRONMENT = "production";
    public static final String CLIENT_ID = "a6f3e2d1-0000-4000-8000-00000000c11e";
    public static final String CLIENT_SECRET = "simulator-secret";
    private static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final UUID companyId = UUID.randomUUID();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String apiRoot;
    private final Map<String, ObjectNode> customers = new LinkedHashMap<>(); // by id; guarded by this
    private final Map<String, Instant> tokens = new HashMap<>();              // token → expiry; guarded by this
    private final Deque<Fault> faults = new ArrayDeque<>();                   // guarded by this
    private final Deque<Fault> batchFaults = new ArrayDeque<>();              // guarded by this
    private final Deque<Runnable> beforeBatch = new ArrayDeque<>();           // guarded by this
    private final Map<String, ObjectNode> salesOrders = new LinkedHashMap<>();        // by id; guarded by this
    private final Map<String, List<ObjectNode>> salesOrderLines = new HashMap<>();    // by order id; guarded by this
    private final Map<String, ObjectNode> paymentTerms = new LinkedHashMap<>();       // by id
    private final Map<String, ObjectNode> taxAreas = new LinkedHashMap<>();           // by id
    private final ObjectNode companyInformation = JSON.createObjectNode();
    private int nextNumber = 10;
    private int nextOrderNumber = 101001;
    private long version;
    private volatile int pageSize = 20_000;
    private volatile Duration tokenLifetime = Duration.ofSeconds(3599);

    public final AtomicInteger tokensIssued = new AtomicInteger();
    public final AtomicInteger apiRequests = new AtomicInteger();
    public final AtomicInteger batchRequests = new AtomicInteger();
    /** Customers created (POST, direct or in a batch), the count a duplicate would show up in. */
    public final AtomicInteger customersCreated = new AtomicInteger();
    /** Sales orders created, the count a duplicate placement would show up in. */
    public final AtomicInteger salesOrdersCreated = new AtomicInteger();

    public BusinessCentralSimulator(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.setExecutor(executor); // several threads: a delayed answer must not hold up the next request
        this.server.createContext("/", this::serve);
        this.server.start();
        this.apiRoot = baseUri() + "/v2.0/" + TENANT + "/" + ENVIRONMENT + "/api/v2.0/";
        // what a CRONUS-like W1 company has: payment terms, VAT business posting groups (taxAreas, taxType VAT) and a
        // US tax area (taxType Sales Tax), the local currency in companyInformation
        for (String[] t : new String[][]{{"14 DAYS", "Net 14 days", "14D"}, {"30 DAYS", "Net 30 days", "30D"}, {"CM", "Current month", "CM"}}) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", UUID.randomUUID().toString());
            n.put("code", t[0]);
            n.put("displayName", t[1]);
            n.put("dueDateCalculation", t[2]);
            n.put("lastModifiedDateTime", clock.instant().toString());
            paymentTerms.put(n.get("id").asText(), n);
        }
        for (String[] t : new String[][]{{"DOMESTIC", "Domestic customers", "VAT"}, {"EU", "Customers in the EU", "VAT"},
                {"EXPORT", "Other customers", "VAT"}, {"ATLANTA, GA", "ATLANTA, GA", "Sales Tax"}}) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", UUID.randomUUID().toString());
            n.put("code", t[0]);
            n.put("displayName", t[1]);
            n.put("taxType", t[2]);
            n.put("lastModifiedDateTime", clock.instant().toString());
            taxAreas.put(n.get("id").asText(), n);
        }
        companyInformation.put("id", UUID.randomUUID().toString());
        companyInformation.put("displayName", "CRONUS International Ltd.");
        companyInformation.put("country", "DE");
        companyInformation.put("currencyCode", "EUR");
    }

    /** {@code http://127.0.0.1:port}: both the API endpoint and the authority of the client's settings. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    public UUID companyId() {
        return companyId;
    }

    public BusinessCentralClient.Settings settings(Duration requestTimeout) {
        return new BusinessCentralClient.Settings(baseUri(), baseUri(), TENANT, ENVIRONMENT, companyId, CLIENT_ID,
                CLIENT_SECRET, BusinessCentralClient.DEFAULT_SCOPE, true, Duration.ofSeconds(2), requestTimeout);
    }

    /** The most customers one page holds (BC online: 20,000). */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Every issued token is refused from now on (as after a secret rotation or an admin's revocation). */
    public synchronized void revokeTokens() {
        tokens.clear();
    }

    public synchronized void failNext(Fault fault) {
        faults.add(fault);
    }

    /** Like {@link #failNext}, for the next {@code $batch} request only (the reads before it pass). */
    public synchronized void failNextBatch(Fault fault) {
        batchFaults.add(fault);
    }

    /** Something that happens in BC just before the next {@code $batch} runs (a user's edit between our read and write). */
    public synchronized void beforeNextBatch(Runnable meanwhile) {
        beforeBatch.add(meanwhile);
    }

    /** A copy of every stored customer, as GET would answer it. */
    public synchronized List<ObjectNode> customers() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode c : customers.values()) out.add(withEtag(c));
        return out;
    }

    /** A copy of every sales order, as GET would answer it. */
    public synchronized List<ObjectNode> salesOrders() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : salesOrders.values()) out.add(withEtag(o));
        return out;
    }

    /** The lines of a sales order, in sequence. */
    public synchronized List<ObjectNode> salesOrderLines(String salesOrderId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode l : salesOrderLines.getOrDefault(salesOrderId, List.of())) out.add(withEtag(l));
        return out;
    }

    /** The id of the tax area (VAT business posting group or US tax area) with this code. */
    public synchronized String taxAreaId(String code) {
        return taxAreas.values().stream().filter(a -> a.get("code").asText().equals(code)).findFirst().orElseThrow().get("id").asText();
    }

    /** The id of the payment terms with this code. */
    public synchronized String paymentTermsId(String code) {
        return paymentTerms.values().stream().filter(a -> a.get("code").asText().equals(code)).findFirst().orElseThrow().get("id").asText();
    }

    /**
     * A write by someone else that BC stamps with an earlier time than it commits at (a write that began {@code late}
     * ago and commits now, after later writes were already read): the customer changes now, with
     * {@code lastModifiedDateTime} = now − late.
     */
    public synchronized void editInBcLate(String id, String field, String value, Duration late) {
        ObjectNode c = customers.get(id);
        c.put(field, value);
        touch(c);
        c.put("lastModifiedDateTime", clock.instant().minus(late).truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** A user edits a customer in BC: new values, new lastModifiedDateTime and etag. */
    public synchronized void editInBc(String id, String field, String value) {
        ObjectNode c = customers.get(id);
        c.put(field, value);
        touch(c);
    }

    /** A user deletes a customer in BC (BC's deletions are not in the change feed: a deleted record is simply gone). */
    public synchronized void deleteInBc(String id) {
        customers.remove(id);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP ----

    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        static Answer of(int status, JsonNode body) {
            return new Answer(status, body, Map.of());
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/" + TENANT + "/oauth2/v2.0/token") && exchange.getRequestMethod().equals("POST")) {
                respond(exchange, token(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                return;
            }
            apiRequests.incrementAndGet();
            Fault fault;
            synchronized (this) {
                boolean batch = path.endsWith("/$batch");
                fault = batch && !batchFaults.isEmpty() ? batchFaults.poll() : faults.poll();
            }
            if (fault instanceof Throttle t) {
                respond(exchange, new Answer(429, error("Application_TooManyRequests", "Too many requests reached. Actual (601). Maximum (600)."),
                        Map.of("Retry-After", Integer.toString(t.retryAfterSeconds()))));
                return;
            }
            if (fault instanceof Unavailable u) {
                respond(exchange, new Answer(503, error("ServiceUnavailable", "The service is temporarily unavailable."),
                        Map.of("Retry-After", Integer.toString(u.retryAfterSeconds()))));
                return;
            }
            Answer answer = api(exchange);
            if (fault instanceof DropAfterCommit) {
                // closing an exchange whose headers were never sent closes the TCP connection: the client sees
                // the connection end without an answer, after the simulator has committed the request
                return;
            }
            if (fault instanceof Delay d) {
                try {
                    Thread.sleep(d.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            respond(exchange, answer);
        } catch (IOException clientGone) {
            // the client timed out or hung up (delay fault); nothing to answer to
        }
    }

    private Answer api(HttpExchange exchange) throws IOException {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        if (!validToken(bearer)) {
            return Answer.of(401, error("Authentication_InvalidCredentials", "The server has rejected the client credentials."));
        }
        String method = exchange.getRequestMethod();
        String raw = exchange.getRequestURI().toString();
        String prefix = "/v2.0/" + TENANT + "/" + ENVIRONMENT + "/api/v2.0/";
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(prefix)) return Answer.of(404, error("BadRequest_NotFound", "No such resource: " + path));
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals(prefix + "$batch") && method.equals("POST")) {
            batchRequests.incrementAndGet();
            Runnable meanwhile;
            synchronized (this) {
                meanwhile = beforeBatch.poll();
            }
            if (meanwhile != null) meanwhile.run();
            return batch(JSON.readTree(body));
        }
        String relative = raw.substring(raw.indexOf(prefix) + prefix.length());
        return resource(method, relative, exchange.getRequestHeaders(), body.length == 0 ? null : JSON.readTree(body));
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().toString().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (bytes.length > 0) exchange.getResponseHeaders().add("Content-Type", "application/json; odata.metadata=minimal");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // ---- token endpoint ----

    private synchronized Answer token(String form) {
        Map<String, String> f = new HashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                f.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(f.get("grant_type"))) {
            return Answer.of(400, oauthError("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type."));
        }
        if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
            return Answer.of(401, oauthError("invalid_client", "AADSTS7000215: Invalid client secret provided."));
        }
        if (!BusinessCentralClient.DEFAULT_SCOPE.equals(f.get("scope"))) {
            return Answer.of(400, oauthError("invalid_scope", "AADSTS1002012: The provided value for scope is not valid."));
        }
        String value = "sim." + UUID.randomUUID();
        tokens.put(value, clock.instant().plus(tokenLifetime));
        tokensIssued.incrementAndGet();
        ObjectNode t = JSON.createObjectNode();
        t.put("token_type", "Bearer");
        t.put("expires_in", tokenLifetime.toSeconds());
        t.put("ext_expires_in", tokenLifetime.toSeconds());
        t.put("access_token", value);
        return Answer.of(200, t);
    }

    private synchronized boolean validToken(String header) {
        if (header == null || !header.startsWith("Bearer ")) return false;
        Instant expiry = tokens.get(header.substring("Bearer ".length()));
        return expiry != null && clock.instant().isBefore(expiry);
    }

    // ---- $batch ----

    private Answer batch(JsonNode batch) {
        JsonNode requests = batch.path("requests");
        if (!requests.isArray()) return Answer.of(400, error("BadRequest", "A JSON batch needs a \"requests\" array."));
        if (requests.size() > 100) {
            return Answer.of(400, error("BadRequest", "The batch request contains " + requests.size() + " operations; the maximum is 100."));
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode responses = out.putArray("responses");
        for (JsonNode r : requests) {
            Headers headers = new Headers();
            r.path("headers").fields().forEachRemaining(h -> headers.add(h.getKey(), h.getValue().asText()));
            String url = r.path("url").asText();
            if (url.startsWith(apiRoot)) url = url.substring(apiRoot.length());
            JsonNode body = r.get("body");
            Answer a = resource(r.path("method").asText(), url, headers, body == null || body.isNull() ? null : body);
            ObjectNode response = responses.addObject();
            if (r.hasNonNull("id")) response.put("id", r.get("id").asText());
            else response.putNull("id");
            response.put("status", a.status());
            ObjectNode h = response.putObject("headers");
            if (a.body() != null) {
                h.put("content-type", "application/json; odata.metadata=minimal");
                h.put("odata-version", "4.0");
                response.set("body", a.body());
            }
        }
        return Answer.of(200, out);
    }

    // ---- customers ----

    private static final Pattern COMPANY = Pattern.compile("companies\\(([0-9a-fA-F-]{36})\\)(?:/(.*?))?(?:\\?(.*))?");
    private static final Pattern ENTITY = Pattern.compile("([A-Za-z]+)(?:\\(([0-9a-fA-F-]{36})\\))?(?:/([A-Za-z]+))?");

    private Answer resource(String method, String relative, Headers headers, JsonNode body) {
        Matcher m = COMPANY.matcher(relative);
        if (!m.matches() || !UUID.fromString(m.group(1)).equals(companyId)) {
            return Answer.of(404, error("BadRequest_NotFound", "The company or resource does not exist: " + relative));
        }
        Map<String, String> query = query(m.group(3));
        if (m.group(2) == null || m.group(2).isEmpty()) {
            return method.equals("GET") ? company() : Answer.of(405, error("BadRequest_MethodNotAllowed", method + " on a company"));
        }
        Matcher e = ENTITY.matcher(m.group(2));
        if (!e.matches()) return Answer.of(404, error("BadRequest_NotFound", "No such resource: " + relative));
        String set = e.group(1);
        String id = e.group(2);
        String child = e.group(3);
        String base = relative.contains("?") ? relative.substring(0, relative.indexOf('?')) : relative;
        if (set.equals("customers") && child == null) {
            return switch (method) {
                case "GET" -> id == null ? list(base, query, headers, customers.values(), "number") : one(id);
                case "POST" -> id == null ? create(body) : Answer.of(405, error("BadRequest_MethodNotAllowed", "POST on an entity"));
                case "PATCH" -> id == null ? Answer.of(405, error("BadRequest_MethodNotAllowed", "PATCH on a collection"))
                        : update(id, headers.getFirst("If-Match"), body);
                default -> Answer.of(405, error("BadRequest_MethodNotAllowed", method + " is not supported here"));
            };
        }
        if (set.equals("salesOrders") && child == null && id == null) {
            return switch (method) {
                case "GET" -> list(base, query, headers, salesOrders.values(), "number");
                case "POST" -> createSalesOrder(body);
                default -> Answer.of(405, error("BadRequest_MethodNotAllowed", method + " is not supported here"));
            };
        }
        if (set.equals("salesOrders") && "salesOrderLines".equals(child) && id != null) {
            synchronized (this) {
                if (!salesOrders.containsKey(id.toLowerCase(Locale.ROOT))) {
                    return Answer.of(404, error("BadRequest_NotFound", "The sales order does not exist. Identification fields and values: Id='" + id + "'"));
                }
                return switch (method) {
                    case "GET" -> list(base, query, headers, new ArrayList<>(salesOrderLines.getOrDefault(id.toLowerCase(Locale.ROOT), List.of())), "sequence");
                    case "POST" -> createLine(id.toLowerCase(Locale.ROOT), body);
                    default -> Answer.of(405, error("BadRequest_MethodNotAllowed", method + " is not supported here"));
                };
            }
        }
        if (method.equals("GET") && id == null && child == null) {
            switch (set) {
                case "paymentTerms" -> { return list(base, query, headers, paymentTerms.values(), "code"); }
                case "taxAreas" -> { return list(base, query, headers, taxAreas.values(), "code"); }
                case "companyInformation" -> { return list(base, query, headers, List.of(companyInformation), "id"); }
                default -> { }
            }
        }
        return Answer.of(404, error("BadRequest_NotFound", "No such resource: " + relative));
    }

    private Answer company() {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", companyId.toString());
        c.put("systemVersion", "24.0.16410.18056");
        c.put("name", "CRONUS International Ltd.");
        c.put("displayName", "CRONUS International Ltd.");
        c.put("businessProfileId", "");
        return Answer.of(200, c);
    }

    private synchronized Answer one(String id) {
        ObjectNode c = customers.get(id.toLowerCase(Locale.ROOT));
        if (c == null) return Answer.of(404, error("BadRequest_NotFound", "The customer does not exist. Identification fields and values: Id='" + id + "'"));
        return Answer.of(200, withEtag(c));
    }

    private synchronized Answer list(String base, Map<String, String> query, Headers headers, Collection<ObjectNode> entities, String defaultOrder) {
        Predicate<JsonNode> filter;
        try {
            filter = query.containsKey("$filter") ? new FilterParser(query.get("$filter")).parse() : c -> true;
        } catch (IllegalArgumentException e) {
            return Answer.of(400, error("BadRequest", "Invalid filter expression: " + e.getMessage()));
        }
        List<String> order = new ArrayList<>();
        for (String f : query.getOrDefault("$orderby", defaultOrder).split(",")) order.add(f.trim().split(" ")[0]);
        order.add("id"); // a total order, so the skip token names one position
        Comparator<JsonNode> comparator = (a, b) -> {
            for (String f : order) {
                int c = compare(f, a.path(f).asText(""), b.path(f).asText(""));
                if (c != 0) return c;
            }
            return 0;
        };
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode c : entities) if (filter.test(c)) rows.add(c);
        rows.sort(comparator);
        if (query.containsKey("$skiptoken")) {
            // the token is the sort key of the last row sent: continue strictly after it, so rows changed or added
            // meanwhile neither shift the page boundary nor repeat
            JsonNode last;
            try {
                last = JSON.readTree(Base64.getUrlDecoder().decode(query.get("$skiptoken")));
            } catch (IOException | IllegalArgumentException e) {
                return Answer.of(400, error("BadRequest", "Invalid skip token."));
            }
            rows.removeIf(r -> comparator.compare(r, last) <= 0);
        }
        int size = pageSize;
        String prefer = headers.getFirst("Prefer");
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        if (prefer != null && prefer.startsWith("odata.maxpagesize=")) {
            size = Math.min(size, Integer.parseInt(prefer.substring("odata.maxpagesize=".length()).trim()));
            answerHeaders.put("Preference-Applied", "odata.maxpagesize=" + size);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("@odata.context", apiRoot + "$metadata#" + base);
        ArrayNode value = out.putArray("value");
        for (int i = 0; i < Math.min(size, rows.size()); i++) value.add(withEtag(rows.get(i)));
        if (rows.size() > size) {
            ObjectNode key = JSON.createObjectNode();
            ObjectNode lastSent = rows.get(size - 1);
            for (String f : order) key.put(f, lastSent.path(f).asText(""));
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(key.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder link = new StringBuilder(apiRoot).append(base).append('?');
            query.forEach((k, v) -> {
                if (!k.equals("$skiptoken")) link.append(k).append('=').append(encode(v)).append('&');
            });
            link.append("$skiptoken=").append(token);
            out.put("@odata.nextLink", link.toString());
        }
        return new Answer(200, out, answerHeaders);
    }

    private synchronized Answer create(JsonNode body) {
        if (body == null || !body.isObject()) return Answer.of(400, error("BadRequest", "A customer object is required."));
        Answer invalid = validate(body);
        if (invalid == null) invalid = relations(body);
        if (invalid != null) return invalid;
        String number = body.hasNonNull("number") ? body.get("number").asText().toUpperCase(Locale.ROOT) : null;
        if (number != null && byNumber(number) != null) {
            return Answer.of(400, error("Internal_EntityWithSameKeyExists",
                    "The record in table Customer already exists. Identification fields and values: No.='" + number + "'"));
        }
        if (number == null) {
            do {
                number = String.format("C%05d", nextNumber);
                nextNumber += 10;
            } while (byNumber(number) != null);
        }
        ObjectNode c = JSON.createObjectNode();
        c.put("id", UUID.randomUUID().toString());
        c.put("number", number);
        for (String f : List.of("displayName", "addressLine1", "addressLine2", "city", "state", "country", "postalCode",
                "phoneNumber", "email", "website", "taxAreaDisplayName", "taxRegistrationNumber", "currencyCode")) {
            c.put(f, "");
        }
        c.put("type", "Company");
        c.put("taxLiable", false);
        for (String f : List.of("taxAreaId", "paymentTermsId", "shipmentMethodId", "paymentMethodId")) c.put(f, ZERO_GUID);
        c.put("blocked", " ");
        apply(c, body);
        c.put("number", number);
        touch(c);
        customers.put(c.get("id").asText(), c);
        customersCreated.incrementAndGet();
        return new Answer(201, withEtag(c), Map.of("ETag", etag(c)));
    }

    private synchronized Answer update(String id, String ifMatch, JsonNode body) {
        ObjectNode c = customers.get(id.toLowerCase(Locale.ROOT));
        if (c == null) return one(id);
        if (ifMatch == null) return Answer.of(400, error("BadRequest", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request."));
        if (!ifMatch.equals("*") && !ifMatch.equals(etag(c))) {
            return Answer.of(412, error("Request_EntityChanged", "Another user has already changed the record."));
        }
        if (body == null || !body.isObject()) return Answer.of(400, error("BadRequest", "A customer object is required."));
        Answer invalid = validate(body);
        if (invalid == null) invalid = relations(body);
        if (invalid != null) return invalid;
        if (body.hasNonNull("number") && !body.get("number").asText().equalsIgnoreCase(c.get("number").asText())) {
            return Answer.of(400, error("BadRequest", "The number of a customer cannot be changed through the API."));
        }
        apply(c, body);
        touch(c);
        return new Answer(200, withEtag(c), Map.of("ETag", etag(c)));
    }

    // ---- sales orders (API v2.0 salesOrder / salesOrderLine resource types) ----

    private static final java.util.Set<String> ORDER_WRITABLE = java.util.Set.of("externalDocumentNumber", "orderDate", "postingDate",
            "customerId", "customerNumber", "currencyCode", "paymentTermsId", "shipmentMethodId", "requestedDeliveryDate");
    private static final java.util.Set<String> LINE_WRITABLE = java.util.Set.of("sequence", "itemId", "accountId", "lineType",
            "lineObjectNumber", "description", "unitOfMeasureCode", "quantity", "unitPrice", "discountPercent", "taxCode", "documentId");
    /** Currencies of the simulated company; its local currency (EUR) is not one: BC leaves the code blank for it. */
    private static final java.util.Set<String> CURRENCIES = java.util.Set.of("USD", "GBP", "NOK", "SEK", "DKK", "CHF");
    private static final java.util.Set<String> LINE_TYPES = java.util.Set.of("Comment", "Account", "Item", "Resource", "Fixed Asset", "Charge");

    private synchronized Answer createSalesOrder(JsonNode body) {
        if (body == null || !body.isObject()) return Answer.of(400, error("BadRequest", "A sales order object is required."));
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ORDER_WRITABLE.contains(f)) return Answer.of(400, error("BadRequest_InvalidToken", "The property '" + f + "' does not exist or is read-only."));
        }
        String external = body.path("externalDocumentNumber").asText("");
        if (external.length() > 35) {
            return Answer.of(400, error("Application_StringExceededLength", "The length of the string is " + external.length()
                    + ", but it must be less than or equal to 35 characters. Value: " + external));
        }
        ObjectNode customer = byNumber(body.path("customerNumber").asText(""));
        if (customer == null) {
            return Answer.of(400, error("Internal_RecordNotFound", "The Customer does not exist. Identification fields and values: No.='"
                    + body.path("customerNumber").asText("") + "'"));
        }
        String currency = body.path("currencyCode").asText("");
        if (!currency.isEmpty() && !CURRENCIES.contains(currency.toUpperCase(Locale.ROOT))) {
            return Answer.of(400, error("Internal_RecordNotFound", "The Currency does not exist. Identification fields and values: Code='" + currency + "'"));
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("id", UUID.randomUUID().toString());
        o.put("number", Integer.toString(nextOrderNumber++));
        o.put("externalDocumentNumber", external);
        o.put("orderDate", body.path("orderDate").asText(clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().toString()));
        o.put("postingDate", o.get("orderDate").asText());
        o.put("customerId", customer.get("id").asText());
        o.put("customerNumber", customer.get("number").asText());
        o.put("customerName", customer.path("displayName").asText(""));
        o.put("currencyCode", currency.toUpperCase(Locale.ROOT));
        o.put("status", "Draft");
        touch(o);
        salesOrders.put(o.get("id").asText(), o);
        salesOrderLines.put(o.get("id").asText(), new ArrayList<>());
        salesOrdersCreated.incrementAndGet();
        return new Answer(201, withEtag(o), Map.of("ETag", etag(o)));
    }

    private synchronized Answer createLine(String orderId, JsonNode body) {
        if (body == null || !body.isObject()) return Answer.of(400, error("BadRequest", "A sales order line object is required."));
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!LINE_WRITABLE.contains(f)) return Answer.of(400, error("BadRequest_InvalidToken", "The property '" + f + "' does not exist or is read-only."));
        }
        String type = body.path("lineType").asText("Comment");
        if (!LINE_TYPES.contains(type)) return Answer.of(400, error("BadRequest", "Cannot convert the literal '" + type + "' to the expected type 'NAV.invoiceLineAggLineType'."));
        if (!type.equals("Comment") && !body.hasNonNull("lineObjectNumber") && !body.hasNonNull("itemId") && !body.hasNonNull("accountId")) {
            return Answer.of(400, error("Internal_InvalidTableRelation", "A line of type " + type + " needs the number of what it sells."));
        }
        String description = body.path("description").asText("");
        if (description.length() > 100) {
            return Answer.of(400, error("Application_StringExceededLength", "The length of the string is " + description.length()
                    + ", but it must be less than or equal to 100 characters. Value: " + description));
        }
        List<ObjectNode> lines = salesOrderLines.get(orderId);
        long sequence = body.hasNonNull("sequence") ? body.get("sequence").asLong()
                : lines.stream().mapToLong(l -> l.get("sequence").asLong()).max().orElse(0) + 10000;
        if (lines.stream().anyMatch(l -> l.get("sequence").asLong() == sequence)) {
            return Answer.of(400, error("Internal_EntityWithSameKeyExists", "The record in table Sales Line already exists. Identification fields and values: "
                    + "Document Type='Order',Document No.='" + salesOrders.get(orderId).get("number").asText() + "',Line No.='" + sequence + "'"));
        }
        ObjectNode l = JSON.createObjectNode();
        l.put("id", UUID.randomUUID().toString());
        l.put("documentId", orderId);
        l.put("sequence", sequence);
        l.put("lineType", type);
        l.put("lineObjectNumber", body.path("lineObjectNumber").asText(""));
        l.put("description", description);
        l.set("quantity", body.has("quantity") ? body.get("quantity") : JSON.getNodeFactory().numberNode(0));
        l.set("unitPrice", body.has("unitPrice") ? body.get("unitPrice") : JSON.getNodeFactory().numberNode(0));
        touch(l);
        lines.add(l);
        lines.sort(Comparator.comparingLong(x -> x.get("sequence").asLong()));
        touch(salesOrders.get(orderId));
        return new Answer(201, withEtag(l), Map.of("ETag", etag(l)));
    }

    private Answer validate(JsonNode body) {
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!BusinessCentralCustomer.WRITABLE.contains(f)) {
                return Answer.of(400, error("BadRequest_InvalidToken", "The property '" + f + "' does not exist or is read-only."));
            }
        }
        Map<String, Integer> lengths = Map.of("number", 20, "displayName", 100, "addressLine1", 100, "addressLine2", 50,
                "city", 30, "email", 80, "website", 80, "phoneNumber", 30, "postalCode", 20, "taxRegistrationNumber", 20);
        for (Map.Entry<String, Integer> e : lengths.entrySet()) {
            int length = body.path(e.getKey()).asText("").length();
            if (length > e.getValue()) {
                return Answer.of(400, error("Application_StringExceededLength", "The length of the string is " + length
                        + ", but it must be less than or equal to " + e.getValue() + " characters. Value: " + body.get(e.getKey()).asText()));
            }
        }
        return null;
    }

    private void apply(ObjectNode c, JsonNode body) {
        body.fields().forEachRemaining(e -> c.set(e.getKey(), e.getValue()));
        String area = c.path("taxAreaId").asText(ZERO_GUID);
        c.put("taxAreaDisplayName", taxAreas.containsKey(area) ? taxAreas.get(area).get("displayName").asText() : "");
    }

    /** A GUID property must name an existing record (BC checks the table relation). */
    private Answer relations(JsonNode body) {
        for (var rel : List.of(Map.entry("taxAreaId", taxAreas), Map.entry("paymentTermsId", paymentTerms))) {
            String v = body.path(rel.getKey()).asText(ZERO_GUID).toLowerCase(Locale.ROOT);
            if (!v.equals(ZERO_GUID) && !rel.getValue().containsKey(v)) {
                return Answer.of(400, error("BadRequest_NotFound", "The " + rel.getKey() + " '" + v + "' does not exist."));
            }
        }
        return null;
    }

    private void touch(ObjectNode c) {
        // BC keeps SystemModifiedAt in milliseconds
        c.put("lastModifiedDateTime", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        c.put("_version", ++version);
    }

    private ObjectNode byNumber(String number) {
        for (ObjectNode c : customers.values()) if (c.get("number").asText().equalsIgnoreCase(number)) return c;
        return null;
    }

    private static String etag(ObjectNode c) {
        String tag = Base64.getEncoder().encodeToString(("'" + c.path("_version").asLong(0) + ";" + c.get("id").asText() + "'").getBytes(StandardCharsets.UTF_8));
        return "W/\"" + tag + "\"";
    }

    private static ObjectNode withEtag(ObjectNode c) {
        ObjectNode out = JSON.createObjectNode();
        out.put("@odata.etag", etag(c));
        c.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("_")) out.set(e.getKey(), e.getValue().deepCopy());
        });
        return out;
    }

    private static int compare(String field, String a, String b) {
        if (field.equals("lastModifiedDateTime") && !a.isEmpty() && !b.isEmpty()) return Instant.parse(a).compareTo(Instant.parse(b));
        if (field.equals("sequence") && !a.isEmpty() && !b.isEmpty()) return Long.compare(Long.parseLong(a), Long.parseLong(b));
        return a.compareToIgnoreCase(b);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode inner = e.putObject("error");
        inner.put("code", code);
        inner.put("message", message + "  CorrelationId:  " + UUID.randomUUID() + ".");
        return e;
    }

    private static ObjectNode oauthError(String code, String description) {
        ObjectNode e = JSON.createObjectNode();
        e.put("error", code);
        e.put("error_description", description);
        return e;
    }

    /**
     * The part of OData's {@code $filter} grammar the client uses: comparisons {@code field op literal} with
     * {@code eq ne gt ge lt le}, {@code field in (literal, ...)}, {@code endswith(field, 'text')}, {@code and},
     * {@code or}, parentheses. Literals: {@code 'text'} (a quote doubled inside), DateTimeOffset
     * ({@code 2024-01-01T00:00:00Z}, unquoted), {@code true}/{@code false}, numbers. Comparisons of text are
     * case-insensitive, as BC's default collation does; {@code endswith} is case-sensitive, as the AL wildcard filter
     * ({@code *text}) it becomes is without {@code @} (Microsoft's "Using filter expressions in OData URIs": only
     * {@code tolower}/{@code toupper} disable case sensitivity). The stricter reading: a lookup that works here works
     * on a case-insensitive collation too.
     */
    static final class FilterParser {
        private final List<String> tokens = new ArrayList<>();
        private int pos;

        FilterParser(String text) {
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (Character.isWhitespace(ch)) {
                    i++;
                } else if (ch == '(' || ch == ')' || ch == ',') {
                    tokens.add(String.valueOf(ch));
                    i++;
                } else if (ch == '\'') {
                    StringBuilder s = new StringBuilder("'");
                    i++;
                    while (true) {
                        if (i >= text.length()) throw new IllegalArgumentException("unterminated string");
                        char c = text.charAt(i++);
                        if (c == '\'') {
                            if (i < text.length() && text.charAt(i) == '\'') {
                                s.append('\'');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            s.append(c);
                        }
                    }
                    tokens.add(s.toString());
                } else {
                    int start = i;
                    while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "(),'".indexOf(text.charAt(i)) < 0) i++;
                    tokens.add(text.substring(start, i));
                }
            }
        }

        Predicate<JsonNode> parse() {
            Predicate<JsonNode> p = or();
            if (pos != tokens.size()) throw new IllegalArgumentException("unexpected '" + tokens.get(pos) + "'");
            return p;
        }

        private Predicate<JsonNode> or() {
            Predicate<JsonNode> p = and();
            while (peekIs("or")) {
                pos++;
                p = p.or(and());
            }
            return p;
        }

        private Predicate<JsonNode> and() {
            Predicate<JsonNode> p = primary();
            while (peekIs("and")) {
                pos++;
                p = p.and(primary());
            }
            return p;
        }

        private Predicate<JsonNode> primary() {
            if (peekIs("(")) {
                pos++;
                Predicate<JsonNode> p = or();
                expect(")");
                return p;
            }
            if (peekIs("endswith") && pos + 1 < tokens.size() && tokens.get(pos + 1).equals("(")) {
                pos += 2;
                String field = next();
                expect(",");
                String suffix = literal(next());
                expect(")");
                // BC turns it into the AL filter *suffix, which compares case-sensitively (no @): exactly, as typed
                return c -> c.path(field).asText("").endsWith(suffix);
            }
            String field = next();
            String op = next().toLowerCase(Locale.ROOT);
            if (op.equals("in")) {
                expect("(");
                List<String> values = new ArrayList<>();
                values.add(literal(next()));
                while (peekIs(",")) {
                    pos++;
                    values.add(literal(next()));
                }
                expect(")");
                return c -> values.stream().anyMatch(v -> compare(field, c.path(field).asText(""), v) == 0);
            }
            String value = literal(next());
            return switch (op) {
                case "eq" -> c -> compare(field, c.path(field).asText(""), value) == 0;
                case "ne" -> c -> compare(field, c.path(field).asText(""), value) != 0;
                case "gt" -> c -> compare(field, c.path(field).asText(""), value) > 0;
                case "ge" -> c -> compare(field, c.path(field).asText(""), value) >= 0;
                case "lt" -> c -> compare(field, c.path(field).asText(""), value) < 0;
                case "le" -> c -> compare(field, c.path(field).asText(""), value) <= 0;
                default -> throw new IllegalArgumentException("operator " + op);
            };
        }

        private static String literal(String token) {
            return token.startsWith("'") ? token.substring(1) : token;
        }

        private boolean peekIs(String t) {
            return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(t);
        }

        private String next() {
            if (pos >= tokens.size()) throw new IllegalArgumentException("unexpected end");
            return tokens.get(pos++);
        }

        private void expect(String t) {
            if (!peekIs(t)) throw new IllegalArgumentException("expected '" + t + "'");
            pos++;
        }
    }
}
