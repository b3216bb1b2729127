package io.merchantdesk.sync;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matching keys of SYNC-5: e-mail trimmed and lower-cased (the first one of a list, SYNC-13),
 * phones in E.164 through libphonenumber using the address's country.
 */
public final class Normalize {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

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

    /** E.164 form of a phone number read in the given country (ISO alpha-2); null when it cannot be read. */
    public static String phone(String raw, String countryCode) {
        if (raw == null || raw.isBlank()) return null;
        String region = countryCode == null ? "ZZ" : countryCode.toUpperCase(Locale.ROOT);
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw, region);
            if (!PHONES.isValidNumber(number)) return null;
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
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
