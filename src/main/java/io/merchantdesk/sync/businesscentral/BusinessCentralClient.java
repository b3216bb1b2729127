package io.merchantdesk.sync.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import io.merchantdesk.sync.remote.RemoteHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A client of Business Central's API v2.0 for the customers of one company (contract-tested against
 * {@code BusinessCentralSimulator} in the test tree, which follows Microsoft's documented shapes; it has not run
 * against a live tenant, which cannot run here).
 *
 * <ul>
 *   <li>Resource: {@code {endpoint}/v2.0/{tenantId}/{environment}/api/v2.0/companies({companyId})/customers};
 *       JSON batches at {@code {endpoint}/v2.0/{tenantId}/{environment}/api/v2.0/$batch}.</li>
 *   <li>OAuth 2.0 client credentials against {@code {authority}/{tenantId}/oauth2/v2.0/token}; the access token is
 *       kept until {@link #TOKEN_SKEW} (or a quarter of its life, if shorter) before {@code expires_in} runs out,
 *       and fetched again once when BC answers 401 (a revoked or rotated token: 401 happens before anything runs,
 *       so repeating is safe).</li>
 *   <li>Nothing else is retried here. 429 / 503 come back as {@link BusinessCentralUnavailableException} with BC's
 *       {@code Retry-After}; waiting, backing off and breaking the circuit belong to the caller (the sync, with
 *       SmallRye Fault Tolerance, issue 21 item 5), which also decides, for a write that may have been applied,
 *       to look the records up by reference ({@link BusinessCentralReference}) before trying again.</li>
 * </ul>
 * Thread-safe.
 */
public final class BusinessCentralClient implements AutoCloseable {

    /** The scope of a client-credentials token for BC's APIs (Microsoft's service-to-service authentication page). */
    public static final String DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default";
    /** How long before its expiry a token is replaced, so that it does not expire between check and use. */
    public static final Duration TOKEN_SKEW = Duration.ofSeconds(60);
    /** BC refuses a $batch of more than 100 operations (Microsoft's API limits page). */
    public static final int MAX_BATCH = 100;
    /**
     * Values per {@code in (...)} lookup. BC has no documented cap for {@code in}, but the URL does (a GET of a few
     * hundred e-mails runs into front-door URL limits), so lookups go out in chunks of this size.
     */
    public static final int LOOKUP_CHUNK = 40;

    /**
     * Where and how to reach one BC company.
     *
     * @param endpoint        BC's API host, {@code https://api.businesscentral.dynamics.com}
     * @param authority       Entra ID's host, {@code https://login.microsoftonline.com}
     * @param inOperator      use OData's {@code in} for lookups (BC 2024 release wave 1, version 24, and later);
     *                        false sends bounded {@code eq ... or eq ...} chains, which every version understands
     * @param requestTimeout  bound on one request, from sending to the whole answer
     */
    public record Settings(URI endpoint, URI authority, String tenantId, String environment, UUID companyId,
                           String clientId, String clientSecret, String scope, boolean inOperator,
                           Duration connectTimeout, Duration requestTimeout) {
        public Settings {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }

        @Override
        public String toString() { // never the secret
            return "BusinessCentral[" + endpoint + " tenant=" + tenantId + " env=" + environment + " company=" + companyId
                    + " client=" + clientId + "]";
        }
    }

    /** What one scan of {@link #customersChangedSince} saw. */
    public record Changes(int count, int pages, Optional<Instant> latestModified) {
    }

    /** One write of a {@link #writeBatch}; {@code key} is the caller's, echoed in the result. */
    public sealed interface Write permits Create, Update, Insert {
        String key();
    }

    /** POST of a new customer with these writable values. */
    public record Create(String key, Map<String, ?> values) implements Write {
    }

    /** PATCH of customer {@code id} with {@code If-Match: etag} (from the customer's {@code @odata.etag}). */
    public record Update(String key, String id, String etag, Map<String, ?> values) implements Write {
    }

    /**
     * POST of another entity of the company ({@code path} relative to {@code companies({id})/}, e.g. {@code salesOrders}
     * or {@code salesOrders(<id>)/salesOrderLines}); its answer is {@link WriteResult#body()}.
     */
    public record Insert(String key, String path, Map<String, ?> values) implements Write {
    }

    /** How one write of a batch ended. */
    public enum Outcome {
        /** 2xx: {@link WriteResult#customer()} is the customer as BC stored it. */
        OK,
        /** 412: the etag was stale; nothing was changed. */
        CONCURRENCY,
        /** 429, 503, other 5xx: not done (429/503) or unknown (5xx); try again later. */
        UNAVAILABLE,
        /** Another 4xx: BC refused the values ({@link WriteResult#code()}, {@link WriteResult#message()}). */
        ERROR
    }

    /** The result of one write of a batch, in the order of the writes. */
    public record WriteResult(String key, int status, Outcome outcome, BusinessCentralCustomer customer,
                              String code, String message, JsonNode body) {
    }

    /** One server page of a customer scan and the link to the next one (null after the last). */
    public record CustomerPage(List<BusinessCentralCustomer> customers, URI nextLink) {
    }

    private record Token(String value, Instant refreshAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    private final String apiRoot;        // .../api/v2.0/
    private final String companyPath;    // companies(<id>)
    private final URI tokenUri;
    private volatile Token token;
    private volatile int tokensFetched;

    public BusinessCentralClient(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a clock of the caller's, so tests can let tokens expire without waiting. */
    public BusinessCentralClient(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        String endpoint = trimSlash(settings.endpoint().toString());
        this.apiRoot = endpoint + "/v2.0/" + settings.tenantId() + "/" + settings.environment() + "/api/v2.0/";
        this.companyPath = "companies(" + settings.companyId() + ")";
        this.tokenUri = URI.create(trimSlash(settings.authority().toString()) + "/" + settings.tenantId() + "/oauth2/v2.0/token");
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    public Settings settings() {
        return settings;
    }

    /** {@code .../companies(<id>)/customers}: the collection this client works on. */
    public URI customersUri() {
        return URI.create(apiRoot + companyPath + "/customers");
    }

    /** How many tokens this client has fetched so far (for diagnosis and the token tests). */
    public int tokensFetched() {
        return tokensFetched;
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        http.close();
    }

    // ---- reads ----

    /**
     * Every customer with {@code lastModifiedDateTime ge since}, oldest change first, handed to {@code page} one
     * server page at a time while following {@code @odata.nextLink}.
     *
     * <p>The request asks for {@code $orderby=lastModifiedDateTime,id} (standard OData, which BC's API pages
     * accept) and {@code Prefer: odata.maxpagesize}; each page is sorted here as well, so the order of a page
     * never depends on the server honouring {@code $orderby}. {@code ge} (not {@code gt}) on purpose: several
     * customers can share one timestamp, and a cursor of "the latest time seen" must not skip the ones at that time
     * that a later page or run brings; the caller drops what it has already seen (by id and timestamp).
     *
     * @param maxPageSize {@code odata.maxpagesize}; BC online caps pages at 20,000 whatever is asked
     */
    public Changes customersChangedSince(Instant since, int maxPageSize, Consumer<List<BusinessCentralCustomer>> page) {
        int count = 0;
        int pages = 0;
        Instant latest = null;
        URI next = null;
        do {
            CustomerPage answer = customersChangedPage(since, next, maxPageSize);
            for (BusinessCentralCustomer c : answer.customers()) {
                if (c.lastModifiedDateTime() != null && (latest == null || c.lastModifiedDateTime().isAfter(latest))) {
                    latest = c.lastModifiedDateTime();
                }
            }
            count += answer.customers().size();
            pages++;
            if (!answer.customers().isEmpty()) page.accept(answer.customers());
            next = answer.nextLink();
        } while (next != null);
        return new Changes(count, pages, Optional.ofNullable(latest));
    }

    /**
     * One server page of {@link #customersChangedSince}: the first one ({@code nextLink} null) or the one
     * {@code nextLink} names (a link from an earlier page, which may be kept between calls: BC's skip token names the
     * position after the last record sent). {@code since} null scans every customer.
     */
    public CustomerPage customersChangedPage(Instant since, URI nextLink, int maxPageSize) {
        URI uri = nextLink != null ? checkedLink(nextLink.toString())
                : URI.create(customersUri() + "?" + (since == null ? "" : "$filter=" + encode("lastModifiedDateTime ge " + since) + "&")
                + "$orderby=" + encode("lastModifiedDateTime,id")); // a DateTimeOffset literal is not quoted in OData
        JsonNode answer = send("GET customers changed since " + since, "GET", uri, null, maxPageSize, null);
        List<BusinessCentralCustomer> customers = customers(answer);
        customers.sort(Comparator.comparing(BusinessCentralCustomer::lastModifiedDateTime,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(BusinessCentralCustomer::id));
        return new CustomerPage(customers, nextLink(answer));
    }

    /** The customers with these numbers (e.g. merchantdesk's references), in BC's order; missing ones are absent. */
    public List<BusinessCentralCustomer> customersByNumbers(Collection<String> numbers) {
        return lookup("number", numbers);
    }

    /**
     * The customers with these e-mail addresses. BC's {@code eq} on a text field compares case-insensitively only
     * when the SQL collation does (the default collations are case-insensitive); callers normalise both sides.
     */
    public List<BusinessCentralCustomer> customersByEmails(Collection<String> emails) {
        return lookup("email", emails);
    }

    /** One customer by its id; empty on 404. */
    public Optional<BusinessCentralCustomer> customer(String id) {
        try {
            return Optional.of(BusinessCentralCustomer.fromJson(send("GET customer", "GET", customerUri(id), null, 0, null)));
        } catch (BusinessCentralErrorException e) {
            if (e.httpStatus() == 404) return Optional.empty();
            throw e;
        }
    }

    /** The customers matching an OData filter (every page). */
    public List<BusinessCentralCustomer> customersWhere(String filter) {
        return customers(list("customers", filter));
    }

    private List<BusinessCentralCustomer> lookup(String field, Collection<String> values) {
        return customers(lookup("customers", field, values));
    }

    private static List<BusinessCentralCustomer> customers(List<JsonNode> nodes) {
        return new ArrayList<>(nodes.stream().map(BusinessCentralCustomer::fromJson).toList());
    }

    /**
     * The entities of {@code entitySet} (relative to {@code companies({id})/}) whose {@code field} is one of
     * {@code values}: {@code in (...)} (or {@code eq ... or eq ...} chains) in requests of {@link #LOOKUP_CHUNK} values.
     */
    public List<JsonNode> lookup(String entitySet, String field, Collection<String> values) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        List<JsonNode> out = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += LOOKUP_CHUNK) {
            out.addAll(list(entitySet, anyOf(field, distinct.subList(from, Math.min(distinct.size(), from + LOOKUP_CHUNK)))));
        }
        return out;
    }

    /**
     * The entities of {@code entitySet} whose {@code field} ends with one of {@code suffixes}: {@code endswith(field,'…')}
     * conditions joined by {@code or} (allowed on one field; BC turns them into an AL filter {@code *a|*b}), in requests of
     * {@link #LOOKUP_CHUNK} conditions. For free-text fields that hold one value in many spellings.
     */
    public List<JsonNode> endingWith(String entitySet, String field, Collection<String> suffixes) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(suffixes));
        List<JsonNode> out = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + LOOKUP_CHUNK));
            out.addAll(list(entitySet, String.join(" or ", chunk.stream().map(v -> "endswith(" + field + "," + literal(v) + ")").toList())));
        }
        return out;
    }

    /** An OData condition "field is one of values", as {@code in} or as an {@code or} chain per {@link Settings#inOperator}. */
    public String anyOf(String field, Collection<String> values) {
        return settings.inOperator()
                ? field + " in (" + String.join(",", values.stream().map(BusinessCentralClient::literal).toList()) + ")"
                : "(" + String.join(" or ", values.stream().map(v -> field + " eq " + literal(v)).toList()) + ")";
    }

    /** Every entity of {@code entitySet} (relative to {@code companies({id})/}) matching {@code filter} (null: all), every page. */
    public List<JsonNode> list(String entitySet, String filter) {
        List<JsonNode> out = new ArrayList<>();
        URI next = URI.create(apiRoot + companyPath + "/" + entitySet + (filter == null ? "" : "?$filter=" + encode(filter)));
        while (next != null) {
            JsonNode answer = send("GET " + entitySet, "GET", next, null, 0, null);
            answer.path("value").forEach(out::add);
            next = nextLink(answer);
        }
        return out;
    }

    /** The company itself ({@code GET companies({id})}): id, name, displayName...; empty on 404. */
    public Optional<JsonNode> company() {
        try {
            return Optional.of(send("GET company", "GET", URI.create(apiRoot + companyPath), null, 0, null));
        } catch (BusinessCentralErrorException e) {
            if (e.httpStatus() == 404) return Optional.empty();
            throw e;
        }
    }

    // ---- writes ----

    /** POST one customer; BC assigns {@code id}, and {@code number} from the series unless the values carry one. */
    public BusinessCentralCustomer create(Map<String, ?> values) {
        return BusinessCentralCustomer.fromJson(send("POST customers", "POST", customersUri(), body(values), 0, null));
    }

    /**
     * PATCH one customer with {@code If-Match: etag}; a stale etag is {@link BusinessCentralConcurrencyException}.
     * Only the given values change (BC keeps or recalculates the others).
     */
    public BusinessCentralCustomer update(String id, String etag, Map<String, ?> values) {
        Objects.requireNonNull(etag, "etag: BC requires If-Match on PATCH");
        return BusinessCentralCustomer.fromJson(send("PATCH customer", "PATCH", customerUri(id), body(values), 0, etag));
    }

    /**
     * Up to {@link #MAX_BATCH} creates and updates in one {@code POST $batch} (JSON batch format). Without
     * {@code Isolation: snapshot} BC runs every inner request on its own, so one refused record does not undo the
     * others: the results say per record what happened, in the order of {@code writes}. The whole call throws only
     * when the batch itself failed (unavailable, auth, a malformed batch).
     */
    public List<WriteResult> writeBatch(List<? extends Write> writes) {
        if (writes.isEmpty()) return List.of();
        if (writes.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a $batch holds at most " + MAX_BATCH + " operations, got " + writes.size());
        }
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode requests = batch.putArray("requests");
        Map<String, Write> byRequestId = new LinkedHashMap<>();
        int n = 0;
        for (Write w : writes) {
            String requestId = Integer.toString(++n); // our ids, not the caller's keys: keys need not be URL/JSON-safe
            byRequestId.put(requestId, w);
            ObjectNode r = requests.addObject();
            r.put("id", requestId);
            ObjectNode headers = JSON.createObjectNode();
            headers.put("Content-Type", "application/json");
            switch (w) {
                case Create c -> {
                    r.put("method", "POST");
                    r.put("url", companyPath + "/customers");
                    r.set("body", body(c.values()));
                }
                case Update u -> {
                    Objects.requireNonNull(u.etag(), "etag of " + u.key());
                    r.put("method", "PATCH");
                    r.put("url", companyPath + "/customers(" + u.id() + ")");
                    headers.put("If-Match", u.etag());
                    r.set("body", body(u.values()));
                }
                case Insert i -> {
                    r.put("method", "POST");
                    r.put("url", companyPath + "/" + i.path());
                    r.set("body", JSON.valueToTree(i.values()));
                }
            }
            r.set("headers", headers);
        }
        JsonNode answer = send("POST $batch of " + writes.size(), "POST", URI.create(apiRoot + "$batch"), batch, 0, null);
        Map<String, WriteResult> results = new LinkedHashMap<>();
        for (JsonNode response : answer.path("responses")) {
            String requestId = response.path("id").asText(null);
            Write w = byRequestId.get(requestId);
            if (w == null) continue; // BC echoes our ids; anything else is not ours to report
            int status = response.path("status").asInt();
            JsonNode body = response.path("body");
            results.put(requestId, result(w, status, body));
        }
        List<WriteResult> ordered = new ArrayList<>(writes.size());
        for (Map.Entry<String, Write> e : byRequestId.entrySet()) {
            WriteResult r = results.get(e.getKey());
            // a response missing from the batch answer: nothing is known about that write
            ordered.add(r != null ? r : new WriteResult(e.getValue().key(), 0, Outcome.UNAVAILABLE, null, "",
                    "no response for this request in the $batch answer", null));
        }
        return ordered;
    }

    private static WriteResult result(Write w, int status, JsonNode body) {
        String key = w.key();
        if (status >= 200 && status < 300) {
            BusinessCentralCustomer customer = body.isObject() && !(w instanceof Insert) ? BusinessCentralCustomer.fromJson(body) : null;
            return new WriteResult(key, status, Outcome.OK, customer, "", "", body.isObject() ? body : null);
        }
        String code = body.path("error").path("code").asText("");
        String message = body.path("error").path("message").asText("");
        Outcome outcome = status == 412 ? Outcome.CONCURRENCY
                : status == 429 || status >= 500 ? Outcome.UNAVAILABLE
                : Outcome.ERROR;
        return new WriteResult(key, status, outcome, null, code, message, null);
    }

    // ---- transport ----

    private URI customerUri(String id) {
        return URI.create(apiRoot + companyPath + "/customers(" + id + ")");
    }

    private ObjectNode body(Map<String, ?> values) {
        for (String field : values.keySet()) {
            if (!BusinessCentralCustomer.WRITABLE.contains(field)) {
                throw new IllegalArgumentException("not a writable customer property of BC API v2.0: " + field);
            }
        }
        return JSON.valueToTree(values);
    }

    private JsonNode send(String what, String method, URI uri, JsonNode body, int maxPageSize, String ifMatch) {
        Token used = currentToken();
        try {
            return sendOnce(what, method, uri, body, maxPageSize, ifMatch, used);
        } catch (TokenRefused refused) {
            synchronized (this) {
                if (token == used) token = null; // another thread may already have replaced it
            }
            try {
                return sendOnce(what, method, uri, body, maxPageSize, ifMatch, currentToken());
            } catch (TokenRefused again) {
                throw new BusinessCentralAuthException(what, "401 with a freshly issued token: " + again.getMessage(), 401, again.code);
            }
        }
    }

    /** A 401 of the API: thrown to {@link #send}, which fetches a new token once. */
    private static final class TokenRefused extends RuntimeException {
        final String code;

        TokenRefused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private JsonNode sendOnce(String what, String method, URI uri, JsonNode body, int maxPageSize, String ifMatch, Token auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + auth.value())
                .header("Accept", "application/json");
        if (maxPageSize > 0) request.header("Prefer", "odata.maxpagesize=" + maxPageSize);
        if (ifMatch != null) request.header("If-Match", ifMatch);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = exchange(what, request.build(), !method.equals("GET"));
        int status = response.statusCode();
        if (status >= 200 && status < 300) return readJson(what, response);
        JsonNode error = errorOf(response);
        String code = error.path("code").asText("");
        String message = error.path("message").asText(snippet(response.body()));
        if (status == 401) throw new TokenRefused(code, message);
        if (status == 403) throw new BusinessCentralAuthException(what, "403 " + code + ": " + message, 403, code);
        if (status == 412) throw new BusinessCentralConcurrencyException(what, code, message);
        if (status == 429 || status == 503) {
            // refused by BC's throttling / front door before the request ran
            throw new BusinessCentralUnavailableException(what, RemoteHttp.answered(status + " " + code + ": " + message, response, false, clock));
        }
        if (status >= 500) {
            throw new BusinessCentralUnavailableException(what,
                    RemoteHttp.answered(status + " " + code + ": " + message, response, !method.equals("GET"), clock));
        }
        throw new BusinessCentralErrorException(what, status, code, message);
    }

    private HttpResponse<byte[]> exchange(String what, HttpRequest request, boolean write) {
        try {
            return RemoteHttp.send(http, request, write);
        } catch (RemoteHttp.Unavailable e) {
            throw new BusinessCentralUnavailableException(what, e.outage());
        }
    }

    private Token currentToken() {
        Token t = token;
        if (t != null && clock.instant().isBefore(t.refreshAt())) return t;
        synchronized (this) {
            t = token;
            if (t == null || !clock.instant().isBefore(t.refreshAt())) {
                t = fetchToken();
                token = t;
            }
            return t;
        }
    }

    /** Client credentials grant; public clients and certificates are out of scope (a secret is what BC admins hand out). */
    private Token fetchToken() {
        String what = "POST token";
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(settings.scope(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        Instant asked = clock.instant();
        HttpResponse<byte[]> response = exchange(what, request, false); // fetching a token changes nothing
        int status = response.statusCode();
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = JSON.createObjectNode();
        }
        if (status == 429 || status >= 500) {
            throw new BusinessCentralUnavailableException(what, RemoteHttp.answered("token endpoint answered " + status, response, false, clock));
        }
        if (status != 200 || !answer.hasNonNull("access_token")) {
            // Entra ID answers 400/401 with {"error":"invalid_client","error_description":"AADSTS7000215: ..."}
            String code = answer.path("error").asText("");
            throw new BusinessCentralAuthException(what, "token refused (" + status + " " + code + "): "
                    + answer.path("error_description").asText(""), status, code);
        }
        long expiresIn = answer.path("expires_in").asLong(0);
        Duration life = Duration.ofSeconds(expiresIn);
        Duration skew = TOKEN_SKEW.compareTo(life.dividedBy(4)) < 0 ? TOKEN_SKEW : life.dividedBy(4);
        tokensFetched++;
        // counted from when we asked, not when the answer arrived: the token's clock started no later than that
        return new Token(answer.get("access_token").asText(), asked.plus(life).minus(skew));
    }

    private List<BusinessCentralCustomer> customers(JsonNode answer) {
        List<BusinessCentralCustomer> out = new ArrayList<>();
        for (JsonNode n : answer.path("value")) out.add(BusinessCentralCustomer.fromJson(n));
        return out;
    }

    /**
     * The {@code @odata.nextLink}, refused unless it points into this client's API root: the client sends its
     * bearer token with it, and a token must not travel to another host.
     */
    private URI nextLink(JsonNode answer) {
        JsonNode link = answer.get("@odata.nextLink");
        if (link == null || link.isNull()) return null;
        return checkedLink(link.asText());
    }

    private URI checkedLink(String s) {
        if (!s.startsWith(apiRoot)) {
            throw new BusinessCentralErrorException("GET nextLink", 0, "UnexpectedNextLink", "nextLink outside " + apiRoot + ": " + s);
        }
        return URI.create(s);
    }

    private static JsonNode readJson(String what, HttpResponse<byte[]> response) {
        if (response.body().length == 0) return JSON.createObjectNode(); // 204
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BusinessCentralErrorException(what, response.statusCode(), "NotJson", snippet(response.body()));
        }
    }

    private static JsonNode errorOf(HttpResponse<byte[]> response) {
        try {
            JsonNode n = JSON.readTree(response.body());
            return n == null ? JSON.createObjectNode() : n.path("error");
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** An OData string literal: single quotes, a quote inside doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Query values percent-encoded, spaces as %20 ('+' is a literal plus to some OData servers). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String snippet(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
