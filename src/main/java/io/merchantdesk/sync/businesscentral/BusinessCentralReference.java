package io.merchantdesk.sync.businesscentral;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * merchantdesk's reference on a Business Central customer: the customer {@code number}, chosen by us.
 *
 * <p>Why the number (docs/sync.md, "Business Central", has the whole trade-off): API v2.0 customers have no free
 * field for an external key. {@code number} ("No.", {@code Code[20]}) is the Customer table's primary key, so BC
 * itself refuses a second customer with the same number: a create whose answer was lost can be looked up by it
 * ({@code $filter=number in (...)}) and, should a retry still post it, fails with a duplicate-key error instead of
 * creating a twin. The other candidates are real data someone else owns ({@code taxRegistrationNumber} is the VAT
 * number and validated by localisations, {@code website} is shown as the customer's home page and edited by
 * people) and neither is unique. The price: the company's customer number series must allow manual numbers, and
 * our customers carry numbers like {@code MD5K2Q...} rather than the merchant's series.
 *
 * <p>A store customer's id is a UUID (128 bits); {@code Code[20]} cannot hold it, so the number is {@code "MD"}
 * followed by 18 Crockford base-32 characters (90 bits) of the SHA-256 of the id: deterministic (the retry computes
 * the same number), upper-case (BC upper-cases Code fields) and collision-free in practice (for a million customers
 * in one company the chance of any collision is about 10^-15; a collision would be refused by BC, not merged).
 */
public final class BusinessCentralReference {
    /** Prefix of every number merchantdesk assigns: keeps ours apart from the merchant's series. */
    public static final String PREFIX = "MD";
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int CHARS = 18; // 2 + 18 = 20, the length of a BC Code[20]

    private BusinessCentralReference() {
    }

    /** The BC customer number for merchantdesk customer {@code customerId}; always 20 characters. */
    public static String number(UUID customerId) {
        return number(customerId.toString());
    }

    /**
     * The BC customer number for any merchantdesk reference ({@code NewCard.reference}: a customer's id, or
     * {@code order:<order id>}); {@code number(uuid.toString())} is {@code number(uuid)}.
     */
    public static String number(String reference) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        StringBuilder out = new StringBuilder(PREFIX.length() + CHARS).append(PREFIX);
        int buffer = 0;
        int bits = 0;
        int index = 0;
        while (out.length() < PREFIX.length() + CHARS) {
            if (bits < 5) {
                buffer = (buffer << 8) | (digest[index++] & 0xff);
                bits += 8;
            }
            out.append(CROCKFORD[(buffer >>> (bits - 5)) & 31]);
            bits -= 5;
        }
        return out.toString();
    }

    /**
     * The {@code externalDocumentNumber} (Text[35]) of the sales order merchantdesk places for a store order: {@code MD}
     * and the order id's 32 hex digits (the id itself has 36 characters), so the retry of a placement whose answer was
     * lost finds the order by it. A reference that is not a UUID gets the customer-number form instead.
     */
    public static String documentReference(String orderReference) {
        try {
            return PREFIX + UUID.fromString(orderReference).toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException notAnId) {
            return number(orderReference);
        }
    }

    /** Whether {@code number} has the shape of a number merchantdesk assigned. */
    public static boolean isOurs(String number) {
        return number != null && number.length() == PREFIX.length() + CHARS && number.startsWith(PREFIX);
    }
}
