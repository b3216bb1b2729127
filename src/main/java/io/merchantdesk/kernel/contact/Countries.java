package io.merchantdesk.kernel.contact;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, as the JDK knows them; the one check every capability uses. */
public final class Countries {
    private static final Set<String> ISO_ALPHA2 = Set.of(Locale.getISOCountries());

    private Countries() {}

    public static boolean isIso(String code) {
        return code != null && ISO_ALPHA2.contains(code);
    }
}
