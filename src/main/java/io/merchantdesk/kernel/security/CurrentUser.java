package io.merchantdesk.kernel.security;

import io.merchantdesk.kernel.persistence.Ids;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller, resolved once per request from the bearer token. The user row is
 * provisioned on first sight (an upsert, so two first requests at once cannot collide) and its
 * e-mail and name follow the latest token.
 */
@RequestScoped
public class CurrentUser {
    @Inject
    JsonWebToken jwt;

    @Inject
    EntityManager em;

    private UUID id;

    public UUID id() {
        if (id == null) {
            id = provision();
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

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    UUID provision() {
        requireToken();
        // Read first: almost every request comes from a known user whose name and e-mail are unchanged,
        // and a plain SELECT avoids the row lock an upsert takes even when it changes nothing.
        Object[] known = (Object[]) em.createNativeQuery("SELECT id, email, name FROM users WHERE subject = :subject")
                .setParameter("subject", jwt.getSubject())
                .getResultStream().findFirst().orElse(null);
        if (known != null && Objects.equals(known[1], email()) && Objects.equals(known[2], name())) {
            return (UUID) known[0];
        }
        Object result = em.createNativeQuery("""
                INSERT INTO users (id, subject, email, name) VALUES (:id, :subject, :email, :name)
                ON CONFLICT (subject) DO UPDATE
                  SET email = EXCLUDED.email, name = EXCLUDED.name, updated_at = now(), version = users.version + 1
                  WHERE users.email IS DISTINCT FROM EXCLUDED.email OR users.name IS DISTINCT FROM EXCLUDED.name
                RETURNING id""")
                .setParameter("id", Ids.next())
                .setParameter("subject", jwt.getSubject())
                .setParameter("email", email())
                .setParameter("name", name())
                .getResultStream().findFirst().orElse(null);
        if (result != null) {
            return (UUID) result;
        }
        return (UUID) em.createNativeQuery("SELECT id FROM users WHERE subject = :subject")
                .setParameter("subject", jwt.getSubject()).getSingleResult();
    }

    private void requireToken() {
        if (jwt == null || jwt.getSubject() == null) {
            throw new UnauthorizedException();
        }
    }
}
