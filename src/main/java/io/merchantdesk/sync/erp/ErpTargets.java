package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.secrets.Secrets;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.remote.ErpTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The {@link ErpTarget} of a remote ERP company: its connection row, its secret opened from the sealed form (in memory
 * only, for the session) and the customer templates merchantdesk keeps for it.
 */
@ApplicationScoped
public class ErpTargets {
    @Inject
    Secrets secrets;

    /** The target of a remote company whose row was read on {@code c}; its templates are read on the same connection. */
    ErpTarget of(Connection c, UUID erpCompanyId, ErpRegisterRepository.RemoteConnection row) throws SQLException {
        String secret;
        try {
            secret = row.secretCiphertext() == null ? null : secrets.open(row.secretCiphertext(), erpCompanyId.toString());
        } catch (Secrets.Unreadable e) {
            throw new ErpRejectedException("ERP_CREDENTIALS_UNREADABLE: the stored credentials of ERP company " + erpCompanyId
                    + " cannot be decrypted with the service's keyset (" + e.getMessage() + ")", e);
        }
        return new ErpTarget(erpCompanyId, uri(row.endpoint()), row.database(), row.login(), secret, row.tenantId(),
                row.environment(), row.remoteCompanyId(), uri(row.authority()), ErpRegisterRepository.templates(c, erpCompanyId));
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }
}
