package io.merchantdesk.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI in a real browser: headless Chromium (Debian's package) driven by playwright-core
 * ({@code src/test/browser/swagger-ui.mjs}). A {@code @QuarkusTest} because it needs {@code /dev/tokens}, which
 * only dev and test builds have. The build installs the npm packages itself (profile browser-test-modules); a
 * missing Chromium fails the test with the install command. It is skipped only when asked for, visibly:
 * {@code -Dmerchantdesk.browser-test=skip} (never in CI).
 */
@QuarkusTest
class SwaggerUiBrowserTest {
    private static final Path SCRIPT_DIR = Path.of("src/test/browser");
    private static final Path OUT = Path.of("target/swagger-ui");

    @Test
    @DisplayName("Swagger UI: mint a token with /dev/tokens, Authorize, execute GET /me and POST /stores, see the answers rendered")
    void swaggerUiWorksInABrowser() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        boolean ready = Files.isExecutable(chromium) && Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core"));
        if (!ready) {
            String why = "the Swagger UI browser test needs " + chromium + " (apt-get install chromium) and 'npm ci' in " + SCRIPT_DIR
                    + "; to skip it on purpose run with -Dmerchantdesk.browser-test=skip";
            boolean skipAsked = "skip".equals(System.getProperty("merchantdesk.browser-test")) && !"true".equals(System.getenv("CI"));
            assertTrue(skipAsked, why);
            Assumptions.abort("skipped on request (-Dmerchantdesk.browser-test=skip): " + why);
        }
        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve("result.json"));
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        Process node = new ProcessBuilder(List.of("node", "swagger-ui.mjs", base, OUT.toAbsolutePath().toString()))
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(OUT.resolve("browser.log").toFile()).start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("The browser test did not finish within 180 s; see " + OUT.resolve("browser.log"));
        }
        String log = Files.readString(OUT.resolve("browser.log"));
        assertEquals(0, node.exitValue(), "browser test failed:\n" + log);

        JsonNode result = new ObjectMapper().readTree(OUT.resolve("result.json").toFile());
        assertTrue(result.path("ok").asBoolean(), log);
        assertTrue(result.path("title").asText().contains("merchantdesk API"));
        assertTrue(result.path("authorized").asBoolean(), "the Authorize dialog accepted the token");
        JsonNode steps = result.path("steps");
        assertEquals("POST /dev/tokens", steps.get(0).path("operation").asText());
        assertEquals("200", steps.get(1).path("status").asText(), "GET /me rendered 200");
        assertTrue(steps.get(1).path("subject").asText().startsWith("browser-"));
        assertEquals("201", steps.get(2).path("status").asText(), "POST /stores rendered 201");
        assertEquals(steps.get(1).path("userId").asText(), steps.get(2).path("ownerId").asText(), "the caller owns the store");
        assertTrue(Files.size(OUT.resolve("get-me.png")) > 10_000, "screenshot of GET /me kept");
        assertTrue(Files.size(OUT.resolve("post-stores.png")) > 10_000, "screenshot of POST /stores kept");
    }
}
