package io.merchantdesk.stories.support;

import io.merchantdesk.client.ApiClient;
import io.merchantdesk.client.MerchantdeskClient;
import io.merchantdesk.client.api.IdentityApi;
import io.merchantdesk.client.model.User;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * People acting on the packaged service through the generated client. The packaged (prod) build has no
 * {@code /dev/tokens}, so tokens are signed here with the dev private key the service is told to trust,
 * exactly as an identity provider would sign them.
 */
public final class Actors {
    private static final String ISSUER = "https://merchantdesk.dev/issuer";
    private static final AtomicLong SEQ = new AtomicLong();
    private static PrivateKey key;

    private Actors() {}

    /** A person with a client of their own; provisioned through GET /me so others can refer to their id. */
    public record Actor(String subject, ApiClient client, User me) {
        public UUID id() {
            return me.getId();
        }
    }

    public static Actor actor(String label, String... roles) {
        String subject = unique(label);
        String token = token(subject, subject + "@example.com", label, Set.of(roles));
        ApiClient client = MerchantdeskClient.create(PackagedService.get().baseUri(), () -> token);
        try {
            User me = new IdentityApi(client).getMe();
            return new Actor(subject, client, me);
        } catch (io.merchantdesk.client.ApiException e) {
            throw new IllegalStateException("GET /me failed for " + subject, e);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQ.incrementAndGet();
    }

    static String token(String subject, String email, String name, Set<String> roles) {
        return Jwt.issuer(ISSUER).subject(subject).claim("email", email).claim("name", name).groups(roles)
                .expiresIn(Duration.ofHours(1)).sign(privateKey());
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            Path pem = Path.of(System.getProperty("merchantdesk.dev-keys"), "dev-private.pem");
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(pem));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the dev signing key " + pem, e);
            }
        }
        return key;
    }
}
