package io.merchantdesk.partners;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.partners.PartnerDtos.CoverageRequest;
import io.merchantdesk.partners.PartnerDtos.SalesRepProfile;
import io.merchantdesk.partners.PartnerDtos.SalesRepView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The sales representatives a lead can be assigned to, and the assignment rule.
 * <p>Roles live in tokens, not in the database, so the pool is built from what the service sees: a
 * caller with the {@code sales-rep} role joins it on their first sales call, and a platform-admin can
 * register a user and set the countries they cover. Assignment rule (documented in docs/partners.md):
 * among active representatives covering the lead's country, the one with the fewest open leads; when
 * nobody covers the country, the active representative with the fewest open leads; ties go to the
 * lowest user id. The chosen row is locked, so concurrent submissions see each other's counts.
 */
@ApplicationScoped
public class SalesReps {

    @Inject
    EntityManager em;

    /** Adds a sales-rep caller to the pool (or refreshes their name and e-mail). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void enrol(Actor actor) {
        em.createNativeQuery("""
                INSERT INTO sales_reps (user_id, name, email) VALUES (:u, :n, :e)
                ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()
                WHERE sales_reps.name IS DISTINCT FROM EXCLUDED.name OR sales_reps.email IS DISTINCT FROM EXCLUDED.email""")
                .setParameter("u", actor.id()).setParameter("n", actor.name())
                .setParameter("e", actor.email() == null ? "" : actor.email()).executeUpdate();
    }

    @Transactional
    public SalesRepProfile putCoverage(UUID userId, CoverageRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<String> countries = request.countries().stream().map(c -> c == null ? "" : c.trim().toUpperCase(Locale.ROOT)).toList();
        for (int i = 0; i < countries.size(); i++) {
            if (!Countries.isIso(countries.get(i))) {
                errors.add(new FieldError("countries[" + i + "]", "'" + request.countries().get(i) + "' is not an ISO 3166-1 alpha-2 code"));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("INVALID_COUNTRY", "Countries must be ISO 3166-1 alpha-2 codes", errors);
        @SuppressWarnings("unchecked")
        List<Object[]> user = em.createNativeQuery("SELECT name, email FROM users WHERE id = :id").setParameter("id", userId).getResultList();
        if (user.isEmpty()) throw ProblemException.notFound("User " + userId);
        String[] codes = countries.stream().distinct().sorted().toArray(String[]::new);
        em.createNativeQuery("""
                INSERT INTO sales_reps (user_id, name, email, countries, active) VALUES (:u, :n, :e, :c, :a)
                ON CONFLICT (user_id) DO UPDATE SET countries = EXCLUDED.countries, active = EXCLUDED.active,
                    updated_at = now(), version = sales_reps.version + 1""")
                .setParameter("u", userId).setParameter("n", user.get(0)[0] == null ? "" : user.get(0)[0])
                .setParameter("e", user.get(0)[1] == null ? "" : user.get(0)[1]).setParameter("c", codes)
                .setParameter("a", request.active() == null || request.active()).executeUpdate();
        return profile(userId);
    }

    public SalesRepProfile profile(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT user_id, name, email, countries, active, open_leads FROM sales_reps WHERE user_id = :u")
                .setParameter("u", userId).getResultList();
        if (rows.isEmpty()) throw ProblemException.notFound("Sales representative " + userId);
        return profile(rows.get(0));
    }

    public Page<SalesRepProfile> list(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT user_id, name, email, countries, active, open_leads FROM sales_reps
                WHERE CAST(:after AS uuid) IS NULL OR user_id > CAST(:after AS uuid) ORDER BY user_id LIMIT :n""")
                .setParameter("after", after == null ? null : Cursors.uuid(after.get(0))).setParameter("n", page.limit + 1).getResultList();
        return Page.of(rows, page.limit, SalesReps::profile, r -> Cursors.encode(r[0]));
    }

    /** Picks and locks the representative for a new lead in the given country (null when the pool is empty). */
    @Transactional(Transactional.TxType.MANDATORY)
    public SalesRepView assign(String country) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT user_id, name, email FROM sales_reps WHERE active
                ORDER BY (:country = ANY (countries)) DESC, open_leads, user_id LIMIT 1 FOR UPDATE""")
                .setParameter("country", country).getResultList();
        if (rows.isEmpty()) return null;
        UUID id = (UUID) rows.get(0)[0];
        adjustOpen(id, +1);
        return new SalesRepView(id, (String) rows.get(0)[1], (String) rows.get(0)[2]);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void adjustOpen(UUID repId, int delta) {
        if (repId == null) return;
        em.createNativeQuery("UPDATE sales_reps SET open_leads = greatest(0, open_leads + :d) WHERE user_id = :u")
                .setParameter("d", delta).setParameter("u", repId).executeUpdate();
    }

    private static SalesRepProfile profile(Object[] r) {
        Object c = r[3];
        List<String> countries = c instanceof String[] a ? List.of(a)
                : c instanceof Object[] a ? Arrays.stream(a).map(String::valueOf).toList() : List.of();
        return new SalesRepProfile((UUID) r[0], (String) r[1], (String) r[2], countries, (Boolean) r[4], ((Number) r[5]).intValue());
    }
}
