package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The organizations package's answer to the kernel's {@link Tenancy} questions, read through its repositories. */
@ApplicationScoped
public class OrganizationTenancy implements Tenancy {
    @Inject
    StoreRepository stores;

    @Inject
    OrganizationRepository organizations;

    @Override
    public Optional<StoreRelation> storeRelation(UUID storeId, UUID userId) {
        return stores.relation(storeId, userId);
    }

    @Override
    public Optional<OrganizationRelation> organizationRelation(UUID organizationId, UUID userId) {
        return organizations.relation(organizationId, userId);
    }

    @Override
    public Optional<StoreFacts> store(UUID storeId) {
        return Optional.ofNullable(stores.facts(List.of(storeId)).get(storeId));
    }

    @Override
    public Map<UUID, StoreFacts> stores(Collection<UUID> storeIds) {
        return stores.facts(storeIds);
    }
}
