package io.merchantdesk.sync.erp;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an ERP company's customers live (issue 21). */
@Schema(name = "ErpKind", description = "BUILT_IN: merchantdesk's own customer register (the default); TRYTON: a Tryton 6.0 server reached over JSON-RPC; "
        + "BUSINESS_CENTRAL: a company of Microsoft Dynamics 365 Business Central reached over its API v2.0")
public enum ErpKind {
    BUILT_IN,
    TRYTON,
    BUSINESS_CENTRAL;

    /** What this kind of ERP keeps of a B2B company (tax id fields, ship-to addresses). */
    public io.merchantdesk.sync.engine.ErpFeatures features() {
        return this == BUSINESS_CENTRAL ? io.merchantdesk.sync.engine.ErpFeatures.BUSINESS_CENTRAL : io.merchantdesk.sync.engine.ErpFeatures.FULL;
    }
}
