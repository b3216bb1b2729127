package io.merchantdesk.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** The per-country customer template rows of a store's connection (table erp_country_templates). */
@ApplicationScoped
public class CountryTemplateRepository {
    @Inject
    EntityManager em;

    /** The row for the country and state ("" for the whole country), or null. */
    public CountryTemplate find(UUID storeId, String country, String state) {
        return em.createQuery("FROM CountryTemplate t WHERE t.storeId = :s AND t.countryCode = :c AND t.stateCode = :st", CountryTemplate.class)
                .setParameter("s", storeId).setParameter("c", country).setParameter("st", state)
                .getResultStream().findFirst().orElse(null);
    }

    /** Up to {@code limit} rows of the store in (country, state) order after the given key (null: from the start). */
    public List<CountryTemplate> page(UUID storeId, String afterCountry, String afterState, int limit) {
        var q = em.createQuery("FROM CountryTemplate t WHERE t.storeId = :s"
                + (afterCountry == null ? "" : " AND (t.countryCode > :c OR (t.countryCode = :c AND t.stateCode > :st))")
                + " ORDER BY t.countryCode, t.stateCode", CountryTemplate.class).setParameter("s", storeId);
        if (afterCountry != null) q.setParameter("c", afterCountry).setParameter("st", afterState);
        return q.setMaxResults(limit).getResultList();
    }
}
