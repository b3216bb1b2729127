package io.merchantdesk.partners;

import io.merchantdesk.kernel.persistence.Jdbc;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.organizations.Plan;
import io.merchantdesk.organizations.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PRT-8 referral history. The revenue of a referral is the deal revenue the sales representative
 * records when a lead is won, else the yearly list price of the store's plan
 * ({@code merchantdesk.partners.plan-price.*}, in {@code merchantdesk.partners.price-currency}).
 */
@ApplicationScoped
public class Referrals {
    @Inject
    EntityManager em;

    @ConfigProperty(name = "merchantdesk.partners.price-currency", defaultValue = "USD")
    String priceCurrency;

    @ConfigProperty(name = "merchantdesk.partners.plan-price")
    Map<String, String> planPrices;

    public boolean exists(UUID partnerId, UUID storeId) {
        return !em.createNativeQuery("SELECT 1 FROM referrals WHERE partner_id = :p AND store_id = :s")
                .setParameter("p", partnerId).setParameter("s", storeId).getResultList().isEmpty();
    }

    public Money listPrice(Plan plan) {
        String price = planPrices.get(plan.name());
        if (price == null) throw new IllegalStateException("No list price configured for plan " + plan);
        return Money.of(new BigDecimal(price), priceCurrency);
    }

    /** Records the referral once per partner and store (a later win for the same store keeps the first). */
    @Transactional(Transactional.TxType.MANDATORY)
    public PartnerDtos.ReferralView record(UUID partnerId, Store store, UUID leadId, String kind, Money revenue, UUID by) {
        Money amount = revenue != null ? revenue : listPrice(store.plan);
        UUID id = Ids.next();
        @SuppressWarnings("unchecked")
        List<Object> inserted = em.createNativeQuery("""
                INSERT INTO referrals (id, partner_id, store_id, lead_id, kind, plan, revenue_amount, revenue_currency, created_by)
                VALUES (:id, :p, :s, :l, :k, :plan, :amount, :currency, :by)
                ON CONFLICT (partner_id, store_id) DO NOTHING RETURNING referred_at""")
                .setParameter("id", id).setParameter("p", partnerId).setParameter("s", store.id).setParameter("l", leadId)
                .setParameter("k", kind).setParameter("plan", store.plan.name()).setParameter("amount", amount.amount())
                .setParameter("currency", amount.currency()).setParameter("by", by).getResultList();
        if (inserted.isEmpty()) return null;
        return new PartnerDtos.ReferralView(id, partnerId, store.id, store.name, leadId, kind, Jdbc.instant(inserted.get(0)), store.plan.name(), amount);
    }

    public Page<PartnerDtos.ReferralView> list(UUID partnerId, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 2);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT r.id, r.partner_id, r.store_id, s.name, r.lead_id, r.kind, r.referred_at, r.plan, r.revenue_amount, r.revenue_currency
                FROM referrals r JOIN stores s ON s.id = r.store_id
                WHERE r.partner_id = :p
                  AND (CAST(:at AS timestamptz) IS NULL OR (r.referred_at, r.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid)))
                ORDER BY r.referred_at DESC, r.id DESC LIMIT :n""")
                .setParameter("p", partnerId)
                .setParameter("at", after == null ? null : Cursors.instant(after.get(0)).toString())
                .setParameter("id", after == null ? null : Cursors.uuid(after.get(1)).toString())
                .setParameter("n", page.limit + 1).getResultList();
        return Page.of(rows, page.limit,
                r -> new PartnerDtos.ReferralView((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (UUID) r[4], (String) r[5],
                        Jdbc.instant(r[6]), (String) r[7], Money.of((BigDecimal) r[8], (String) r[9])),
                r -> Cursors.encode(Jdbc.instant(r[6]), r[0]));
    }

    static Money requireMoney(String field, Money money, boolean required) {
        if (money == null) {
            if (required) throw ProblemException.invalidField(field, "is required");
            return null;
        }
        if (money.amount() == null) throw ProblemException.invalidField(field + ".amount", "is required");
        if (money.amount().signum() < 0) throw ProblemException.invalidField(field + ".amount", "must not be negative");
        Money.Currencies.require(field + ".currency", money.currency());
        return Money.of(money.amount(), money.currency());
    }
}
