package io.merchantdesk.deploy;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Test key pairs standing in for an identity provider's signing keys: OLD and NEW are the two keys of a
 * rotation, ROGUE is never trusted. Kept as files under target/it-keys so that the test resource (which
 * writes the JWKS the packaged application trusts) and the tests (which sign tokens) see the same keys.
 */
public final class TestKeys {
    private TestKeys() {}

    /**
     * The Tink AEAD keyset the prod-profile tests give {@code merchantdesk.secrets.keyset} (the prod profile has no
     * default). Test-only, like the test JWT keys; not the dev keyset of application.properties.
     */
    public static final String SECRETS_KEYSET = "{\"primaryKeyId\":1457680014,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiB4qeVajjXnsHRkybf27PEuDMG9g2pTwdb6igDfi4b5Nw==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":1457680014,\"outputPrefixType\":\"TINK\"}]}";
    public static final String ISSUER = "https://idp.merchantdesk.test/";
    private static final Path DIR = Path.of("target", "it-keys").toAbsolutePath();

    public record Key(String kid, PrivateKey privateKey, RSAPublicKey publicKey, Path privatePem) {
        /** The public key as a JWK (RFC 7517) with its kid. */
        public String jwk() {
            return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(publicKey.getModulus())
                    + "\",\"e\":\"" + b64(publicKey.getPublicExponent()) + "\"}";
        }
    }

    public static final Key OLD = load("md-2026-01");
    public static final Key NEW = load("md-2026-07");
    public static final Key ROGUE = load("rogue");

    /**
     * Writes a JWKS trusting the given keys and returns its absolute path. It is made by the operators'
     * tool deploy/tools/jwk.sh (checked against {@link Key#jwk()} in OperatorToolsTest), so the integration
     * tests also prove that a JWKS built the documented way is accepted by the service.
     */
    public static Path jwks(List<Key> keys) {
        List<String> args = new java.util.ArrayList<>(List.of("-s"));
        keys.forEach(k -> args.addAll(List.of(k.privatePem().toString(), k.kid())));
        String json;
        try {
            var result = ScriptRunner.run(Path.of("deploy", "tools", "jwk.sh"), java.util.Map.of(), args.toArray(String[]::new));
            if (result.exitCode() != 0) throw new IllegalStateException("jwk.sh failed: " + result.stderr());
            json = result.stdout().trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path file = Files.createTempFile(dir(), "jwks-", ".json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String token(Key key, String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).claim("email", subject + "@example.com").claim("name", subject)
                .groups(Set.of(roles)).expiresIn(Duration.ofMinutes(10))
                .jws().keyId(key.kid()).sign(key.privateKey());
    }

    public static String tokenWithIssuer(Key key, String issuer, String subject) {
        return Jwt.issuer(issuer).subject(subject).expiresIn(Duration.ofMinutes(10)).jws().keyId(key.kid()).sign(key.privateKey());
    }

    public static String expiredToken(Key key, String subject) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(ISSUER).subject(subject).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5)))
                .jws().keyId(key.kid()).sign(key.privateKey());
    }

    private static Key load(String kid) {
        try {
            Path pem = dir().resolve(kid + ".pem");
            if (!Files.exists(pem)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
                Path tmp = Files.createTempFile(dir(), kid, ".tmp");
                Files.writeString(tmp, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
                Files.move(tmp, pem, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new Key(kid, privateKey, publicKey, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path dir() throws IOException {
        return Files.createDirectories(DIR);
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
