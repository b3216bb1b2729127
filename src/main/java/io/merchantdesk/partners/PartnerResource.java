package io.merchantdesk.partners;

import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.http.QueryParams;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.partners.PartnerDtos.*;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/partners")
@Authenticated
@Tag(name = "Partners", description = "Partner accounts, their leads (POS and Plus referrals), upgrade invitations and referral history")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerResource {
    @Inject
    CurrentUser currentUser;

    @Inject
    PartnerService partners;

    @Inject
    LeadService leads;

    @Inject
    UpgradeInvitationService invitations;

    @POST
    @Operation(operationId = "createPartner", summary = "Create a partner account; the caller becomes its ADMIN member",
            description = "Any signed-in user can create a partner account (an agency or freelancer); they become its first ADMIN member. The ETag is its version.")
    @APIResponse(responseCode = "201", description = "The partner account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerView.class)))
    public Response create(@Valid @NotNull CreatePartnerRequest request) {
        PartnerView p = partners.create(Actor.of(currentUser), request);
        return Response.created(URI.create("/partners/" + p.id())).tag(Etags.of(p.version())).entity(p).build();
    }

    @GET
    @Operation(operationId = "listPartners", summary = "Partner accounts the caller is a member of",
            description = "Every partner account the caller belongs to, with their role in it, keyset-paged by id.")
    @APIResponse(responseCode = "200", description = "A page of partner accounts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerPage.class)))
    public Page<PartnerView> list(@BeanParam @Valid PageParams page) {
        return partners.list(Actor.of(currentUser), page);
    }

    @GET
    @Path("/{partnerId}")
    @Operation(operationId = "getPartner", summary = "A partner account the caller is a member of",
            description = "Members only: anyone else gets 404, so an id reveals nothing.")
    @APIResponse(responseCode = "200", description = "The partner account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerView.class)))
    public Response get(@PathParam("partnerId") UUID partnerId) {
        PartnerView p = partners.get(Actor.of(currentUser), partnerId);
        return Response.ok(p).tag(Etags.of(p.version())).build();
    }

    @GET
    @Path("/{partnerId}/members")
    @Operation(operationId = "listPartnerMembers", summary = "Members of a partner account",
            description = "The members with their names, e-mails and roles, keyset-paged by user id; for members of the account.")
    @APIResponse(responseCode = "200", description = "A page of members",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberPage.class)))
    public Page<MemberView> members(@PathParam("partnerId") UUID partnerId, @BeanParam @Valid PageParams page) {
        return partners.members(Actor.of(currentUser), partnerId, page);
    }

    @PUT
    @Path("/{partnerId}/members/{userId}")
    @Operation(operationId = "putPartnerMember", summary = "Add a user to a partner account or change their role (ADMIN members only)",
            description = "Adds the user as ADMIN or MEMBER, or changes their role. The account always keeps an ADMIN: the last one cannot step down.")
    @APIResponse(responseCode = "200", description = "The member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "403", description = "PARTNER_ADMIN_REQUIRED: the caller is a member but not an ADMIN")
    @APIResponse(responseCode = "422", description = "LAST_PARTNER_ADMIN: the last ADMIN cannot step down")
    public MemberView putMember(@PathParam("partnerId") UUID partnerId, @PathParam("userId") UUID userId,
                                @Valid @NotNull MemberRequest request) {
        return partners.putMember(Actor.of(currentUser), partnerId, userId, request);
    }

    @DELETE
    @Path("/{partnerId}/members/{userId}")
    @Operation(operationId = "removePartnerMember", summary = "Remove a member from a partner account (ADMIN members only)",
            description = "Removes the member; the last ADMIN cannot be removed.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "PARTNER_ADMIN_REQUIRED: the caller is a member but not an ADMIN")
    @APIResponse(responseCode = "422", description = "LAST_PARTNER_ADMIN: the last ADMIN cannot be removed")
    public void removeMember(@PathParam("partnerId") UUID partnerId, @PathParam("userId") UUID userId) {
        partners.removeMember(Actor.of(currentUser), partnerId, userId);
    }

    @POST
    @Path("/{partnerId}/leads")
    @Operation(operationId = "submitLead",
            summary = "Submit a POS or Plus lead (PRT-1): a sales representative is assigned and a confirmation e-mail is sent",
            description = "Validates the details (e-mail domain, http(s) website, ISO country), rejects an open duplicate of the same partner (409) "
                    + "and flags one of another partner for sales. The active representative covering the country with the fewest open leads "
                    + "gets the lead, else the least loaded active one; with nobody active the lead is QUEUED for a platform-admin "
                    + "(see `assignment`). The submitting member gets a confirmation e-mail.")
    @APIResponse(responseCode = "201", description = "The lead, with what to expect next and its sales representative",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "409", description = "The partner already has an open lead of this type for the same e-mail, website or store (DUPLICATE_LEAD; resourceId names it)")
    public Response submit(@PathParam("partnerId") UUID partnerId, @Valid @NotNull SubmitLeadRequest request) {
        LeadView lead = leads.submit(Actor.of(currentUser), partnerId, request);
        return Response.created(URI.create("/partners/" + partnerId + "/leads/" + lead.id())).tag(Etags.of(lead.version())).entity(lead).build();
    }

    @GET
    @Path("/{partnerId}/leads")
    @Operation(operationId = "listLeads", summary = "The submitted-leads table: filter, substring search, sort by any column (PRT-5)",
            description = "The partner's leads with filters by status and type, a case-insensitive substring search over contact name, e-mail, company and website, up to four sort keys (any column, `-` for descending) and keyset paging; a cursor belongs to its sort.")
    @APIResponse(responseCode = "200", description = "A page of leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPage.class)))
    public Page<LeadSummary> list(@PathParam("partnerId") UUID partnerId,
                                  @QueryParam("status") @Parameter(description = "SUBMITTED, IN_PROGRESS, WON or NOT_QUALIFIED", schema = @Schema(implementation = LeadStatus.class)) String status,
                                  @QueryParam("type") @Parameter(description = "POS or PLUS", schema = @Schema(implementation = LeadType.class)) String type,
                                  @QueryParam("q") @jakarta.validation.constraints.Size(max = 200)
                                  @Parameter(description = "Substring of the contact name, e-mail, company name or website URL (case-insensitive)") String q,
                                  @QueryParam("sort") @Parameter(description = "Comma-separated fields, '-' for descending: submittedAt, updatedAt, status, type, contactName, companyName, email, websiteUrl, country (default -submittedAt)",
                                          example = "-submittedAt,contactName") String sort,
                                  @BeanParam @Valid PageParams page) {
        return leads.list(Actor.of(currentUser), partnerId, new LeadService.LeadFilter(QueryParams.enumValue("status", LeadStatus.class, status), QueryParams.enumValue("type", LeadType.class, type), q, null, null), sort, page);
    }

    @GET
    @Path("/{partnerId}/leads/{leadId}")
    @Operation(operationId = "getLead", summary = "A lead: status, what to expect next, timeline, sales representative and details (PRT-4)",
            description = "For members of the partner that submitted it (another partner's lead id is 404). Shows the assignment (ASSIGNED, or QUEUED while no representative is active) and the timeline of status changes and assignments.")
    @APIResponse(responseCode = "200", description = "The lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    public Response get(@PathParam("partnerId") UUID partnerId, @PathParam("leadId") UUID leadId) {
        LeadView lead = leads.get(Actor.of(currentUser), partnerId, leadId);
        return Response.ok(lead).tag(Etags.of(lead.version())).build();
    }

    @POST
    @Path("/{partnerId}/leads/{leadId}/upgrade-invitations")
    @Operation(operationId = "sendUpgradeInvitation",
            summary = "Invite the owner of the lead's existing store to upgrade to Plus (PRT-6); e-mails the terms link",
            description = "For an open PLUS lead naming an existing, eligible store (not on Plus, no unpaid bills over the threshold, billing set up). "
                    + "One open invitation per store; it expires after 14 days.")
    @APIResponse(responseCode = "201", description = "The invitation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class)))
    @APIResponse(responseCode = "409", description = "The store already has an open invitation (INVITATION_ALREADY_PENDING)")
    @APIResponse(responseCode = "422", description = "UPGRADE_NEEDS_PLUS_LEAD, UPGRADE_NEEDS_EXISTING_STORE, LEAD_CLOSED, or the store is not eligible")
    public Response invite(@PathParam("partnerId") UUID partnerId, @PathParam("leadId") UUID leadId) {
        InvitationView inv = invitations.create(Actor.of(currentUser), partnerId, leadId);
        return Response.created(URI.create("/upgrade-invitations/" + inv.id())).entity(inv).build();
    }

    @POST
    @Path("/{partnerId}/store-handovers")
    @Operation(operationId = "handOverStore",
            summary = "Hand a store a partner member built over to the merchant; records the referral (PRT-8)",
            description = "Runs the organizations ownership transfer (same rules) and records a STORE_HANDOVER referral in the same transaction.")
    @APIResponse(responseCode = "200", description = "The referral and the ownership transfer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HandoverView.class)))
    @APIResponse(responseCode = "403", description = "STORE_OWNER_REQUIRED: the caller does not own the store")
    @APIResponse(responseCode = "409", description = "ALREADY_REFERRED: the store is already in the partner's referral history")
    public HandoverView handOver(@PathParam("partnerId") UUID partnerId, @Valid @NotNull HandoverRequest request) {
        return partners.handOver(Actor.of(currentUser), partnerId, request);
    }

    @GET
    @Path("/{partnerId}/referrals")
    @Operation(operationId = "listReferrals", summary = "Referral history: every successful referral, newest first (PRT-8)",
            description = "Won leads, applied upgrade invitations and handed-over stores, each store once per partner, with the plan and the revenue, keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of referrals",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralPage.class)))
    public Page<ReferralView> referrals(@PathParam("partnerId") UUID partnerId, @BeanParam @Valid PageParams page) {
        return partners.referrals(Actor.of(currentUser), partnerId, page);
    }

    @Schema(name = "PartnerPage")
    public record PartnerPage(java.util.List<PartnerView> items, String nextCursor) {}

    @Schema(name = "PartnerMemberPage")
    public record MemberPage(java.util.List<MemberView> items, String nextCursor) {}
}
