package io.merchantdesk.sync.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import io.merchantdesk.sync.remote.RemoteHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of Tryton's JSON-RPC protocol (checked against trytond 6.0: {@code protocols/dispatcher.py},
 * {@code protocols/jsonrpc.py}, {@code protocols/wrappers.py}).
 *
 * <ul>
 *   <li>Every call is {@code POST {baseUrl}/{database}/} with {@code {"id":n,"method":"...","params":[...]}}.</li>
 *   <li>{@code common.db.login} takes {@code [login, {"password": ...}, language]} and answers
 *       {@code [userId, session]}; later calls carry {@code Authorization: Session base64(login:userId:session)}.</li>
 *   <li>Model methods are {@code model.<model>.<method>} with params {@code [args..., context]}; the context is
 *       the user's preferences ({@code model.res.user.get_preferences(true)}), as Tryton's own clients send it,
 *       so the company and language are the user's.</li>
 *   <li>A refused session (expired, or deleted in Tryton) is 401 before anything runs, so the client logs in
 *       again and repeats the call once. Nothing else is retried here: a time-out after the request was sent
 *       leaves its outcome unknown, and only the caller can check (by merchantdesk's reference) what happened.</li>
 * </ul>
 *
 * The list-based methods ({@link #create}, {@link #write}, {@link #searchRead}...) take whole batches: one HTTP
 * call and one Tryton transaction per batch, never one per record. Thread-safe.
 */
public final class TrytonRpc {

    /**
     * Where and how to reach one Tryton database.
     *
     * @param baseUrl        the server, e.g. {@code http://erp.example:8000} (no database in it)
     * @param connectTimeout bound on opening the TCP connection
     * @param requestTimeout bound on one call, from sending to the whole answer; a batch create of a few hundred
     *                       parties takes seconds, so this is per call, not per record
     */
    public record Settings(URI baseUrl, String database, String login, String password,
                           Duration connectTimeout, Duration requestTimeout) {
        public Settings {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }

        @Override
        public String toString() { // never the password
            return "Tryton[" + baseUrl + " db=" + database + " login=" + login + "]";
        }
    }

    /** One sort key of a search: {@code ["write_date", "ASC"]}. */
    public record Order(String field, boolean ascending) {
        public static Order asc(String field) {
            return new Order(field, true);
        }

        public static Order desc(String field) {
            return new Order(field, false);
        }

        List<String> toTryton() {
            return List.of(field, ascending ? "ASC" : "DESC");
        }
    }

    /** One pair of a batch write: these records get these values. */
    public record Write(List<Long> ids, Map<String, ?> values) {
    }

    private record Session(long userId, String key, String header) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final URI endpoint;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();
    private volatile Session session;
    private volatile Map<String, Object> context = Map.of();

    public TrytonRpc(Settings settings) {
        this.settings = settings;
        String base = settings.baseUrl().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + settings.database() + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1) // trytond's werkzeug server speaks HTTP/1.1 only
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /** Logs in (again) and loads the user's context; called lazily by the first call, public for connection checks. */
    public synchronized void login() {
        String method = "common.db.login";
        Object result = send(method, List.of(settings.login(), Map.of("password", settings.password())), null);
        if (!(result instanceof List<?> pair) || pair.size() != 2) {
            throw new TrytonErrorException(method, TrytonErrorException.Kind.SERVER_FAULT, "unexpected login answer " + result, "", result);
        }
        long userId = ((Number) pair.get(0)).longValue();
        String key = (String) pair.get(1);
        String token = settings.login() + ":" + userId + ":" + key;
        Session fresh = new Session(userId, key, "Session " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        Object preferences;
        try {
            preferences = send("model.res.user.get_preferences", List.of(true, Map.of()), fresh);
        } catch (SessionRefused refused) {
            throw new TrytonAuthException("model.res.user.get_preferences", "the session was refused right after log-in", 401);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> prefs = preferences instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        this.context = Map.copyOf(withoutNulls(prefs));
        this.session = fresh;
    }

    /** The id of the logged-in user (logs in if needed). */
    public long userId() {
        return currentSession().userId();
    }

    /** The context sent with every model call (the user's preferences: company, language...). */
    public Map<String, Object> context() {
        currentSession();
        return context;
    }

    /**
     * Calls {@code model.<model>.<method>} with {@code args} followed by the user's context (merged with
     * {@code extraContext}), re-logging in once when the session was refused.
     */
    public Object call(String model, String method, List<?> args, Map<String, ?> extraContext) {
        String rpcMethod = "model." + model + "." + method;
        Session used = currentSession();
        try {
            return send(rpcMethod, withContext(args, extraContext), used);
        } catch (SessionRefused refused) {
            synchronized (this) {
                if (session == used) login(); // another thread may already have replaced it
            }
            try {
                return send(rpcMethod, withContext(args, extraContext), currentSession());
            } catch (SessionRefused again) {
                throw new TrytonAuthException(rpcMethod, "the session was refused right after a new log-in", 401);
            }
        }
    }

    public Object call(String model, String method, List<?> args) {
        return call(model, method, args, Map.of());
    }

    /** {@code create(vlist)}: one call for the whole list; the ids come back in the order of {@code values}. */
    public List<Long> create(String model, List<? extends Map<String, ?>> values) {
        if (values.isEmpty()) return List.of();
        return longs(call(model, "create", List.of(values)));
    }

    /** {@code write(ids, values, ids2, values2, ...)}: Tryton takes alternating id lists and values in one call. */
    public void write(String model, List<Write> changes) {
        List<Object> args = new ArrayList<>(changes.size() * 2);
        for (Write w : changes) {
            if (w.ids().isEmpty()) continue;
            args.add(w.ids());
            args.add(w.values());
        }
        if (!args.isEmpty()) call(model, "write", args);
    }

    public void write(String model, List<Long> ids, Map<String, ?> values) {
        write(model, List.of(new Write(ids, values)));
    }

    public void delete(String model, List<Long> ids) {
        if (!ids.isEmpty()) call(model, "delete", List.of(ids));
    }

    /** {@code read(ids, fields)}: Tryton answers in its own order, not necessarily that of {@code ids}. */
    public List<Map<String, Object>> read(String model, List<Long> ids, List<String> fields) {
        if (ids.isEmpty()) return List.of();
        return records(call(model, "read", List.of(ids, fields)));
    }

    /**
     * {@code search(domain, offset, limit, order)}. A domain is a list of clauses {@code [field, operator, value]},
     * AND-ed unless it starts with {@code "OR"}; nested lists group. {@code limit} null means no limit.
     */
    public List<Long> search(String model, List<?> domain, int offset, Integer limit, List<Order> order) {
        return longs(call(model, "search", List.of(domain, offset, nullable(limit), orders(order))));
    }

    public long searchCount(String model, List<?> domain) {
        return ((Number) call(model, "search_count", List.of(domain))).longValue();
    }

    /**
     * {@code search_read(domain, offset, limit, order, fields)}: search and read in one call; every row has
     * {@code id}. A relation can be followed with a dot: asking for {@code "country.code"} answers the key
     * {@code "country."} holding {@code {"id":..,"code":..}} (trytond 6.0 {@code ModelSQL.read}).
     */
    public List<Map<String, Object>> searchRead(String model, List<?> domain, int offset, Integer limit,
                                                List<Order> order, List<String> fields) {
        return records(call(model, "search_read", List.of(domain, offset, nullable(limit), orders(order), fields)));
    }

    /** A clause {@code [field, operator, value]} for domains. */
    public static List<Object> clause(String field, String operator, Object value) {
        List<Object> c = new ArrayList<>(3);
        c.add(field);
        c.add(operator);
        c.add(value);
        return c;
    }

    /** Logs out (best effort): Tryton deletes the session. */
    public void logout() {
        Session s = session;
        if (s == null) return;
        session = null;
        try {
            send("common.db.logout", List.of(), s);
        } catch (TrytonRpcException | SessionRefused ignored) {
            // the session is gone either way
        }
    }

    // ---- transport ----

    private Session currentSession() {
        Session s = session;
        if (s != null) return s;
        synchronized (this) {
            if (session == null) login();
            return session;
        }
    }

    private List<Object> withContext(List<?> args, Map<String, ?> extraContext) {
        List<Object> params = new ArrayList<>(args);
        Map<String, Object> ctx = new LinkedHashMap<>(context);
        if (extraContext != null) ctx.putAll(extraContext);
        params.add(ctx);
        return params;
    }

    /** A 401 on a call with a session: thrown to {@link #call}, which logs in again. */
    private static final class SessionRefused extends RuntimeException {
        SessionRefused() {
            super(null, null, false, false);
        }
    }

    private Object send(String method, List<?> params, Session auth) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", ids.incrementAndGet());
        body.put("method", method);
        body.set("params", TrytonJson.encode(params));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)));
        if (auth != null) request.header("Authorization", auth.header());
        HttpResponse<byte[]> response;
        try {
            response = RemoteHttp.send(http, request.build(), true); // any call may have run once it was sent
        } catch (RemoteHttp.Unavailable e) {
            throw new TrytonUnavailableException(method, e.outage());
        }
        int status = response.statusCode();
        if (status == 401) {
            if (auth != null && !method.equals("common.db.login")) throw new SessionRefused();
            throw new TrytonAuthException(method, "log-in refused for " + settings.login() + " (wrong login or password)", status);
        }
        if (status == 404 && method.equals("common.db.login")) {
            throw new TrytonAuthException(method, "database " + settings.database() + " not found on " + settings.baseUrl(), status);
        }
        if (status == 403) {
            // Tryton answers 403 only for a method missing from the model's __rpc__; a new session cannot help
            throw new TrytonErrorException(method, TrytonErrorException.Kind.FORBIDDEN_METHOD, "method not callable over RPC", "", null);
        }
        if (status == 429 || status >= 500) {
            throw new TrytonUnavailableException(method, RemoteHttp.answered("HTTP " + status, response, status >= 500, Clock.systemUTC()));
        }
        if (status != 200) {
            throw new TrytonErrorException(method, TrytonErrorException.Kind.SERVER_FAULT, "HTTP " + status + ": " + snippet(response.body()), "", null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TrytonErrorException(method, TrytonErrorException.Kind.SERVER_FAULT, "not JSON: " + snippet(response.body()), "", null);
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) throw TrytonErrorException.fromAnswer(method, TrytonJson.decode(error));
        return TrytonJson.decode(answer.get("result"));
    }

    private static String snippet(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static Object nullable(Object value) {
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
    }

    private static Object orders(List<Order> order) {
        if (order == null || order.isEmpty()) return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        ArrayNode a = JSON.createArrayNode();
        for (Order o : order) a.add(TrytonJson.encode(o.toTryton()));
        return a;
    }

    private static List<Long> longs(Object result) {
        List<Long> out = new ArrayList<>();
        for (Object o : (Collection<?>) result) out.add(((Number) o).longValue());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Object result) {
        return (List<Map<String, Object>>) result;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return out;
    }
}
