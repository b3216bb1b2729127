import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sync benchmarks share (JDK multi-file source launcher, Java 22+): calls to the service's API with a bearer
 * token, the ETag of the last answer (sent back as If-Match when set), and reading fields of an answer without a JSON
 * library (the benchmarks run with the PostgreSQL driver alone on the classpath).
 */
final class BenchApi {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;
    static String lastEtag;
    static String ifMatch;

    private BenchApi() {}

    static String counters(String run) {
        Matcher m = Pattern.compile("\"counters\":\\{[^}]*}").matcher(run);
        return m.find() ? m.group() : run;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
        return m.group(1);
    }

    static String get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    static String post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body);
    }

    static String send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (ifMatch != null) b.header("If-Match", ifMatch);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        lastEtag = r.headers().firstValue("ETag").orElse(null);
        return r.body();
    }
}
