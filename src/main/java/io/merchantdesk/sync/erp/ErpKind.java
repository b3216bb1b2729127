package io.merchantdesk.sync.erp;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an ERP company's customers live (issue 21). BUSINESS_CENTRAL comes with its adapter. */
@Schema(name = "ErpKind", description = "BUILT_IN: merchantdesk's own customer register (the default); TRYTON: a Tryton 6.0 server reached over JSON-RPC")
public enum ErpKind {
    BUILT_IN,
    TRYTON
}
