package io.merchantdesk.kernel.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Secrets} without Quarkus: sealing bound to a context, key rotation inside a keyset, refusal of bad keysets. */
class SecretsTest {
    private static String oldOnly;
    private static String rotated;
    private static String newOnly;

    @BeforeAll
    static void keysets() throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle old = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        // what `tinkey add-key` + `promote-key` produce: the old key stays, a new one is primary
        KeysetHandle both = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
        KeysetHandle.Builder withoutOld = KeysetHandle.newBuilder(both).deleteAt(0); // the old key is the first entry
        oldOnly = json(old);
        rotated = json(both);
        newOnly = json(withoutOld.build());
    }

    private static String json(KeysetHandle h) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get());
    }

    @Test
    void sealedForOneContextOpensOnlyThere() {
        Secrets secrets = new Secrets(oldOnly);
        Secrets.Sealed sealed = secrets.seal("tryton-password", "row-1");
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains("tryton-password"));
        assertEquals(secrets.primaryKeyId(), sealed.keyId());
        assertEquals(sealed.keyId(), Secrets.keyIdOf(sealed.ciphertext()));
        assertEquals("tryton-password", secrets.open(sealed.ciphertext(), "row-1"));
        assertThrows(Secrets.Unreadable.class, () -> secrets.open(sealed.ciphertext(), "row-2"));
        assertNotEquals(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1),
                new String(secrets.seal("tryton-password", "row-1").ciphertext(), StandardCharsets.ISO_8859_1), "a fresh nonce each time");
    }

    @Test
    void rotationKeepsOldCiphertextsReadableUntilTheOldKeyIsRemoved() {
        Secrets before = new Secrets(oldOnly);
        Secrets.Sealed old = before.seal("pw", "row");
        Secrets after = new Secrets(rotated);
        assertNotEquals(before.primaryKeyId(), after.primaryKeyId(), "the new key is primary");
        assertEquals("pw", after.open(old.ciphertext(), "row"), "the old key still opens");
        Secrets.Sealed resealed = after.seal(after.open(old.ciphertext(), "row"), "row");
        assertEquals(after.primaryKeyId(), resealed.keyId());
        Secrets removed = new Secrets(newOnly);
        assertEquals("pw", removed.open(resealed.ciphertext(), "row"), "a re-sealed secret survives the old key's removal");
        assertThrows(Secrets.Unreadable.class, () -> removed.open(old.ciphertext(), "row"), "one that was not re-sealed does not");
    }

    @Test
    void anUnusableKeysetStopsTheStartWithoutQuotingIt() {
        String broken = oldOnly.replace("AesGcmKey", "NoSuchKey");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Secrets(broken));
        assertFalse(e.getMessage().contains("value"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Secrets("not json"));
    }
}
