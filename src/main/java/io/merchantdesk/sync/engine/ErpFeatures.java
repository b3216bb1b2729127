package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.engine.Model.TaxIdField;
import java.util.Set;

/**
 * What an ERP kind can keep of a B2B company (docs/sync.md, "Which rule runs on which ERP"): which card fields hold a
 * tax id, and whether a card has ship-to addresses. The connection settings are validated against it, so the engine
 * never asks an adapter for what its ERP has no place for.
 */
public record ErpFeatures(Set<TaxIdField> taxIdFields, boolean shipToAddresses) {
    /** The built-in register and Tryton keep both tax ids and ship-to addresses. */
    public static final ErpFeatures FULL = new ErpFeatures(Set.of(TaxIdField.values()), true);

    /**
     * Business Central's API v2.0 customer has one tax field (taxRegistrationNumber, the VAT registration number) and the
     * API has no ship-to address entity: locations there become customers of their own.
     */
    public static final ErpFeatures BUSINESS_CENTRAL = new ErpFeatures(Set.of(TaxIdField.VAT_REGISTRATION_NUMBER), false);
}
