package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.secrets.Secrets;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.Model.Template;
import io.merchantdesk.sync.remote.ErpTarget;
import io.merchantdesk.sync.run.SyncRunService;
import io.merchantdesk.sync.tryton.TrytonErpAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The ERP port: opens a session with the adapter of the ERP company's kind. A remote kind gets its target: the
 * connection columns, the password opened from its sealed form (in memory only, as {@link ErpChecks} does) and the
 * connector's templates, which merchantdesk keeps for every kind.
 */
@ApplicationScoped
public class ErpPorts implements ErpPort {
    @Inject
    BuiltInErpAdapter builtIn;

    @Inject
    TrytonErpAdapter tryton;

    @Inject
    Secrets secrets;

    @Inject
    DataSource dataSource;

    @Override
    public ErpSession open(UUID erpCompanyId) {
        ErpRegisterRepository.RemoteConnection remote;
        Map<String, Template> templates;
        try (Connection c = dataSource.getConnection()) {
            remote = ErpRegisterRepository.connection(c, erpCompanyId);
            templates = remote == null || remote.kind() == ErpKind.BUILT_IN ? Map.of() : ErpRegisterRepository.templates(c, erpCompanyId);
        } catch (SQLException e) {
            throw new Batch.Failure(e);
        }
        if (remote == null) throw new IllegalStateException("ERP company " + erpCompanyId + " is gone");
        SyncRunService.requireAdapter(remote.kind());
        return switch (remote.kind()) {
            case BUILT_IN -> builtIn.open(erpCompanyId);
            case TRYTON -> tryton.open(new ErpTarget(erpCompanyId, URI.create(remote.endpoint()), remote.database(), remote.login(),
                    password(erpCompanyId, remote), null, null, null, null, Map.copyOf(templates)));
        };
    }

    private String password(UUID erpCompanyId, ErpRegisterRepository.RemoteConnection remote) {
        try {
            return secrets.open(remote.passwordCiphertext(), erpCompanyId.toString());
        } catch (Secrets.Unreadable e) {
            throw new ErpRejectedException("The stored password of ERP company " + erpCompanyId + " cannot be decrypted with the service's "
                    + "keyset (" + e.getMessage() + "); create the ERP company again with its password, or restore the key", e);
        }
    }
}
