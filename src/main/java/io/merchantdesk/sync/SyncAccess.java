package io.merchantdesk.sync;

import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.access.Tenancy;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.kernel.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Who may work on a store's sync: users with MANAGE_ERP_SYNC on the store (owners hold it), and for
 * runs also the platform's sync-operator role (the Kubernetes CronJobs), which is related to no store.
 */
@ApplicationScoped
public class SyncAccess {
    @Inject
    AccessService access;

    @Inject
    CurrentUser currentUser;

    @Inject
    Tenancy tenancy;

    public void settings(UUID storeId) {
        access.store(storeId, Permission.MANAGE_ERP_SYNC);
    }

    /** Starting and reading runs: the store's sync managers, or a sync operator (404 for an unknown store either way). */
    public void runs(UUID storeId) {
        if (currentUser.hasRole(Roles.SYNC_OPERATOR)) {
            if (tenancy.store(storeId).isEmpty()) throw ProblemException.notFound("Store " + storeId);
            return;
        }
        access.store(storeId, Permission.MANAGE_ERP_SYNC);
    }
}
