package io.merchantdesk.kernel.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * kernel.security.VerifiedTokens: a token that verified once is not verified again while it is valid, and nothing
 * else rides on that: a token differing in any byte, signed by an untrusted key, or past its exp is checked in full.
 */
@QuarkusTest
class KernelVerifiedTokensTest {
    @Inject
    JWTParser parser;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    private String token(String subject, Instant exp) {
        return Jwt.issuer(issuer).subject(subject).claim("email", subject + "@example.com").expiresAt(exp).sign();
    }

    @Test
    @DisplayName("the same token string is verified once: the second parse returns the verified token itself")
    void sameTokenIsVerifiedOnce() throws Exception {
        String token = token(Api.unique("verified"), Instant.now().plusSeconds(600));
        var first = parser.parse(token);
        assertSame(first, parser.parse(token));
        assertEquals(first.getSubject(), parser.parse(token).getSubject());
        // A different token of the same subject is its own entry.
        assertNotSame(first, parser.parse(token(first.getSubject(), Instant.now().plusSeconds(601))));
    }

    @Test
    @DisplayName("after a token is cached, a copy with one changed signature byte and a look-alike signed by another key are 401")
    void tamperedAndForeignTokensAreRefusedAfterAHit() throws Exception {
        String subject = Api.unique("tamper");
        String token = token(subject, Instant.now().plusSeconds(600));
        given().auth().oauth2(token).get("/me").then().statusCode(200).body("subject", equalTo(subject));
        given().auth().oauth2(token).get("/me").then().statusCode(200).body("subject", equalTo(subject));

        int last = token.length() - 2; // not the final character: its low bits may be padding that decoding ignores
        char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, last) + flipped + token.substring(last + 1);
        given().auth().oauth2(tampered).get("/me").then().statusCode(401);
        assertThrows(ParseException.class, () -> parser.parse(tampered));

        var rogue = KeyPairGenerator.getInstance("RSA");
        rogue.initialize(2048);
        String foreign = Jwt.issuer(issuer).subject(subject).claim("email", subject + "@example.com")
                .expiresAt(Instant.now().plusSeconds(600)).sign(rogue.generateKeyPair().getPrivate());
        given().auth().oauth2(foreign).get("/me").then().statusCode(401);
        // The cached original still works: a refused look-alike does not evict or replace it.
        given().auth().oauth2(token).get("/me").then().statusCode(200);
    }

    @Test
    @DisplayName("a verified token is reused only while its exp is ahead; a token without exp is never reused")
    void reuseEndsAtExp() throws Exception {
        long now = System.currentTimeMillis();
        assertFalse(VerifiedTokens.unexpired(jwt(0), now));
        assertFalse(VerifiedTokens.unexpired(jwt(now / 1000 - 1), now));
        assertFalse(VerifiedTokens.unexpired(jwt(now / 1000), now + 1000));
        assertTrue(VerifiedTokens.unexpired(jwt(now / 1000 + 60), now));

        // A token that expires in 2 s: reused before, verified in full after (then smallrye's clock skew decides).
        String token = token(Api.unique("short"), Instant.now().plusSeconds(2));
        var first = parser.parse(token);
        assertSame(first, parser.parse(token));
        Thread.sleep(2100);
        assertNotSame(first, parser.parse(token), "past exp the cached entry is not used");
    }

    private static JsonWebToken jwt(long exp) {
        return new JsonWebToken() {
            @Override public String getName() { return "t"; }
            @Override public Set<String> getClaimNames() { return Set.of(); }
            @Override public <T> T getClaim(String claimName) { return null; }
            @Override public long getExpirationTime() { return exp; }
        };
    }
}
