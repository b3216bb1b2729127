package io.merchantdesk.sync.businesscentral;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.merchantdesk.sync.engine.Model.CardData;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * ERP card ↔ Business Central customer (API v2.0). name → {@code displayName}, address/address2 →
 * {@code addressLine1/2}, city, postCode → {@code postalCode}, county → {@code state}, countryCode → {@code country},
 * phone → {@code phoneNumber}, email, vatRegistrationNo → {@code taxRegistrationNumber} (the table's "VAT Registration
 * No."). Name 2, Contact and the registration number have no property on API v2.0's customer (the table's "Name 2" and
 * "Contact" are not exposed, and the Customer table has no registration number): they are not written and read back
 * empty, so SYNC-6's fallback has already moved Name 2 and Contact into the name when the name was empty, and SYNC-13
 * splits the name; the settings refuse the registration number as a company's tax id field on BC (ErpFeatures).
 */
final class BusinessCentralCards {
    private BusinessCentralCards() {
    }

    /** One mapped field: card side, BC property, BC's length (Customer table), so values fit instead of failing the batch. */
    private record Field(Function<CardData, String> card, String property, int length) {
    }

    private static final Field[] FIELDS = {
            new Field(CardData::name, "displayName", 100),
            new Field(CardData::address, "addressLine1", 100),
            new Field(CardData::address2, "addressLine2", 50),
            new Field(CardData::city, "city", 30),
            new Field(CardData::postCode, "postalCode", 20),
            new Field(CardData::county, "state", 30),
            new Field(CardData::countryCode, "country", 10),
            new Field(CardData::phone, "phoneNumber", 30),
            new Field(CardData::email, "email", 80),
            new Field(CardData::vatRegistrationNo, "taxRegistrationNumber", 20),
    };

    /** What {@link io.merchantdesk.sync.Normalize#taxId} drops inside a tax id, and so what may be left out to fit it. */
    private static final Pattern TAX_ID_SEPARATOR = Pattern.compile("[\\s.\\-/]");
    /** The separators a person puts before a tax id's last two characters ("GB 123 4567 89", "PL 123-456-78-90"). */
    private static final String[] TAIL_SEPARATORS = {" ", ".", "-"};
    private static final Pattern LETTERS_AND_DIGITS = Pattern.compile("[A-Z0-9]+");

    /** The card data of a customer; BC's empty strings are empty (null) fields. */
    static CardData data(BusinessCentralCustomer c) {
        return new CardData(empty(c.displayName()), null, null, empty(c.addressLine1()), empty(c.addressLine2()), empty(c.city()),
                empty(c.postalCode()), empty(c.state()), empty(c.country()), empty(c.phoneNumber()), empty(c.email()), null,
                empty(c.taxRegistrationNumber()));
    }

    /** The properties of a new customer: the fields that are set, cut to BC's lengths. */
    static Map<String, Object> values(CardData d) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            String value = fit(f, f.card().apply(d));
            if (value != null) v.put(f.property(), value);
        }
        return v;
    }

    /**
     * The properties of {@code current} that {@code wanted} changes (compared after cutting to BC's lengths, so a value
     * longer than BC keeps is not written again on every run); empty when nothing really changes.
     */
    static Map<String, Object> changes(BusinessCentralCustomer current, CardData wanted) {
        CardData now = data(current);
        Map<String, Object> v = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            String want = fit(f, f.card().apply(wanted));
            if (!Objects.equals(want, f.card().apply(now))) v.put(f.property(), want == null ? "" : want);
        }
        return v;
    }

    /**
     * The ways a phone number is commonly typed into BC's free-text Phone No. field, for a lookup by E.164 key (BC has
     * no normalised phone column): E.164, international, national (with its trunk prefix), the national number's digits,
     * and 00 + country code. A number typed in another way is not found by phone (e-mail and link still match).
     */
    static Set<String> spellings(String e164) {
        Set<String> out = new LinkedHashSet<>();
        out.add(e164);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber n = util.parse(e164, "ZZ");
            String national = util.format(n, PhoneNumberFormat.NATIONAL);
            String nsn = util.getNationalSignificantNumber(n);
            out.add(util.format(n, PhoneNumberFormat.INTERNATIONAL));
            out.add(national);
            out.add(national.replaceAll("[^0-9]", ""));
            out.add(nsn);
            out.add("00" + n.getCountryCode() + nsn);
            out.add("+" + n.getCountryCode() + " " + nsn);
        } catch (NumberParseException e) {
            // not a number libphonenumber reads: look for the key as typed only
        }
        out.removeIf(s -> s.isBlank() || s.length() > 30);
        return out;
    }

    /**
     * The ends of a tax id key (Normalize.taxId) as a person may have typed them into BC's free-text VAT Registration
     * No., for a lookup with {@code endswith} (BC has no normalised column, and the separators inside a typed id, as in
     * "BE 0477.472.701", split its digits anywhere, so only the end is reliably contiguous): the key's last three
     * characters together, or with a space, dot or dash before the last two; letters in upper and in lower case, as
     * BC's {@code endswith} becomes a case-sensitive AL filter ({@code *b01}). Empty for a key whose end holds anything
     * but letters and digits: no tax id scheme has such characters, and BC's own filter characters (* | & ..) must not
     * reach its filter. A card whose id ends otherwise is not found by tax id (link, e-mail and phone still match).
     */
    static Set<String> taxIdTails(String key) {
        Set<String> out = new LinkedHashSet<>();
        if (key == null || key.isEmpty()) return out;
        String tail = key.length() <= 3 ? key : key.substring(key.length() - 3);
        if (!LETTERS_AND_DIGITS.matcher(tail).matches()) return out;
        for (String cased : new LinkedHashSet<>(List.of(tail, tail.toLowerCase(Locale.ROOT)))) {
            out.add(cased);
            if (cased.length() == 3) {
                for (String sep : TAIL_SEPARATORS) out.add(cased.charAt(0) + sep + cased.substring(1));
            }
        }
        return out;
    }

    private static String fit(Field f, String value) {
        String v = empty(value);
        if (v == null || v.length() <= f.length()) return v;
        // a tax id cut short is another id: written without its separators it keeps its key (Normalize.taxId)
        if (f.property().equals("taxRegistrationNumber")) v = TAX_ID_SEPARATOR.matcher(v).replaceAll("");
        return v.length() <= f.length() ? v : v.substring(0, f.length());
    }

    static String empty(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
