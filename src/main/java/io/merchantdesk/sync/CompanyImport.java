package io.merchantdesk.sync;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which store companies a sync imports (SYNC-22). */
@Schema(description = """
        Which store companies reach the ERP.
        - NONE: no company is imported; a B2B order gets the connection's defaultCompanyNo (SYNC-28), and no ERP customer is made for a
          company.
        - WITH_ORDER_IMPORT (default): a company is imported (matched, else created) when one of its B2B orders is imported; a CUSTOMERS
          run only refreshes companies already linked, and only when storeCanUpdateCompanies is on (others are skipped with NOT_LINKED).
        - ALL_COMPANIES: a CUSTOMERS run imports every new or changed company: matched by companyMappingType, else created from the
          template of its default location's country when autoCreateUnknownCompanies is on.""")
public enum CompanyImport { NONE, WITH_ORDER_IMPORT, ALL_COMPANIES }
