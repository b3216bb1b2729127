package io.merchantdesk.partners;

import io.merchantdesk.partners.PartnerDtos.SalesRepProfile;
import io.merchantdesk.partners.PartnerDtos.SalesRepView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query of {@code sales_reps}, the assignment pool (named native SQL: upserts, the pick and the counter). */
@ApplicationScoped
class SalesRepRepository {
    /** A sales-rep caller joins the pool, or refreshes their name and e-mail (no write when nothing changed). */
    static final String ENROL = """
            INSERT INTO sales_reps (user_id, name, email) VALUES (:u, :n, :e)
            ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()
            WHERE sales_reps.name IS DISTINCT FROM EXCLUDED.name OR sales_reps.email IS DISTINCT FROM EXCLUDED.email""";

    static final String PUT_COVERAGE = """
            INSERT INTO sales_reps (user_id, name, email, countries, active) VALUES (:u, :n, :e, :c, :a)
            ON CONFLICT (user_id) DO UPDATE SET countries = EXCLUDED.countries, active = EXCLUDED.active,
                updated_at = now(), version = sales_reps.version + 1""";

    static final String PROFILE = "SELECT user_id, name, email, countries, active, open_leads FROM sales_reps WHERE user_id = :u";

    static final String PROFILE_FOR_UPDATE = PROFILE + " FOR UPDATE";

    static final String PAGE = """
            SELECT user_id, name, email, countries, active, open_leads FROM sales_reps
            WHERE CAST(:after AS uuid) IS NULL OR user_id > CAST(:after AS uuid) ORDER BY user_id LIMIT :n""";

    /**
     * The assignment rule: an active representative covering the country first, then the fewest open
     * leads, then the lowest user id; the chosen row is locked so concurrent submissions see each other.
     */
    static final String PICK = """
            SELECT user_id, name, email, (:country = ANY (countries)) FROM sales_reps WHERE active
            ORDER BY (:country = ANY (countries)) DESC, open_leads, user_id LIMIT 1 FOR UPDATE""";

    static final String ADJUST_OPEN = "UPDATE sales_reps SET open_leads = greatest(0, open_leads + :d) WHERE user_id = :u";

    /** The representative picked for a lead, and whether they cover its country. */
    record Pick(SalesRepView rep, boolean coversCountry) {}

    @Inject
    EntityManager em;

    void enrol(UUID userId, String name, String email) {
        em.createNativeQuery(ENROL).setParameter("u", userId).setParameter("n", name).setParameter("e", email).executeUpdate();
    }

    void putCoverage(UUID userId, String name, String email, String[] countries, boolean active) {
        em.createNativeQuery(PUT_COVERAGE).setParameter("u", userId).setParameter("n", name).setParameter("e", email)
                .setParameter("c", countries).setParameter("a", active).executeUpdate();
    }

    Optional<SalesRepProfile> profile(UUID userId) {
        return one(PROFILE, userId);
    }

    /** The representative's row, locked for the rest of the transaction. */
    Optional<SalesRepProfile> lock(UUID userId) {
        return one(PROFILE_FOR_UPDATE, userId);
    }

    List<SalesRepProfile> page(UUID afterUserId, int fetch) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PAGE).setParameter("after", afterUserId).setParameter("n", fetch).getResultList();
        return rows.stream().map(SalesRepRepository::profile).toList();
    }

    /** Picks and locks the representative for a lead in the country; empty when no representative is active. */
    Optional<Pick> pick(String country) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PICK).setParameter("country", country).getResultList();
        if (rows.isEmpty()) return Optional.empty();
        Object[] r = rows.get(0);
        return Optional.of(new Pick(new SalesRepView((UUID) r[0], (String) r[1], (String) r[2]), Boolean.TRUE.equals(r[3])));
    }

    void adjustOpen(UUID userId, int delta) {
        em.createNativeQuery(ADJUST_OPEN).setParameter("d", delta).setParameter("u", userId).executeUpdate();
    }

    private Optional<SalesRepProfile> one(String sql, UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter("u", userId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(profile(rows.get(0)));
    }

    private static SalesRepProfile profile(Object[] r) {
        Object c = r[3];
        List<String> countries = c instanceof String[] a ? List.of(a)
                : c instanceof Object[] a ? Arrays.stream(a).map(String::valueOf).toList() : List.of();
        return new SalesRepProfile((UUID) r[0], (String) r[1], (String) r[2], countries, (Boolean) r[4], ((Number) r[5]).intValue());
    }
}
