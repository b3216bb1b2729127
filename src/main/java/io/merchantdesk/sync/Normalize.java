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
