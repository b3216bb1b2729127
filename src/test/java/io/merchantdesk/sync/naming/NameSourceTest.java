package io.merchantdesk.sync.naming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The person-name strategies of NameSource, without a database (SYNC-6 compose, SYNC-13 split). */
class NameSourceTest {
    @Test
    @DisplayName("SYNC-13 FIRST_AND_LAST_NAME: composes first then last; the first word is the first name, the rest the last name")
    void firstAndLastName() {
        NameStrategy s = NameSource.FIRST_AND_LAST_NAME.strategy();
        assertEquals("Kari Nordmann", s.compose(" Kari ", "Nordmann", "Acme"));
        assertEquals("Kari", s.compose("Kari", null, null));
        assertNull(s.compose(null, " ", null));
        assertArrayEquals(new String[] {"Kari", "Anne Nordmann"}, s.split(" Kari Anne Nordmann "));
        assertArrayEquals(new String[] {"Kari", ""}, s.split("Kari"));
        assertFalse(s.holdsCompany());
    }

    @Test
    @DisplayName("SYNC-13 LAST_AND_FIRST_NAME: composes last then first; the last word is the first name, the rest the last name")
    void lastAndFirstName() {
        NameStrategy s = NameSource.LAST_AND_FIRST_NAME.strategy();
        assertEquals("Nordmann Kari", s.compose("Kari", " Nordmann ", "Acme"));
        assertEquals("Nordmann", s.compose(null, "Nordmann", null));
        assertNull(s.compose("", null, null));
        assertArrayEquals(new String[] {"Kari", "van  Nordmann"}, s.split(" van  Nordmann Kari "));
        assertArrayEquals(new String[] {"Kari", ""}, s.split("Kari"));
        assertFalse(s.holdsCompany());
    }
}
