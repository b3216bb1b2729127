package io.merchantdesk.organizations;

import io.merchantdesk.organizations.OrganizationDtos.BillingSetup;
import io.merchantdesk.organizations.OrganizationDtos.OrganizationView;
import io.merchantdesk.organizations.StoreDtos.PaymentMethodView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds organization views, for one organization or a page of them, with two queries in all. */
@ApplicationScoped
class OrganizationViews {
    @Inject
    StoreRepository stores;

    @Inject
    BillingRepository billing;

    OrganizationView view(Organization org) {
        return views(List.of(org)).get(org.id);
    }

    /** Views of several organizations with two queries in all (stores, payment methods), not two per organization. */
    Map<UUID, OrganizationView> views(List<Organization> orgs) {
        if (orgs.isEmpty()) return Map.of();
        List<UUID> ids = orgs.stream().map(o -> o.id).toList();
        Map<UUID, List<UUID>> storeIds = stores.idsByOrganization(ids);
        Map<UUID, List<PaymentMethod>> methods = GroupingRules.group(billing.ofOrganizations(ids), m -> m.organizationId);
        Map<UUID, OrganizationView> out = new LinkedHashMap<>();
        for (Organization org : orgs) {
            List<PaymentMethod> own = methods.getOrDefault(org.id, List.of());
            PaymentMethodView primary = own.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY)
                    .findFirst().map(PaymentMethodView::of).orElse(null);
            List<PaymentMethodView> backups = own.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.BACKUP)
                    .map(PaymentMethodView::of).toList();
            out.put(org.id, new OrganizationView(org.id, org.name, org.ownerId, org.billingCurrency, org.plus,
                    storeIds.getOrDefault(org.id, List.of()), new BillingSetup(primary, backups), org.version, org.createdAt));
        }
        return out;
    }
}
