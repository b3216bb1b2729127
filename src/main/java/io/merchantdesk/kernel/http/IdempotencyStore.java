package io.merchantdesk.kernel.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Rows of idempotency_keys, each written in its own short transaction. */
@ApplicationScoped
public class IdempotencyStore {
    @Inject
    EntityManager em;

    public record Stored(String path, String requestHash, Integer status, String contentType, String location, String body) {}

    /** Claims the key; returns null when this request is the first, else what is stored. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Stored begin(UUID userId, String key, String method, String path, String hash) {
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_keys (user_id, idem_key, method, path, request_hash)
                VALUES (:user, :key, :method, :path, :hash) ON CONFLICT DO NOTHING""")
                .setParameter("user", userId).setParameter("key", key).setParameter("method", method)
                .setParameter("path", path).setParameter("hash", hash)
                .executeUpdate();
        if (inserted == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT path, request_hash, status, content_type, location, body
                FROM idempotency_keys WHERE user_id = :user AND idem_key = :key""")
                .setParameter("user", userId).setParameter("key", key).getResultList();
        if (rows.isEmpty()) {
            return begin(userId, key, method, path, hash);
        }
        Object[] r = rows.get(0);
        return new Stored((String) r[0], (String) r[1], (Integer) r[2], (String) r[3], (String) r[4], (String) r[5]);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(UUID userId, String key, int status, String contentType, String location, String body) {
        em.createNativeQuery("""
                UPDATE idempotency_keys SET status = :status, content_type = :type, location = :location, body = :body
                WHERE user_id = :user AND idem_key = :key""")
                .setParameter("status", status).setParameter("type", contentType).setParameter("location", location)
                .setParameter("body", body).setParameter("user", userId).setParameter("key", key)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forget(UUID userId, String key) {
        em.createNativeQuery("DELETE FROM idempotency_keys WHERE user_id = :user AND idem_key = :key")
                .setParameter("user", userId).setParameter("key", key).executeUpdate();
    }

    /** Keys are kept for a day; a nightly sweep keeps the table small. */
    @Transactional
    public int purgeOlderThanHours(int hours) {
        return em.createNativeQuery("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => :h)")
                .setParameter("h", hours).executeUpdate();
    }
}
