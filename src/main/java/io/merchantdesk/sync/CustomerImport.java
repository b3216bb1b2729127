package io.merchantdesk.sync;

/** Which store customers a sync imports (SYNC-2, SYNC-8). */
public enum CustomerImport { NONE, WITH_ORDER_IMPORT, ALL_CUSTOMERS }
