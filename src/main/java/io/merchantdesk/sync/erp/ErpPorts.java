package io.merchantdesk.sync.erp;

import io.merchantdesk.sync.businesscentral.BusinessCentralErpAdapter;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.tryton.TrytonErpAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** The ERP port: opens a session with the adapter of the ERP company's kind. */
@ApplicationScoped
public class ErpPorts implements ErpPort {
    @Inject
    BuiltInErpAdapter builtIn;

    @Inject
    TrytonErpAdapter tryton;

    @Inject
    BusinessCentralErpAdapter businessCentral;

    @Inject
    ErpTargets targets;

    @Inject
    DataSource dataSource;

    @Override
    public ErpSession open(UUID erpCompanyId) {
        try (Connection c = dataSource.getConnection()) { // one read of the company: its kind, connection and templates
            ErpRegisterRepository.RemoteConnection row = ErpRegisterRepository.remoteConnection(c, erpCompanyId);
            if (row == null) throw new IllegalStateException("ERP company " + erpCompanyId + " is gone");
            return switch (row.kind()) {
                case BUILT_IN -> builtIn.open(erpCompanyId);
                case TRYTON -> tryton.open(targets.of(c, erpCompanyId, row));
                case BUSINESS_CENTRAL -> businessCentral.open(targets.of(c, erpCompanyId, row));
            };
        } catch (SQLException e) {
            throw new Batch.Failure(e);
        }
    }
}
