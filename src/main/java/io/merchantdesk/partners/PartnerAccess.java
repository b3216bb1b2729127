package io.merchantdesk.partners;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.partners.PartnerDtos.MemberRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Partner tenancy: only members see a partner account and its leads; anyone else gets 404 (the id
 * reveals nothing). Member management needs the ADMIN role (403 for a plain member).
 */
@ApplicationScoped
public class PartnerAccess {
    @Inject
    PartnerRepository partners;

    /** The caller's role in the partner account, or 404. */
    public MemberRole member(Actor actor, UUID partnerId) {
        return partners.role(partnerId, actor.id()).orElseThrow(() -> ProblemException.notFound("Partner " + partnerId));
    }

    public void admin(Actor actor, UUID partnerId) {
        if (member(actor, partnerId) != MemberRole.ADMIN) {
            throw ProblemException.forbidden("PARTNER_ADMIN_REQUIRED", "Only an ADMIN of the partner account can manage its members");
        }
    }
}
