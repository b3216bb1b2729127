package io.merchantdesk.kernel.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that encrypts and decrypts secrets kept at rest (ERP passwords, issue 21): Google Tink AEAD over a
 * keyset from {@code merchantdesk.secrets.keyset} (a Tink JSON keyset, env {@code MERCHANTDESK_SECRETS_KEYSET}).
 * The keyset's primary key seals; every enabled key of the keyset opens, so a new primary can be rolled out before
 * the old key is removed (docs/operations.md, "Secrets keyset"). The caller's {@code context} is AEAD associated
 * data: a ciphertext sealed for one row (its id) does not open for another.
 *
 * <p>Prod has no default keyset: the service does not start without one (Quarkus refuses the missing property), and
 * a keyset that does not parse stops the start with a message that never contains the keyset.
 */
@ApplicationScoped
@Startup
public class Secrets {
    /** A sealed secret and the id of the keyset key that sealed it. */
    public record Sealed(byte[] ciphertext, long keyId) {
    }

    /** A ciphertext that no key of the keyset opens for this context (moved to another row, key removed, damaged). */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private final Aead aead;
    private final long primaryKeyId;

    @Inject
    public Secrets(@ConfigProperty(name = "merchantdesk.secrets.keyset") String keysetJson) {
        try {
            AeadConfig.register();
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.primaryKeyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
        } catch (GeneralSecurityException | RuntimeException e) {
            // never the keyset (nor Tink's message, which may quote it): only what kind of failure
            throw new IllegalStateException("merchantdesk.secrets.keyset is not a usable Tink JSON AEAD keyset ("
                    + e.getClass().getSimpleName() + "); see docs/operations.md, \"Secrets keyset\"");
        }
    }

    /** Seals {@code plaintext} under the primary key, bound to {@code context} (e.g. the owning row's id). */
    public Sealed seal(String plaintext, String context) {
        try {
            byte[] ciphertext = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
            return new Sealed(ciphertext, primaryKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Opens a ciphertext sealed for {@code context}; {@link Unreadable} when no key opens it for that context. */
    public String open(byte[] ciphertext, String context) {
        try {
            return new String(aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new Unreadable("no key of merchantdesk.secrets.keyset opens this secret for its row (sealed with key "
                    + keyIdOf(ciphertext) + ")");
        }
    }

    /** The primary key's id: what {@link #seal} uses now. */
    public long primaryKeyId() {
        return primaryKeyId;
    }

    /** The key id in a Tink ciphertext's prefix (0x01 + 4 bytes big-endian), or -1 when it has none. */
    public static long keyIdOf(byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < 5 || ciphertext[0] != 0x01) return -1;
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }
}
