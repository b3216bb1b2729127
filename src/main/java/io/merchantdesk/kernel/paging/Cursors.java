package io.merchantdesk.kernel.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.kernel.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Opaque keyset cursors: the sort-key values of the last row shown, as a base64url JSON array of
 * strings. Callers never parse them; a tampered cursor is a 400.
 */
public final class Cursors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cursors() {}

    public static String encode(Object... keys) {
        try {
            List<String> values = Arrays.stream(keys).map(k -> k == null ? null : k.toString()).toList();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key values of a cursor, or null for the first page. */
    public static List<String> decode(String cursor, int expectedKeys) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            List<String> values = JSON.readValue(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)),
                    new TypeReference<List<String>>() {});
            if (values.size() != expectedKeys) {
                throw new IllegalArgumentException("wrong arity");
            }
            return values;
        } catch (Exception e) {
            throw invalid();
        }
    }

    /** A UUID key of a decoded cursor; a value that is not one (a forged cursor) is a 400, not a 500. */
    public static UUID uuid(String key) {
        try {
            return UUID.fromString(key);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** An instant key of a decoded cursor; a forged value is a 400. */
    public static Instant instant(String key) {
        try {
            return Instant.parse(key);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.invalidField("cursor", "is not a cursor returned by this list (or the sort changed)");
    }
}
