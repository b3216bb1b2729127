package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.organizations.OrganizationDtos.PermissionChangeView;
import io.merchantdesk.organizations.OrganizationDtos.PermissionRemoval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Applies and records permission removals (ORG-12, 13, 14): store-level grants are taken away from
 * staff rows in one statement, and every removal is written to permission_changes in one JDBC batch.
 */
@ApplicationScoped
class PermissionChanges {
    /** The store-level permissions that become organization-level inside an organization (ORG-13, ORG-14). */
    private static final String[] MOVED = Arrays.stream(Permission.values())
            .filter(Permission::becomesOrganizationLevel).map(Enum::name).toArray(String[]::new);

    @Inject
    StaffRepository staff;

    @Inject
    PermissionChangeRepository changes;

    @Transactional(Transactional.TxType.MANDATORY)
    void apply(List<PermissionRemoval> removals, UUID changedBy) {
        if (removals.isEmpty()) return;
        staff.removePermissions(removals.stream().filter(r -> r.level() == Permission.Level.STORE)
                .map(PermissionRemoval::storeId).distinct().toList(), MOVED);
        changes.record(removals, changedBy, Instant.now());
    }

    Page<PermissionChangeView> list(UUID orgId, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 2);
        List<PermissionChangeView> rows = changes.page(orgId,
                after == null ? null : Cursors.instant(after.get(0)), after == null ? null : Cursors.uuid(after.get(1)),
                page.limit + 1);
        return Page.of(rows, page.limit, r -> r, r -> Cursors.encode(r.changedAt(), r.id()));
    }
}
