package io.merchantdesk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operators' key and token tools under deploy/tools, run with /bin/sh and openssl. */
class OperatorToolsTest {
    static final Path JWK = Path.of("deploy", "tools", "jwk.sh");

    @Test
    @DisplayName("jwk.sh prints the exact public JWK of a private or public PEM key, and a JWKS of several")
    void jwkOfAKey() throws Exception {
        var single = ScriptRunner.run(JWK, Map.of(), TestKeys.NEW.privatePem().toString(), TestKeys.NEW.kid());
        assertEquals(0, single.exitCode(), single.stderr());
        assertEquals(TestKeys.NEW.jwk(), single.stdout().trim());

        Path publicPem = Files.createTempFile("public", ".pem");
        Files.writeString(publicPem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestKeys.OLD.publicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        var set = ScriptRunner.run(JWK, Map.of(), "-s", publicPem.toString(), TestKeys.OLD.kid(), TestKeys.NEW.privatePem().toString(), TestKeys.NEW.kid());
        assertEquals(0, set.exitCode(), set.stderr());
        assertEquals("{\"keys\":[" + TestKeys.OLD.jwk() + "," + TestKeys.NEW.jwk() + "]}", set.stdout().trim());
        Files.delete(publicPem);

        assertEquals(2, ScriptRunner.run(JWK, Map.of(), TestKeys.NEW.privatePem().toString(), "bad\"kid").exitCode());
    }

    @Test
    @DisplayName("mint-token.sh signs an RS256 token with kid, issuer, subject, groups and expiry, verifiable with the public key")
    void mintedTokenIsValid() throws Exception {
        String token = ScriptRunner.mintToken(TestKeys.NEW, "sync-operator", "sync-operator");
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(TestKeys.NEW.kid(), header.get("kid").asText());
        assertEquals(TestKeys.ISSUER, claims.get("iss").asText());
        assertEquals("sync-operator", claims.get("sub").asText());
        assertEquals("sync-operator", claims.get("groups").get(0).asText());
        long now = Instant.now().getEpochSecond();
        assertTrue(Math.abs(claims.get("exp").asLong() - (now + 86400)) < 120, "expires in the requested day");

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(TestKeys.NEW.publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies with the key's public half");
    }

    @Test
    @DisplayName("mint-token.sh refuses missing arguments and values that would break the JSON")
    void mintRefusesBadInput() throws Exception {
        Path tool = Path.of("deploy", "tools", "mint-token.sh");
        assertEquals(2, ScriptRunner.run(tool, Map.of(), "-i", TestKeys.ISSUER, "-s", "x").exitCode());
        assertEquals(2, ScriptRunner.run(tool, Map.of(), "-k", TestKeys.NEW.privatePem().toString(), "-i", TestKeys.ISSUER,
                "-s", "x\",\"groups\":[\"platform-admin\"]").exitCode());
    }
}
