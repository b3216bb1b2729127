package io.merchantdesk.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.client.ApiException;
import io.merchantdesk.client.ApiResponse;
import io.merchantdesk.client.ProblemDetailsException;
import io.merchantdesk.client.api.PartnersApi;
import io.merchantdesk.client.api.SalesApi;
import io.merchantdesk.client.api.StoresApi;
import io.merchantdesk.client.api.UpgradeInvitationsApi;
import io.merchantdesk.client.model.CreatePartnerRequest;
import io.merchantdesk.client.model.CreatePaymentMethodRequest;
import io.merchantdesk.client.model.CreateStoreRequest;
import io.merchantdesk.client.model.Lead;
import io.merchantdesk.client.model.LeadAssignmentReason;
import io.merchantdesk.client.model.LeadAssignmentStatus;
import io.merchantdesk.client.model.LeadStatusChange;
import io.merchantdesk.client.model.LeadTimelineKind;
import io.merchantdesk.client.model.LeadStatus;
import io.merchantdesk.client.model.LeadType;
import io.merchantdesk.client.model.Partner;
import io.merchantdesk.client.model.PaymentMethodType;
import io.merchantdesk.client.model.Plan;
import io.merchantdesk.client.model.ReassignLeadRequest;
import io.merchantdesk.client.model.SalesRepCoverageRequest;
import io.merchantdesk.client.model.StatusChangeRequest;
import io.merchantdesk.client.model.Store;
import io.merchantdesk.client.model.SubmitLeadRequest;
import io.merchantdesk.client.model.UpgradeInvitation;
import io.merchantdesk.client.model.UpgradeInvitationStatus;
import io.merchantdesk.stories.support.Actors;
import io.merchantdesk.stories.support.Actors.Actor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Partner referrals through the generated Java client only, against the packaged service. */
class PartnerStoriesIT {

