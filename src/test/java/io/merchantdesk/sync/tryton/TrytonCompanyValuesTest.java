package io.merchantdesk.sync.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.ShipTo;
import io.merchantdesk.sync.tryton.TrytonParty.PartyAddress;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the Tryton adapter writes a company's tax ids and recognises its ship-to addresses, without a trytond. */
class TrytonCompanyValuesTest {
    @Test
    @DisplayName("a VAT number is compacted, gets the card's country when it has no prefix, is typed by its prefix, and is left out where no type takes it")
    void vatIdentifier() {
        assertEquals(Map.of("type", "eu_vat", "code", "BE0477472701"), PartyValues.vatIdentifier(" be 0477.472.701 ", "NO"));
        assertEquals(Map.of("type", "eu_vat", "code", "DE136695976"), PartyValues.vatIdentifier("136 695 976", "DE"));
        assertEquals(Map.of("type", "no_mva", "code", "NO123456785MVA"), PartyValues.vatIdentifier("NO 123 456 785 MVA", "NO"));
        assertEquals(Normalize.taxId("136 695 976"), Normalize.taxId((String) PartyValues.vatIdentifier("136 695 976", "DE").get("code")),
                "the prefix added does not change the key");
        assertNull(PartyValues.vatIdentifier("12-3456789", "US"), "Tryton's eu_vat would refuse it and fail the batch");
        assertNull(PartyValues.vatIdentifier(" ", "BE"));
        assertNull(PartyValues.vatIdentifier(null, "BE"));
    }

    @Test
    @DisplayName("a tax id key is searched as its characters in order with anything around them, LIKE characters escaped")
    void scatteredPattern() {
        assertEquals("%0%4%7%7%", TrytonErpAdapter.scattered("0477"));
        assertEquals("%A%\\_%\\%%", TrytonErpAdapter.scattered("A_%"));
    }

    @Test
    @DisplayName("a ship-to address is recognised by the [MD…] its name starts with; its name, street and county read back as written")
    void shipToNames() {
        assertEquals("[MD0A1B2C3D] Warehouse North", TrytonParty.shipToName("MD0A1B2C3D", " Warehouse North "));
        assertEquals("[MD0A1B2C3D]", TrytonParty.shipToName("MD0A1B2C3D", " "));
        assertEquals("MD0A1B2C3D", TrytonParty.shipToCode("[MD0A1B2C3D] Warehouse North"));
        assertNull(TrytonParty.shipToCode("Warehouse [MD0A1B2C3D]"));
        assertNull(TrytonParty.shipToCode("[MD0A1B2C3D Warehouse"));
        assertNull(TrytonParty.shipToCode(null));

        PartyAddress a = new PartyAddress(7, "Industriveien 1\nPort 4", "7010", "Trondheim", 1L, "NO", 2L, "NO-50", null, false,
                "[MD0A1B2C3D] Warehouse North");
        assertEquals(new ShipTo("MD0A1B2C3D", "Warehouse North", "Industriveien 1", "Port 4", "Trondheim", "7010", "50", "NO"),
                TrytonParty.shipTo(a));
        PartyAddress bare = new PartyAddress(8, null, null, null, null, null, null, null, null, false, "[MD0A1B2C3D]");
        assertEquals(new ShipTo("MD0A1B2C3D", null, null, null, null, null, null, null), TrytonParty.shipTo(bare));
    }
}
