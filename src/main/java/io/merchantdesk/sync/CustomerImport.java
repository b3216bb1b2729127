package io.merchantdesk.sync;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which store customers a sync imports (SYNC-2, SYNC-8). */
@Schema(description = """
        Which store customers reach the ERP.
        - NONE: no customer is imported; an ORDERS run then uses the connection's defaultCustomerNo (SYNC-2), and no ERP customer is created.
        - WITH_ORDER_IMPORT (default): customers come along with their orders (SYNC-3..6); a CUSTOMERS run only refreshes store customers
          already linked to an ERP customer (others are skipped with NOT_LINKED).
        - ALL_CUSTOMERS: a CUSTOMERS run imports every new or changed store customer: matched by customerMappingType, else created from
          the template when autoCreateUnknownCustomers is on (SYNC-8).""")
public enum CustomerImport { NONE, WITH_ORDER_IMPORT, ALL_CUSTOMERS }
