package io.merchantdesk.kernel.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;

/**
 * Phone normalisation with libphonenumber: E.164 or null when the number cannot be understood.
 * One implementation on purpose: B2B stores this key on customers and the ERP sync matches on it (SYNC-5),
 * so both must compute exactly the same value.
 */
public final class Phones {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phones() {}

    /**
     * @param raw the number as entered
     * @param region ISO 3166-1 alpha-2 country used for national numbers (the default address's country); may be null
     */
    public static String e164(String raw, String region) {
        if (raw == null || raw.isBlank()) return null;
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(raw, region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
            return UTIL.isValidNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** True when a search term looks like a phone number (digits and phone punctuation only). */
    public static boolean looksLikePhone(String q) {
        return q.matches("[+0-9 ().\\-]+") && q.replaceAll("[^0-9]", "").length() >= 3;
    }
}
