package io.merchantdesk.sync.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.merchantdesk.sync.engine.Model.Address;
import io.merchantdesk.sync.engine.Model.StoreCustomer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The import's phone key keeps SYNC-5 exact when it takes B2B's stored customers.phone_e164 instead of parsing. */
class PhoneKeyTest {
    private static Address address(String country, String phone) {
        return new Address("Kari", "Nordmann", null, "Storgata 1", null, "Oslo", null, null, country, "0155", phone);
    }

    private static StoreCustomer customer(String phone, String stored, Address a, boolean isDefault) {
        return new StoreCustomer(UUID.randomUUID(), "Kari", "Nordmann", "kari@example.no", phone, Instant.now(), a, stored, isDefault);
    }

    @Test
    @DisplayName("SYNC-5: the customer's phone read with the default address's country is B2B's stored key")
    void storedKeyWhenSameNumberAndCountry() {
        // A stored key that differs from a fresh parse shows which one was taken.
        assertEquals("+4740000001", CustomerImport.phoneKey(customer("0047 40000000", "+4740000001", address("NO", null), true)));
        assertEquals("+4740000001", CustomerImport.phoneKey(customer("0047 40000000", "+4740000001", null, false)));
    }

    @Test
    @DisplayName("SYNC-5: an address phone, or an address that is not the default one, is parsed with the address's country")
    void parsedOtherwise() {
        assertEquals("+4791234567", CustomerImport.phoneKey(customer("0047 40000000", "+4740000000", address("NO", "912 34 567"), true)));
        assertEquals("+4540123456", CustomerImport.phoneKey(customer("40 12 34 56", "+4740123456", address("DK", null), false)));
    }

    @Test
    @DisplayName("SYNC-5: a customer without a stored key (written without B2B) is parsed; an unreadable number has none")
    void missingKeyIsComputed() {
        assertEquals("+4740000000", CustomerImport.phoneKey(customer("0047 40000000", null, address("NO", null), true)));
        assertNull(CustomerImport.phoneKey(customer("12", null, address("NO", null), true)));
        assertNull(CustomerImport.phoneKey(customer(null, null, address("NO", null), true)));
    }
}
