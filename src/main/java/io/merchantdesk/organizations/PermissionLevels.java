package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** A grant holds permissions of one level only: staff store-level ones, organization members organization-level ones. */
final class PermissionLevels {
    private PermissionLevels() {}

    /**
     * 400 {@code PERMISSION_LEVEL_MISMATCH} naming each permission not of {@code level} ({@code "permissions[i]"}: the
     * permission, then {@code wrongLevel}), with {@code detail}.
     */
    static void require(List<Permission> permissions, Permission.Level level, String wrongLevel, String detail) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < permissions.size(); i++) {
            Permission p = permissions.get(i);
            if (p.level() != level) errors.add(new FieldError("permissions[" + i + "]", p + " " + wrongLevel));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("PERMISSION_LEVEL_MISMATCH", detail, errors);
    }
}
