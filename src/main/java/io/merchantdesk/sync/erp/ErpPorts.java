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
        ErpKind kind;
        try (Connection c = dataSource.getConnection()) {
            kind = ErpRegisterRepository.kind(c, erpCompanyId);
        } catch (SQLException e) {
            throw new Batch.Failure(e);
        }
        if (kind == null) throw new IllegalStateException("ERP company " + erpCompanyId + " is gone");
        return switch (kind) {
            case BUILT_IN -> builtIn.open(erpCompanyId);
            case TRYTON -> tryton.open(targets.load(erpCompanyId));
            case BUSINESS_CENTRAL -> businessCentral.open(targets.load(erpCompanyId));
        };
    }
}
