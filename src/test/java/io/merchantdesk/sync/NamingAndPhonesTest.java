package io.merchantdesk.sync;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.contact.Phones;
import static org.junit.jupiter.api.Assertions.*;

import io.merchantdesk.sync.naming.CountySource;
import io.merchantdesk.sync.naming.NameSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Unit tests of the pure pieces: name strategies, county source, normalisation. */
class NamingAndPhonesTest {

    @Test
    @DisplayName("SYNC-13: FIRST_AND_LAST_NAME splits at the first word, LAST_AND_FIRST_NAME at the last; COMPANY_NAME and NONE hold no person")
    void splitting() {
        assertArrayEquals(new String[] {"Kari", "Anne Nordmann"}, NameSource.FIRST_AND_LAST_NAME.strategy().split(" Kari Anne Nordmann "));
        assertArrayEquals(new String[] {"Kari", "Nordmann Hansen"}, NameSource.LAST_AND_FIRST_NAME.strategy().split("Nordmann Hansen Kari"));
        assertArrayEquals(new String[] {"Cher", ""}, NameSource.FIRST_AND_LAST_NAME.strategy().split("Cher"));
        assertNull(NameSource.COMPANY_NAME.strategy().split("Acme AS"));
        assertNull(NameSource.NONE.strategy().split("Anything"));
        assertTrue(NameSource.COMPANY_NAME.strategy().holdsCompany());
    }

    @Test
    @DisplayName("SYNC-6: the sources compose Name, Name 2 and Contact from first name, last name and company")
    void composing() {
        assertEquals("Kari Nordmann", NameSource.FIRST_AND_LAST_NAME.strategy().compose("Kari", "Nordmann", "Acme"));
        assertEquals("Nordmann Kari", NameSource.LAST_AND_FIRST_NAME.strategy().compose("Kari", "Nordmann", "Acme"));
        assertEquals("Acme", NameSource.COMPANY_NAME.strategy().compose("Kari", "Nordmann", " Acme "));
        assertNull(NameSource.COMPANY_NAME.strategy().compose("Kari", "Nordmann", null));
        assertNull(NameSource.NONE.strategy().compose("Kari", "Nordmann", "Acme"));
        assertNull(NameSource.FIRST_AND_LAST_NAME.strategy().compose(null, " ", null));
    }

    @Test
    @DisplayName("SYNC-15: countySource CODE maps the state code, NAME the state name")
    void county() {
        assertEquals("CA", CountySource.CODE.toErp("CA", "California"));
        assertEquals("California", CountySource.NAME.toErp("CA", "California"));
        assertArrayEquals(new String[] {"CA", null}, CountySource.CODE.toStore("CA"));
        assertArrayEquals(new String[] {null, "California"}, CountySource.NAME.toStore("California"));
    }

    @Test
    @DisplayName("SYNC-5: +47 22 33 44 55, 0047-22334455 and 22 33 44 55 (Norway) are one E.164 number; e-mail keys are trimmed, lower-cased, first of a list")
    void normalisation() {
        assertEquals("+4722334455", Phones.e164("+47 22 33 44 55", "NO"));
        assertEquals("+4722334455", Phones.e164("0047-22334455", "NO"));
        assertEquals("+4722334455", Phones.e164("22 33 44 55", "NO"));
        assertEquals("+4722334455", Phones.e164("+47 22 33 44 55", null));
        assertNull(Phones.e164("22 33 44 55", null), "a national number without a country cannot be read");
        assertNull(Phones.e164("12", "NO"));
        assertEquals("kari@example.no", Normalize.email("  Kari@Example.NO ; ola@example.no"));
        assertEquals("Kari@Example.NO", Normalize.firstEmail(",Kari@Example.NO,ola@example.no"));
        assertTrue(Normalize.validEmail("a@b.no, c@d.no"));
        assertFalse(Normalize.validEmail("not-an-email"));
        assertTrue(Countries.isIso("NO"));
        assertFalse(Countries.isIso("XX"));
    }
}
