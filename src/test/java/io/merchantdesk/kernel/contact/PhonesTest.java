package io.merchantdesk.kernel.contact;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Phone normalisation (libphonenumber) and the phone-like test used by customer search. */
class PhonesTest {
    @Test
    void nationalNumbersUseTheGivenCountry() {
        assertEquals("+442079460958", Phones.e164("020 7946 0958", "GB"));
        assertEquals("+4791234567", Phones.e164("912 34 567", "NO"));
    }

    @Test
    void internationalNumbersNeedNoCountry() {
        assertEquals("+4791234567", Phones.e164("+47 912 34 567", null));
        assertEquals("+4791234567", Phones.e164("+47 912 34 567", "GB"), "an explicit country code wins over the region");
    }

    @Test
    void unparseableOrInvalidNumbersAreNull() {
        assertNull(Phones.e164("912 34 567", null), "no country, no guess");
        assertNull(Phones.e164("not a phone", "GB"));
        assertNull(Phones.e164("123", "GB"));
        assertNull(Phones.e164("  ", "GB"));
        assertNull(Phones.e164(null, "GB"));
    }

    @Test
    void phoneLikeSearchTerms() {
        assertTrue(Phones.looksLikePhone("(415) 555-0134"));
        assertTrue(Phones.looksLikePhone("+47 912"));
        assertFalse(Phones.looksLikePhone("ada"));
        assertFalse(Phones.looksLikePhone("12"), "too short to be worth reducing to digits");
        assertFalse(Phones.looksLikePhone("user123@example.com"));
    }
}
