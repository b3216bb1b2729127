package io.merchantdesk.sync;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a store company finds its ERP customer (SYNC-21). */
@Schema(description = """
        How a store company that is not linked yet finds its ERP customer.
        - BY_EMAIL_PHONE (default): the main contact's e-mail; when it has none, or it matches no ERP customer, the main contact's phone.
        - BY_TAX_ID: the default location's tax registration id against the ERP field companyTaxIdField, both normalised (spaces, dots,
          dashes and a country prefix ignored); with companyTaxIdFallback on, a company whose tax id matches nothing (or that has none)
          tries BY_EMAIL_PHONE.
        - DEFAULT_COMPANY: every company maps to the connection's defaultCompanyNo.""")
public enum CompanyMappingType { BY_EMAIL_PHONE, BY_TAX_ID, DEFAULT_COMPANY }