    @Test
    @DisplayName("Story: a partner submits a Plus lead (PRT-1), the assigned sales rep moves it (PRT-2, PRT-7), the merchant accepts an upgrade invitation (PRT-6)")
    void leadStatusAndUpgradeInvitation() throws ApiException {
        // The platform registers a sales representative for Iceland (only the stories use this service's schema).
        Actor admin = Actors.actor("admin", "platform-admin");
        Actor rep = Actors.actor("rep", "sales-rep");
        new SalesApi(admin.client()).putSalesRepCoverage(rep.id(), new SalesRepCoverageRequest().countries(List.of("IS")));

        // A merchant's store on Grow, in good billing standing.
        Actor merchant = Actors.actor("merchant");
        StoresApi merchantStores = new StoresApi(merchant.client());
        Store store = merchantStores.createStore(new CreateStoreRequest().name(Actors.unique("Reykjavik Wool")).billingCurrency("USD").plan(Plan.GROW), null);
        merchantStores.addStorePaymentMethod(store.getId(),
                new CreatePaymentMethodRequest().type(PaymentMethodType.CARD).label("Visa ending 4242").primary(true), null);

        // The agency submits a Plus lead for that store.
        Actor agent = Actors.actor("agent");
        PartnersApi partners = new PartnersApi(agent.client());
        Partner agency = partners.createPartner(new CreatePartnerRequest().name(Actors.unique("Nordic Agency")), null);
        String domain = Actors.unique("wool").toLowerCase() + ".is";
        Lead lead = partners.submitLead(agency.getId(), new SubmitLeadRequest().type(LeadType.PLUS).contactName("Kari Nordmann")
                .email("kari@" + domain).phone("+354 551 2345").companyName("Reykjavik Wool ehf").websiteUrl("https://www." + domain)
                .country("IS").storeId(store.getId()).salesSupportRequested(true).details("Three shops, wants Plus"), null);
        assertEquals(LeadStatus.SUBMITTED, lead.getStatus());
        assertEquals(rep.id(), lead.getSalesRep().getUserId(), "the rep covering IS is assigned");
        assertNotNull(lead.getNextSteps());

        // The rep cannot skip ahead, then moves the lead along.
        SalesApi sales = new SalesApi(rep.client());
        ProblemDetailsException skip = assertThrows(ProblemDetailsException.class, () -> sales.changeLeadStatus(lead.getId(),
                new StatusChangeRequest().status(LeadStatus.WON).note("too early"), null));
        assertEquals(422, skip.status());
        assertEquals("INVALID_STATUS_TRANSITION", skip.code());
        Lead inProgress = sales.changeLeadStatus(lead.getId(), new StatusChangeRequest().status(LeadStatus.IN_PROGRESS)
                .note("Called the merchant"), null);
        assertEquals(LeadStatus.IN_PROGRESS, inProgress.getStatus());
        Lead seenByAgency = partners.getLead(agency.getId(), lead.getId());
        assertEquals(List.of(LeadStatus.SUBMITTED, LeadStatus.IN_PROGRESS),
                seenByAgency.getTimeline().stream().map(c -> c.getTo()).toList());
        assertEquals(rep.id(), seenByAgency.getTimeline().get(1).getByUserId());
        assertEquals("Called the merchant", seenByAgency.getTimeline().get(1).getNote());
        assertEquals(LeadAssignmentStatus.ASSIGNED, seenByAgency.getAssignment().getStatus());
        assertEquals(LeadAssignmentReason.COVERS_COUNTRY, seenByAgency.getAssignment().getReason());

        // Issue 15: the platform-admin hands the lead to a second representative, with the ETag as If-Match;
        // the representative cannot reassign, and a stale ETag is refused.
        Actor secondRep = Actors.actor("rep2", "sales-rep");
        SalesApi adminSales = new SalesApi(admin.client());
        adminSales.putSalesRepCoverage(secondRep.id(), new SalesRepCoverageRequest().countries(List.of("GL")));
        ProblemDetailsException notAdmin = assertThrows(ProblemDetailsException.class,
                () -> sales.reassignLead(lead.getId(), new ReassignLeadRequest().salesRepId(secondRep.id()), null));
        assertEquals(403, notAdmin.status());
        assertEquals("ROLE_REQUIRED", notAdmin.code());
        ApiResponse<Lead> current = adminSales.getAssignedLeadWithHttpInfo(lead.getId());
        String etag = header(current, "ETag");
        Lead reassigned = adminSales.reassignLead(lead.getId(),
                new ReassignLeadRequest().salesRepId(secondRep.id()).note("Covers the account from today"), etag);
        assertEquals(secondRep.id(), reassigned.getSalesRep().getUserId());
        assertEquals(LeadAssignmentReason.REASSIGNED, reassigned.getAssignment().getReason());
        assertEquals(LeadStatus.IN_PROGRESS, reassigned.getStatus(), "reassignment keeps the status");
        LeadStatusChange entry = reassigned.getTimeline().get(reassigned.getTimeline().size() - 1);
        assertEquals(LeadTimelineKind.ASSIGNMENT, entry.getKind());
        assertEquals(secondRep.id(), entry.getSalesRepId());
        ProblemDetailsException stale = assertThrows(ProblemDetailsException.class,
                () -> adminSales.reassignLead(lead.getId(), new ReassignLeadRequest().salesRepId(rep.id()), etag));
        assertEquals(412, stale.status());
        assertEquals(secondRep.id(), partners.getLead(agency.getId(), lead.getId()).getSalesRep().getUserId());

        // The agency sends an upgrade invitation; the store owner accepts it.
        UpgradeInvitation invitation = partners.sendUpgradeInvitation(agency.getId(), lead.getId(), null);
        assertEquals(UpgradeInvitationStatus.PENDING, invitation.getStatus());
        assertEquals(store.getId(), invitation.getStoreId());
        assertTrue(invitation.getTermsUrl().endsWith(invitation.getId().toString()));
        UpgradeInvitationsApi merchantInvitations = new UpgradeInvitationsApi(merchant.client());
        UpgradeInvitation accepted = merchantInvitations.acceptUpgradeInvitation(invitation.getId(), null);
        assertEquals(UpgradeInvitationStatus.ACCEPTED, accepted.getStatus());
        assertEquals(Duration.ofHours(24), Duration.between(accepted.getAcceptedAt(), accepted.getApplyBy()));
        ProblemDetailsException again = assertThrows(ProblemDetailsException.class,
                () -> merchantInvitations.acceptUpgradeInvitation(invitation.getId(), null));
        assertEquals(409, again.status());
        assertEquals("INVITATION_ALREADY_ACCEPTED", again.code());
        assertEquals(UpgradeInvitationStatus.ACCEPTED, new UpgradeInvitationsApi(agent.client()).getUpgradeInvitation(invitation.getId()).getStatus());
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
