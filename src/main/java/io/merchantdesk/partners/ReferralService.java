package io.merchantdesk.partners;

import io.merchantdesk.kernel.access.Tenancy;
import io.merchantdesk.kernel.access.Tenancy.StoreFacts;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.partners.PartnerDtos.ReferralView;
import io.merchantdesk.partners.ReferralRepository.ReferralRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
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
public class ReferralService {
    @Inject
    ReferralRepository referrals;

    @Inject
    Tenancy tenancy;

    @ConfigProperty(name = "merchantdesk.partners.price-currency", defaultValue = "USD")
    String priceCurrency;

    @ConfigProperty(name = "merchantdesk.partners.plan-price")
    Map<String, String> planPrices;

    public boolean exists(UUID partnerId, UUID storeId) {
        return referrals.exists(partnerId, storeId);
    }

    public Money listPrice(String plan) {
        String price = planPrices.get(plan);
        if (price == null) throw new IllegalStateException("No list price configured for plan " + plan);
        return Money.of(new BigDecimal(price), priceCurrency);
    }

    /** Records the referral once per partner and store (a later win for the same store keeps the first); null when it was there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReferralView record(UUID partnerId, UUID storeId, String storeName, String plan, UUID leadId, String kind, Money revenue, UUID by) {
        Money amount = revenue != null ? revenue : listPrice(plan);
        UUID id = Ids.next();
        return referrals.insertOnce(id, partnerId, storeId, leadId, kind, plan, amount, by)
                .map(at -> new ReferralView(id, partnerId, storeId, storeName, leadId, kind, at, plan, amount))
                .orElse(null);
    }

    public Page<ReferralView> list(UUID partnerId, PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 2);
        List<ReferralRow> rows = referrals.page(partnerId, after == null ? null : Cursors.instant(after.get(0)).toString(),
                after == null ? null : Cursors.uuid(after.get(1)).toString(),
                page.limit + 1);
        // One query for the names of the page's stores (the stores table belongs to organizations).
        Map<UUID, StoreFacts> stores = tenancy.stores(rows.stream().map(ReferralRow::storeId).distinct().toList());
        return Page.of(rows, page.limit,
                r -> new ReferralView(r.id(), r.partnerId(), r.storeId(), stores.containsKey(r.storeId()) ? stores.get(r.storeId()).name() : null,
                        r.leadId(), r.kind(), r.referredAt(), r.plan(), r.revenue()),
                r -> Cursors.encode(r.referredAt(), r.id()));
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
