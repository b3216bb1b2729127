package io.merchantdesk.sync.engine;

import java.util.UUID;

/**
 * The ERP side of the sync: opens a {@link ErpSession} with the system of an ERP company (the built-in register, Tryton,
 * Business Central), chosen by the company's kind. The engine sees only the session: no transaction, connection or
 * snapshot of the store side crosses this boundary.
 */
public interface ErpPort {
    /** A session with the ERP company's system; the caller closes it. */
    ErpSession open(UUID erpCompanyId);
}
