package io.merchantdesk.kernel.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The kernel owns the {@code users} table (rows provisioned from tokens by {@link CurrentUser}); every
 * capability reads users through this directory, never with SQL of its own.
 */
@ApplicationScoped
public class Users {
    @Inject
    EntityManager em;

    /** What other capabilities show of a user. */
    public record UserFacts(UUID id, String subject, String email, String name) {}

    public boolean exists(UUID userId) {
        return !em.createNativeQuery("SELECT 1 FROM users WHERE id = :id").setParameter("id", userId).getResultList().isEmpty();
    }

    public Optional<UserFacts> find(UUID userId) {
        return Optional.ofNullable(find(List.of(userId)).get(userId));
    }

    /** The users among the ids, in one query. */
    public Map<UUID, UserFacts> find(Collection<UUID> userIds) {
        Map<UUID, UserFacts> found = new HashMap<>();
        if (userIds.isEmpty()) return found;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, subject, email, name FROM users WHERE id = ANY(CAST(:ids AS uuid[]))")
                .setParameter("ids", userIds.stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
        for (Object[] r : rows) {
            found.put((UUID) r[0], new UserFacts((UUID) r[0], (String) r[1], (String) r[2], (String) r[3]));
        }
        return found;
    }
}
