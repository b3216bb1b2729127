package io.merchantdesk.partners;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.partners.PartnerDtos.MemberRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * Partner tenancy: only members see a partner account and its leads; anyone else gets 404 (the id
 * reveals nothing). Member management needs the ADMIN role (403 for a plain member).
 */
@ApplicationScoped
public class PartnerAccess {
    @Inject
    EntityManager em;

    /** The caller's role in the partner account, or 404. */
    public MemberRole member(Actor actor, UUID partnerId) {
        @SuppressWarnings("unchecked")
        List<String> roles = em.createNativeQuery("SELECT role FROM partner_members WHERE partner_id = :p AND user_id = :u")
                .setParameter("p", partnerId).setParameter("u", actor.id()).getResultList();
        if (roles.isEmpty()) {
            throw ProblemException.notFound("Partner " + partnerId);
        }
        return MemberRole.valueOf(roles.get(0));
    }

    public void admin(Actor actor, UUID partnerId) {
        if (member(actor, partnerId) != MemberRole.ADMIN) {
            throw ProblemException.forbidden("PARTNER_ADMIN_REQUIRED", "Only an ADMIN of the partner account can manage its members");
        }
    }
}
