package io.merchantdesk.partners;

import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.kernel.security.Roles;
import java.util.Set;
import java.util.UUID;

/**
 * Who acts, resolved once by the resource from the token. Services take it explicitly so that the
 * same rules run for HTTP calls and for transactional tests (rollback of the outbox, say).
 */
public record Actor(UUID id, String name, String email, Set<String> roles) {
    public static Actor of(CurrentUser user) {
        return new Actor(user.id(), user.name(), user.email(), Set.copyOf(user.roles()));
    }

    public boolean salesRep() {
        return roles.contains(Roles.SALES_REP);
    }

    public boolean platformAdmin() {
        return roles.contains(Roles.PLATFORM_ADMIN);
    }
}
