package io.merchantdesk.kernel.security;

import io.merchantdesk.kernel.persistence.Ids;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller, resolved once per request from the bearer token. The user row is
 * provisioned on first sight (an upsert, so two first requests at once cannot collide) and its
 * e-mail and name follow the latest token.
 *
 * <p>Known callers cost no query: a bounded cache ({@value #CACHE}, see application.properties) maps a token
 * subject to the committed users row's id, e-mail and name. A token whose e-mail or name differs from the
 * cached values goes to the database (and refreshes the entry), so profile changes still reach the row at
 * once. Only identity is cached, never an access decision: memberships and permissions are read per request.
 */
@RequestScoped
public class CurrentUser {
    /** The subject → users row cache (Caffeine; size and lifetime in application.properties). */
    public static final String CACHE = "users-by-subject";

    /** The users row as last seen in the database (committed). */
    record Known(UUID id, String email, String name) {}

    @Inject
    JsonWebToken jwt;

    @Inject
    EntityManager em;

    @Inject
    @CacheName(CACHE)
    Cache cache;

    private UUID id;

    public UUID id() {
        if (id == null) {
            id = resolve();
        }
        return id;
    }

    public String subject() {
        requireToken();
        return jwt.getSubject();
    }

    public String email() {
        requireToken();
        return jwt.getClaim("email");
    }

    public String name() {
        requireToken();
        String name = jwt.getClaim("name");
        return name != null ? name : jwt.getSubject();
    }

    public Set<String> roles() {
        requireToken();
        return jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    private UUID resolve() {
        String subject = subject();
        String email = email();
        String name = name();
        CaffeineCache users = cache.as(CaffeineCache.class);
        CompletableFuture<Object> cached = users.getIfPresent(subject);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()
                && cached.join() instanceof Known k && Objects.equals(k.email(), email) && Objects.equals(k.name(), name)) {
            return k.id();
        }
        // Unknown subject, or the token's e-mail/name changed: read or write the row in a transaction of its own,
        // committed before the id is cached (a rolled-back request never leaves an uncommitted id in the cache).
        Known known = provision(subject, email, name);
        users.put(subject, CompletableFuture.completedFuture(known));
        return known.id();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Known provision(String subject, String email, String name) {
        // Read first: a known user whose name and e-mail are unchanged needs no row lock (the upsert takes one
        // even when it changes nothing).
        Object[] row = (Object[]) em.createNativeQuery("SELECT id, email, name FROM users WHERE subject = :subject")
                .setParameter("subject", subject)
                .getResultStream().findFirst().orElse(null);
        if (row != null && Objects.equals(row[1], email) && Objects.equals(row[2], name)) {
            return new Known((UUID) row[0], email, name);
        }
        Object result = em.createNativeQuery("""
                INSERT INTO users (id, subject, email, name) VALUES (:id, :subject, :email, :name)
                ON CONFLICT (subject) DO UPDATE
                  SET email = EXCLUDED.email, name = EXCLUDED.name, updated_at = now(), version = users.version + 1
                  WHERE users.email IS DISTINCT FROM EXCLUDED.email OR users.name IS DISTINCT FROM EXCLUDED.name
                RETURNING id""")
                .setParameter("id", Ids.next())
                .setParameter("subject", subject)
                .setParameter("email", email)
                .setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
        if (result != null) {
            return new Known((UUID) result, email, name);
        }
        // A concurrent request wrote the same values first (the upsert changed nothing): the row has them now.
        UUID existing = (UUID) em.createNativeQuery("SELECT id FROM users WHERE subject = :subject")
                .setParameter("subject", subject).getSingleResult();
        return new Known(existing, email, name);
    }

    private void requireToken() {
        if (jwt == null || jwt.getSubject() == null) {
            throw new UnauthorizedException();
        }
    }
}
