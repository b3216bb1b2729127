package io.merchantdesk.kernel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.merchantdesk.openapi.ServedOpenApi;
import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 23 item 5: a method a path lacks is a 405 problem with an exact Allow, and OPTIONS says the same. */
@QuarkusTest
class HttpMethodsTest {
    private static final String ID = UUID.randomUUID().toString();
    private static final List<String> ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The Allow a path of the served document must carry: its operations, HEAD beside GET, OPTIONS always. */
    private static String documentedAllow(JsonNode pathItem) {
        Set<String> methods = new LinkedHashSet<>();
        for (String m : ORDER) {
            String lower = m.toLowerCase();
            if (pathItem.has(lower) || m.equals("OPTIONS") || (m.equals("HEAD") && pathItem.has("get"))) methods.add(m);
        }
        return String.join(", ", methods);
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", ID);
    }

    private static void assertMethodNotAllowed(Response r, String method, String path, String allow) {
        assertEquals(405, r.statusCode(), method + " " + path + ": " + r.asString());
        assertEquals(allow, r.header("Allow"), method + " " + path);
        if (!method.equals("HEAD")) {
            assertTrue(r.contentType().startsWith("application/problem+json"), method + " " + path + ": " + r.contentType());
            assertEquals("METHOD_NOT_ALLOWED", r.path("code"), method + " " + path);
            assertEquals(405, (int) r.path("status"), method + " " + path);
        }
    }

    @Test
    @DisplayName("The paths the fuzzer found answering 404 now answer 405 with the methods they have")
    void fuzzerPairsAre405() {
        Api.User user = Api.user("methods");
        String storeId = io.merchantdesk.support.Stores.store(user);
        Map<String, String> cases = Map.of(
                "DELETE /stores/" + storeId + "/companies", "GET, HEAD, POST, OPTIONS",
                "POST /stores/" + storeId + "/orders/" + ID, "GET, HEAD, DELETE, OPTIONS",
                "GET /stores/" + storeId + "/orders/" + ID + "/cancellation", "POST, OPTIONS",
                "DELETE /stores", "GET, HEAD, POST, OPTIONS");
        cases.forEach((request, allow) -> {
            String method = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1);
            Response r = user.as().request(method, path);
            assertMethodNotAllowed(r, method, path, allow);
            assertEquals(allow, given().options(path).then().statusCode(204).extract().header("Allow"), "OPTIONS " + path);
        });
    }

    @Test
    @DisplayName("Without a token a method the path lacks is 401 first, like every other answer")
    void unauthenticatedFirst() {
        for (String token : new String[] {null, "not-a-jwt"}) {
            var spec = token == null ? given() : given().auth().oauth2(token);
            spec.delete("/stores/" + ID + "/companies")
                    .then().statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", "Bearer")
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    @Test
    @DisplayName("A path's own methods still reach the resource; an unknown path is still a 404 problem")
    void ownMethodsAndUnknownPaths() {
        Api.User user = Api.user("methods-own");
        user.as().get("/stores/" + ID + "/orders/" + ID).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        user.as().get("/no-such-path").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    @DisplayName("For every path of the served document, OPTIONS and every missing method answer the same exact Allow")
    void everyDocumentedPath() {
        Api.User user = Api.user("methods-all");
        List<String> defects = new ArrayList<>();
        JsonNode paths = ServedOpenApi.document().path("paths");
        for (Map.Entry<String, JsonNode> entry : paths.properties()) {
            String path = concrete(entry.getKey());
            String allow = documentedAllow(entry.getValue());
            String options = given().options(path).header("Allow");
            if (!allow.equals(options)) defects.add("OPTIONS " + entry.getKey() + ": Allow " + options + ", document says " + allow);
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")) {
                if (allow.contains(method)) continue;
                Response r = user.as().request(method, path);
                if (r.statusCode() != 405 || !allow.equals(r.header("Allow"))
                        || (!method.equals("HEAD") && !"METHOD_NOT_ALLOWED".equals(r.path("code")))) {
                    defects.add(method + " " + entry.getKey() + ": " + r.statusCode() + " Allow " + r.header("Allow") + " " + r.asString());
                }
            }
        }
        assertTrue(paths.size() > 40, "the document has its paths");
        assertTrue(defects.isEmpty(), String.join("\n", defects));
    }
}
