package io.merchantdesk.sync.erp;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an ERP company's customers live (issue 21). */
@Schema(name = "ErpKind", description = "BUILT_IN: merchantdesk's own customer register (the default); TRYTON: a Tryton 6.0 server reached over JSON-RPC; "
        + "BUSINESS_CENTRAL: a company of Microsoft Dynamics 365 Business Central reached over its API v2.0")
public enum ErpKind {
    BUILT_IN,
    TRYTON,
    BUSINESS_CENTRAL
}
