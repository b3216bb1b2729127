package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.secrets.Secrets;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.remote.ErpTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@link ErpTarget} of a remote ERP company: its connection row, its secret opened from the sealed form (in memory
 * only, for the session) and the customer templates merchantdesk keeps for it.
 */
@ApplicationScoped
public class ErpTargets {
    @Inject
    DataSource dataSource;

    @Inject
    Secrets secrets;

    public ErpTarget load(UUID erpCompanyId) {
        ErpRegisterRepository.RemoteConnection row;
        ErpTarget target;
        try (Connection c = dataSource.getConnection()) {
            row = ErpRegisterRepository.remoteConnection(c, erpCompanyId);
            if (row == null) throw new IllegalStateException("ERP company " + erpCompanyId + " is gone");
            String secret;
            try {
                secret = row.secretCiphertext() == null ? null : secrets.open(row.secretCiphertext(), erpCompanyId.toString());
            } catch (Secrets.Unreadable e) {
                throw new ErpRejectedException("ERP_CREDENTIALS_UNREADABLE: the stored credentials of ERP company " + erpCompanyId
                        + " cannot be decrypted with the service's keyset (" + e.getMessage() + ")", e);
            }
            target = new ErpTarget(erpCompanyId, uri(row.endpoint()), row.database(), row.login(), secret, row.tenantId(),
                    row.environment(), row.remoteCompanyId(), uri(row.authority()), ErpRegisterRepository.templates(c, erpCompanyId));
        } catch (SQLException e) {
            throw new Batch.Failure(e);
        }
        return target;
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }
}
