package io.merchantdesk.sync;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Matching keys of SYNC-5: e-mail trimmed and lower-cased (the first one of a list, SYNC-13),
 * phones in E.164 through {@link io.merchantdesk.kernel.contact.Phones} using the address's country.
 */
public final class Normalize {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Normalize() {}

    /** The first address of a field that may hold several (split at ';' or ','), trimmed; null when empty. */
    public static String firstEmail(String raw) {
        if (raw == null) return null;
        for (String part : raw.split("[;,]")) {
            String t = part.trim();
            if (!t.isEmpty()) return t;
        }
        return null;
    }

    /** The matching key of an e-mail field: its first address, lower-cased; null when there is none. */
    public static String email(String raw) {
        String first = firstEmail(raw);
        return first == null ? null : first.toLowerCase(Locale.ROOT);
    }

    private static final Pattern TAX_ID_NOISE = Pattern.compile("[\\s.\\-/]");
    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^[A-Z]{2}(?=[0-9])");

    /**
     * The matching key of a tax registration id (SYNC-21): spaces, dots, dashes and slashes removed, upper-cased, and a
     * leading two-letter country prefix before a digit dropped ("BE 0477.472.701" and "0477472701" are one key); null
     * when nothing is left. The built-in register's generated columns compute the same key in SQL (V35).
     */
    public static String taxId(String raw) {
        if (raw == null) return null;
        String s = COUNTRY_PREFIX.matcher(TAX_ID_NOISE.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT)).replaceFirst("");
        return s.isEmpty() ? null : s;
    }

    public static boolean validEmail(String raw) {
        String first = firstEmail(raw);
        return first != null && EMAIL.matcher(first).matches();
    }

    public static String trimLower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
