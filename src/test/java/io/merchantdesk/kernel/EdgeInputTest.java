package io.merchantdesk.kernel;

import static io.merchantdesk.support.Stores.staff;
import static io.merchantdesk.support.Stores.store;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The edge checks of issue 12, one class of bad input per test: each is a 4xx problem naming what is wrong. */
@QuarkusTest
class EdgeInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> raw(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.path("status").asInt());
        return p;
    }

    /** {@link #problem}, asserting also the code. */
    private static JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        JsonNode p = problem(r, status);
        assertEquals(code, p.path("code").asText(), r.body());
        return p;
    }

    /** {@link #problem}, asserting also the code and the field the first error names. */
    private static JsonNode problem(HttpResponse<String> r, int status, String code, String field) throws Exception {
        JsonNode p = problem(r, status, code);
        assertEquals(field, firstField(p), r.body());
        return p;
    }

    private static String firstField(JsonNode problem) {
        return problem.path("errors").get(0).path("field").asText();
    }

    /** POSTs the body chunked (no Content-Length) to /stores as the user. */
    private HttpResponse<String> postChunked(Api.User user, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(root.resolve("stores"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + user.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("NUL in a path parameter is a 400 INVALID_TEXT naming the parameter")
    void nulInPathParameter() throws Exception {
        var user = Api.user("edge");
        problem(raw("GET", "/stores/a%00b", user.token(), null), 400, "INVALID_TEXT", "storeId");
    }

    @Test
    @DisplayName("NUL in a query parameter (q) is a 400 INVALID_TEXT naming q")
    void nulInQuery() throws Exception {
        var user = Api.user("edge");
        String store = store(user);
        problem(raw("GET", "/stores/" + store + "/customers?q=ad%00a", user.token(), null), 400, "INVALID_TEXT", "q");
    }

    @Test
    @DisplayName("NUL in a body string, raw or escaped, is a 400 INVALID_TEXT naming the JSON field; nothing is stored")
    void nulInBody() throws Exception {
        var user = Api.user("edge");
        for (String name : List.of("\"Sh\\u0000op\"", "\"Sh\u0000op\"")) {
            problem(raw("POST", "/stores", user.token(), "{\"name\":" + name + ",\"billingCurrency\":\"USD\",\"plan\":\"GROW\"}"), 400,
                    "INVALID_TEXT", "name");
        }
        user.as().get("/stores").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    @DisplayName("A lone surrogate in a body string is a 400 INVALID_TEXT")
    void loneSurrogateInBody() throws Exception {
        var user = Api.user("edge");
        problem(raw("POST", "/stores", user.token(), "{\"name\":\"x\\ud800\",\"billingCurrency\":\"USD\",\"plan\":\"GROW\"}"), 400, "INVALID_TEXT");
    }

    @Test
    @DisplayName("A validly signed token whose sub carries NUL is a 400 INVALID_TOKEN_CLAIM naming token.sub; an e-mail that is not text too")
    void oddTokenClaims() throws Exception {
        String nulSub = Jwt.issuer(issuer).subject("ada\u0000").claim("email", "a@example.com").sign();
        problem(raw("GET", "/me", nulSub, null), 400, "INVALID_TOKEN_CLAIM", "token.sub");
        String numericEmail = Jwt.issuer(issuer).subject(Api.unique("odd")).claim("email", 42).sign();
        assertEquals("token.email", firstField(problem(raw("GET", "/me", numericEmail, null), 400)));
        String longSub = Jwt.issuer(issuer).subject("s".repeat(300)).sign();
        assertEquals("token.sub", firstField(problem(raw("GET", "/me", longSub, null), 400)));
    }

    @Test
    @DisplayName("A malformed id in the path is a 400 INVALID_PARAMETER naming it, not a generic 404")
    void malformedIdIs400() throws Exception {
        var user = Api.user("edge");
        problem(raw("GET", "/stores/not-a-uuid", user.token(), null), 400, "INVALID_PARAMETER", "storeId");
        // a well-formed id of nothing is still 404
        problem(raw("GET", "/stores/" + java.util.UUID.randomUUID(), user.token(), null), 404);
    }

    @Test
    @DisplayName("A limit that is not an integer is a 400 INVALID_PARAMETER naming limit")
    void malformedLimit() throws Exception {
        var user = Api.user("edge");
        assertEquals("limit", firstField(problem(raw("GET", "/stores?limit=99999999999", user.token(), null), 400)));
    }

    @Test
    @DisplayName("A duplicate JSON key is a 400 DUPLICATE_KEY naming the key, with nothing applied")
    void duplicateKey() throws Exception {
        var user = Api.user("edge");
        String store = store(user);
        problem(raw("POST", "/stores/" + store + "/charges", user.token(), "{\"amount\":\"10.00\",\"amount\":\"99.00\",\"description\":\"x\"}"), 400,
                "DUPLICATE_KEY", "amount");
        user.as().get("/stores/" + store).then().statusCode(200).body("outstandingBalance.amount", anyOf(equalTo("0.00"), equalTo("0")));
    }

    @Test
    @DisplayName("Out-of-range decimals and integers (25 integer digits, 13 fraction digits, 2^63) are 400 NUMBER_OUT_OF_RANGE naming the field")
    void outOfRangeNumbers() throws Exception {
        var user = Api.user("edge");
        String store = store(user);
        for (String amount : List.of("\"9223372036854775808123456\"", "\"0.0000000000001\"", "\"-9223372036854775808123456.5\"")) {
            problem(raw("POST", "/stores/" + store + "/charges", user.token(), "{\"amount\":" + amount + ",\"description\":\"x\"}"), 400,
                    "NUMBER_OUT_OF_RANGE", "amount");
        }
        problem(raw("POST", "/test-probe/items", user.token(), "{\"name\":\"x\",\"colour\":\"RED\",\"quantity\":9223372036854775808}"), 400,
                "NUMBER_OUT_OF_RANGE", "quantity");
    }

    @Test
    @DisplayName("Every invalid field of a body in one answer: enums, formats, types and constraints, each with its JSON path")
    void everyInvalidFieldAtOnce() throws Exception {
        var user = Api.user("edge");
        JsonNode p = problem(raw("POST", "/stores", user.token(), "{\"name\":\"x\",\"billingCurrency\":\"EURO\",\"plan\":\"FOO\"}"),
                400, "VALIDATION_FAILED");
        assertEquals(List.of("billingCurrency", "plan"), fields(p), p.toString());

        String store = store(user);
        String order = """
                {"customerId":"not-a-uuid","companyLocationId":"also-not","status":"PAID","placedAt":"yesterday",
                 "lineItems":[{"title":"ok","quantity":1,"unitPrice":"1.00"},
                              {"title":" ","quantity":"two","unitPrice":12.5},
                              {"title":"x","quantity":0,"unitPrice":"abc"}]}""";
        p = problem(raw("POST", "/stores/" + store + "/orders", user.token(), order), 400, "VALIDATION_FAILED");
        assertEquals(List.of("companyLocationId", "customerId", "lineItems[1].quantity", "lineItems[1].title", "lineItems[1].unitPrice",
                "lineItems[2].quantity", "lineItems[2].unitPrice", "placedAt", "status"), fields(p), p.toString());

        // one field keeps its own code
        problem(raw("POST", "/stores", user.token(), "{\"name\":\"x\",\"billingCurrency\":\"USD\",\"plan\":\"FOO\"}"), 400,
                "UNKNOWN_ENUM_VALUE", "plan");
        user.as().get("/stores").then().statusCode(200).body("items.size()", equalTo(1));
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new java.util.ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    @DisplayName("A decimal travels as a string: a JSON number (even a huge one) is 400 INVALID_FIELD_TYPE, an exponent or a word 400 INVALID_FIELD_VALUE")
    void decimalsAreStrings() throws Exception {
        var user = Api.user("edge");
        String store = store(user);
        for (String amount : List.of("19.99", "9223372036854775808123456", "1e999999999", "-1e999999999")) {
            problem(raw("POST", "/stores/" + store + "/charges", user.token(), "{\"amount\":" + amount + ",\"description\":\"x\"}"), 400,
                    "INVALID_FIELD_TYPE", "amount");
        }
        for (String amount : List.of("\"1e999999999\"", "\"NaN\"", "\" 19.99\"", "\"19,99\"")) {
            problem(raw("POST", "/stores/" + store + "/charges", user.token(), "{\"amount\":" + amount + ",\"description\":\"x\"}"), 400,
                    "INVALID_FIELD_VALUE", "amount");
        }
        user.as().get("/stores/" + store).then().statusCode(200).body("outstandingBalance.amount", anyOf(equalTo("0.00"), equalTo("0")));
    }

    @Test
    @DisplayName("Malformed JSON says where, without the JSON library's internals")
    void malformedJsonDetail() throws Exception {
        var user = Api.user("edge");
        JsonNode p = problem(raw("POST", "/stores", user.token(), "{\"name\": \"x\", "), 400, "MALFORMED_JSON");
        assertTrue(p.path("detail").asText().matches("The request body is not valid JSON \\(line \\d+, column \\d+\\)"), p.path("detail").asText());
    }

    @Test
    @DisplayName("One code, one title: VALIDATION_FAILED from Bean Validation and from a service check read the same")
    void validationFailedHasOneTitle() throws Exception {
        var user = Api.user("edge");
        String beanValidation = problem(raw("POST", "/stores", user.token(), "{\"name\":\"\",\"billingCurrency\":\"USD\",\"plan\":\"GROW\"}"), 400).path("title").asText();
        String serviceCheck = problem(raw("POST", "/stores", user.token(), "{\"name\":\"x\",\"billingCurrency\":\"XXQ\",\"plan\":\"GROW\"}"), 400).path("title").asText();
        assertEquals(beanValidation, serviceCheck);
    }

    @Test
    @DisplayName("A forged but well-formed cursor on the referrals list is a 400 naming cursor")
    void forgedReferralsCursor() throws Exception {
        var user = Api.user("edge");
        String partner = user.as().body(Map.of("name", Api.unique("agency"))).post("/partners").then().statusCode(201).extract().path("id");
        for (String keys : List.of("[\"2020-01-01T00:00:00Z\",\"not-a-uuid\"]", "[\"x\",\"" + java.util.UUID.randomUUID() + "\"]")) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getBytes(StandardCharsets.UTF_8));
            assertEquals("cursor", firstField(problem(raw("GET", "/partners/" + partner + "/referrals?cursor=" + cursor, user.token(), null), 400)));
        }
    }

    @Test
    @DisplayName("A chunked body (no Content-Length) over the limit is a 413 problem")
    void chunkedBodyOverLimit() throws Exception {
        var user = Api.user("edge");
        byte[] big = ("{\"name\":\"" + "x".repeat(3_000_000) + "\",\"billingCurrency\":\"USD\",\"plan\":\"GROW\"}").getBytes(StandardCharsets.UTF_8);
        problem(postChunked(user, big), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    @DisplayName("A chunked body under the limit is read and applied like any other")
    void chunkedBodyUnderLimit() throws Exception {
        var user = Api.user("edge");
        byte[] body = ("{\"name\":\"Chunked shop\",\"billingCurrency\":\"USD\",\"plan\":\"GROW\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = postChunked(user, body);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("Chunked shop", JSON.readTree(r.body()).path("name").asText());
    }

    @Test
    @DisplayName("A URI over the limit is a 414 URI_TOO_LONG problem and headers over the limit a 431 HEADERS_TOO_LARGE problem")
    void oversizedRequestLineAndHeaders() throws Exception {
        String tooLong = rawResponse("GET /stores?q=" + "x".repeat(5_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertRawProblem(tooLong, 414, "URI_TOO_LONG");
        String tooLarge = rawResponse("GET /stores HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(25_000) + "\r\n\r\n");
        assertRawProblem(tooLarge, 431, "HEADERS_TOO_LARGE");
        // also when the token itself is what is too large, and with HTTP/1.1 from java.net.http
        HttpResponse<String> r = raw("GET", "/stores", "x".repeat(21_000), null);
        problem(r, 431, "HEADERS_TOO_LARGE");
        // just under the limits the request reaches the application (401: no valid token)
        assertTrue(rawResponse("GET /stores?q=" + "x".repeat(4_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n").startsWith("HTTP/1.1 401"));
        // the server is still there afterwards
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    @DisplayName("Beyond the Vert.x decoder limits (4x ours) Vert.x still answers 414/431 itself, bare, and closes (docs/operations.md)")
    void beyondTheDecoderLimits() throws Exception {
        String tooLong = rawResponse("GET /stores?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        // the line was cut before its HTTP version, so Vert.x answers in HTTP/1.0
        assertTrue(tooLong.matches("(?s)HTTP/1\\.[01] 414 .*") && !tooLong.contains("problem+json"), tooLong);
        String tooLarge = rawResponse("GET /stores HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(90_000) + "\r\n\r\n");
        assertTrue(tooLarge.matches("(?s)HTTP/1\\.[01] 431 .*") && !tooLarge.contains("problem+json"), tooLarge);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static void assertRawProblem(String response, int status, String code) throws Exception {
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        int split = response.indexOf("\r\n\r\n");
        String head = response.substring(0, split).toLowerCase();
        assertTrue(head.contains("content-type: application/problem+json"), head);
        JsonNode p = JSON.readTree(response.substring(split + 4));
        assertEquals(status, p.path("status").asInt());
        assertEquals(code, p.path("code").asText());
    }

    @Test
    @DisplayName("A bodiless DELETE called with Accept: application/problem+json only (as generated clients do) runs, no 406")
    void problemOnlyAcceptOnBodilessDelete() throws Exception {
        var owner = Api.user("edge");
        var staff = Api.user("edge-staff");
        String store = store(owner);
        staff(owner, store, staff, "MANAGE_ORDERS");
        given().auth().oauth2(owner.token()).accept("application/problem+json").delete("/stores/" + store + "/staff/" + staff.id())
                .then().statusCode(204);
    }

    /** Sends the bytes as they are and reads the whole answer (the server closes the connection after a refusal). */
    private String rawResponse(String request) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // Connection: close, so the answer ends with the connection even when the request is accepted
            out.write(request.replaceFirst("\r\n", "\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) answer.write(buffer, 0, n);
            } catch (java.net.SocketException reset) {
                // the server closed while part of an oversized request was unread: keep what it answered
                if (answer.size() == 0) throw reset;
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
