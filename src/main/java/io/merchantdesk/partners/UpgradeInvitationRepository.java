package io.merchantdesk.partners;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query of {@code upgrade_invitations}: Panache for the row, named native SQL for the job's set-based work and locks. */
@ApplicationScoped
class UpgradeInvitationRepository implements PanacheRepositoryBase<UpgradeInvitation, UUID> {
    /** One replica of {@link UpgradeJob} at a time. */
    static final long JOB_LOCK_KEY = 0x5052_5436L; // "PRT6"

    static final String TRY_JOB_LOCK = "SELECT pg_try_advisory_xact_lock(:k)";

    /** Serialises invitation creation per store until the transaction ends (the store row belongs to organizations). */
    static final String LOCK_STORE_INVITATIONS = "SELECT pg_advisory_xact_lock(hashtext(:k))";

    static final String LIVE_FOR_STORE = "SELECT id FROM upgrade_invitations WHERE store_id = :s AND status IN ('PENDING','ACCEPTED')";

    static final String CLAIM_ACCEPTED = "SELECT id FROM upgrade_invitations WHERE id = :id AND status = 'ACCEPTED' FOR UPDATE SKIP LOCKED";

    static final String EXPIRE_PENDING = """
            UPDATE upgrade_invitations SET status = 'EXPIRED', updated_at = now(), version = version + 1
            WHERE status = 'PENDING' AND expires_at <= now()""";

    static final String DUE = "SELECT id FROM upgrade_invitations WHERE status = 'ACCEPTED' ORDER BY apply_by LIMIT :n";

    boolean tryJobLock() {
        return (Boolean) getEntityManager().createNativeQuery(TRY_JOB_LOCK).setParameter("k", JOB_LOCK_KEY).getSingleResult();
    }

    void lockStore(UUID storeId) {
        getEntityManager().createNativeQuery(LOCK_STORE_INVITATIONS).setParameter("k", "upgrade-invitation:" + storeId).getSingleResult();
    }

    Optional<UUID> liveForStore(UUID storeId) {
        @SuppressWarnings("unchecked")
        List<UUID> live = getEntityManager().createNativeQuery(LIVE_FOR_STORE).setParameter("s", storeId).getResultList();
        return live.isEmpty() ? Optional.empty() : Optional.of(live.get(0));
    }

    /** Locks the invitation when it is still ACCEPTED and no other worker holds it. */
    boolean claimAccepted(UUID invitationId) {
        return !getEntityManager().createNativeQuery(CLAIM_ACCEPTED).setParameter("id", invitationId).getResultList().isEmpty();
    }

    int expirePending() {
        return getEntityManager().createNativeQuery(EXPIRE_PENDING).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    List<UUID> due(int limit) {
        return getEntityManager().createNativeQuery(DUE).setParameter("n", limit).getResultList();
    }
}
