package io.merchantdesk.deploy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Configures the packaged application (run in the prod profile by @QuarkusIntegrationTest) the way an
 * operator does: a JWKS of trusted public keys and an issuer instead of the dev key, and its own database
 * schema. Init arg {@code trusted}: comma-separated names of the {@link TestKeys} in the JWKS.
 */
public class ProdLikeConfig implements QuarkusTestResourceLifecycleManager {
    private List<TestKeys.Key> trusted = List.of(TestKeys.OLD, TestKeys.NEW);

    @Override
    public void init(Map<String, String> args) {
        String names = args.get("trusted");
        if (names != null) {
            trusted = Arrays.stream(names.split(",")).map(String::trim).map(ProdLikeConfig::key).toList();
        }
    }

    @Override
    public Map<String, String> start() {
        String schema = System.getenv().getOrDefault("MD_TEST_SCHEMA", "merchantdesk_test") + "_it";
        return Map.of(
                "mp.jwt.verify.publickey.location", TestKeys.jwks(trusted).toString(),
                "mp.jwt.verify.issuer", TestKeys.ISSUER,
                "merchantdesk.secrets.keyset", TestKeys.SECRETS_KEYSET,
                "merchantdesk.db.schema", schema,
                "quarkus.flyway.clean-disabled", "false",
                "quarkus.flyway.clean-at-start", "true",
                // no SMTP server here: keep outgoing mail in memory and the sender idle
                "quarkus.mailer.mock", "true",
                "merchantdesk.outbox.every", "off");
    }

    @Override
    public void stop() {
    }

    private static TestKeys.Key key(String name) {
        return switch (name) {
            case "old" -> TestKeys.OLD;
            case "new" -> TestKeys.NEW;
            default -> throw new IllegalArgumentException("unknown test key " + name);
        };
    }
}
