package io.merchantdesk.partners;

import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.http.QueryParams;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.kernel.security.Roles;
import io.merchantdesk.partners.PartnerDtos.*;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sales")
@Authenticated
@Tag(name = "Sales", description = "Sales representatives: assigned leads, status changes, POS payouts, coverage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SalesResource {
    @Inject
    CurrentUser currentUser;

    @Inject
    LeadService leads;

    @Inject
    SalesRepService reps;

    @Inject
    AccessService access;

    /** A sales-rep caller joins the assignment pool on their first sales call. */
    private Actor actor() {
        Actor actor = Actor.of(currentUser);
        if (actor.salesRep()) reps.enrol(actor);
        return actor;
    }

    @GET
    @Path("/leads")
    @Operation(operationId = "listAssignedLeads",
            summary = "Leads assigned to the calling sales representative (every lead for a platform-admin), with conflicts flagged",
            description = "A sales-rep sees the leads assigned to them; a platform-admin sees every lead and can narrow it to one partner. "
                    + "Same filters, search, sort and keyset paging as listLeads, plus `conflict` (duplicate registrations, shown to sales only). "
                    + "A sales-rep caller joins the assignment pool on their first sales call.")
    @APIResponse(responseCode = "200", description = "A page of leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPage.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the sales-rep and platform-admin roles")
    public Page<LeadSummary> list(@QueryParam("status") @Parameter(description = "SUBMITTED, IN_PROGRESS, WON or NOT_QUALIFIED", schema = @Schema(implementation = LeadStatus.class)) String status,
                                  @QueryParam("type") @Parameter(description = "POS or PLUS", schema = @Schema(implementation = LeadType.class)) String type,
                                  @QueryParam("q") @Size(max = 200) @Parameter(description = "Substring of contact name, e-mail, company or website") String q,
                                  @QueryParam("conflict") @Parameter(description = "true: only duplicate registrations; false: only the others") Boolean conflict,
                                  @QueryParam("partnerId") @Parameter(description = "Only this partner's leads") UUID partnerId,
                                  @QueryParam("sort") @Parameter(description = "As in listLeads", example = "-submittedAt") String sort,
                                  @BeanParam @Valid PageParams page) {
        return leads.listForSales(actor(), new LeadService.LeadFilter(QueryParams.enumValue("status", LeadStatus.class, status), QueryParams.enumValue("type", LeadType.class, type), q, conflict, partnerId), sort, page);
    }

    @GET
    @Path("/leads/{leadId}")
    @Operation(operationId = "getAssignedLead", summary = "A lead assigned to the caller, with its conflict flag",
            description = "The full lead (timeline, next steps, assignment, payout) for its assigned representative or a platform-admin; "
                    + "the ETag is the lead's version, for If-Match on reassignLead.")
    @APIResponse(responseCode = "200", description = "The lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "403", description = "NOT_ASSIGNED_REPRESENTATIVE: not the assigned representative, and not a platform-admin")
    public Response get(@PathParam("leadId") UUID leadId) {
        LeadView lead = leads.getForSales(actor(), leadId);
        return Response.ok(lead).tag(Etags.of(lead.version())).build();
    }

    @POST
    @Path("/leads/{leadId}/status-changes")
    @Operation(operationId = "changeLeadStatus",
            summary = "Move a lead along its allowed transitions, with a note for the timeline (PRT-2, PRT-7); WON records the referral (PRT-8)",
            description = "SUBMITTED → IN_PROGRESS or NOT_QUALIFIED; IN_PROGRESS → WON or NOT_QUALIFIED; WON and NOT_QUALIFIED are final. "
                    + "WON needs a store (the lead's, or `storeId`) and may carry the deal `revenue`; it records the partner's referral. "
                    + "Closing a lead takes it off the representative's open-lead count.")
    @APIResponse(responseCode = "200", description = "The lead with its new status and timeline entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "403", description = "NOT_ASSIGNED_REPRESENTATIVE: not the assigned representative, and not a platform-admin")
    @APIResponse(responseCode = "422", description = "INVALID_STATUS_TRANSITION, POS_LEAD_STAYS_SUBMITTED (PRT-3) or STORE_REQUIRED_FOR_WON")
    public LeadView changeStatus(@PathParam("leadId") UUID leadId, @Valid @NotNull StatusChangeRequest request) {
        return leads.changeStatus(actor(), leadId, request);
    }

    @POST
    @Path("/leads/{leadId}/payouts")
    @Operation(operationId = "recordLeadPayout", summary = "Record the payout outcome of a POS lead without sales support; it stays SUBMITTED (PRT-3)",
            description = "Once per lead: AWARDED with a positive `amount`, or INELIGIBLE without one. The lead keeps its SUBMITTED status "
                    + "but no longer counts as open.")
    @APIResponse(responseCode = "200", description = "The lead with its payout",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "403", description = "NOT_ASSIGNED_REPRESENTATIVE: not the assigned representative, and not a platform-admin")
    @APIResponse(responseCode = "409", description = "PAYOUT_ALREADY_RECORDED: a payout outcome is already recorded")
    @APIResponse(responseCode = "422", description = "PAYOUT_NOT_APPLICABLE: the lead is not a POS lead without sales support")
    public LeadView payout(@PathParam("leadId") UUID leadId, @Valid @NotNull PayoutRequest request) {
        return leads.payout(actor(), leadId, request);
    }

    @GET
    @Path("/reps")
    @Operation(operationId = "listSalesReps", summary = "The sales representatives of the assignment pool (platform-admin)",
            description = "Every representative with the countries they cover, whether they are active and their open-lead count, keyset-paged by user id.")
    @APIResponse(responseCode = "200", description = "A page of representatives",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SalesRepPage.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the platform-admin role")
    public Page<SalesRepProfile> reps(@BeanParam @Valid PageParams page) {
        access.requireRole(Roles.PLATFORM_ADMIN);
        return reps.list(page);
    }

    @PUT
    @Path("/reps/{userId}")
    @Operation(operationId = "putSalesRepCoverage",
            summary = "Register a user as a sales representative and set the countries they cover (platform-admin)",
            description = "Replaces the countries (ISO 3166-1 alpha-2) and the active flag. An active representative at once gets every queued lead "
                    + "(open, without representative) of the countries they cover; each such lead's timeline shows an ASSIGNMENT entry.")
    @APIResponse(responseCode = "200", description = "The representative",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SalesRepProfile.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the platform-admin role")
    public SalesRepProfile putCoverage(@PathParam("userId") UUID userId, @Valid @NotNull CoverageRequest request) {
        access.requireRole(Roles.PLATFORM_ADMIN);
        return reps.putCoverage(Actor.of(currentUser), userId, request);
    }

    @GET
    @Path("/lead-queue")
    @Operation(operationId = "listQueuedLeads", summary = "The assignment queue: open leads without a sales representative (platform-admin)",
            description = "Leads wait here when no representative was active at submission (assignment.status QUEUED, reason "
                    + "NO_ACTIVE_REPRESENTATIVE). They leave the queue when a platform-admin assigns them (reassignLead) or when a "
                    + "representative covering their country is registered (putSalesRepCoverage). Filters, sort and keyset paging as listLeads.")
    @APIResponse(responseCode = "200", description = "A page of queued leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPage.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the platform-admin role")
    public Page<LeadSummary> queue(@QueryParam("type") @Parameter(description = "POS or PLUS", schema = @Schema(implementation = LeadType.class)) String type,
                                   @QueryParam("q") @Size(max = 200) @Parameter(description = "Substring of contact name, e-mail, company or website") String q,
                                   @QueryParam("partnerId") @Parameter(description = "Only this partner's leads") UUID partnerId,
                                   @QueryParam("sort") @Parameter(description = "As in listLeads", example = "-submittedAt") String sort,
                                   @BeanParam @Valid PageParams page) {
        return leads.queue(Actor.of(currentUser),
                new LeadService.LeadFilter(null, QueryParams.enumValue("type", LeadType.class, type), q, null, partnerId), sort, page);
    }

    @PUT
    @Path("/leads/{leadId}/assignment")
    @Operation(operationId = "reassignLead", summary = "Assign an open lead to another active sales representative (platform-admin)",
            description = "Works for queued leads and for leads another representative has. The open-lead counts of both representatives move "
                    + "with the lead, the timeline gets an ASSIGNMENT entry naming the new representative (with the note), assignment.reason "
                    + "becomes REASSIGNED and the version (ETag) changes. Assigning a lead to its current representative changes nothing. "
                    + "Send the lead's ETag as If-Match to be sure nobody changed it since you read it.")
    @APIResponse(responseCode = "200", description = "The lead with its new representative and timeline entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the platform-admin role (representatives and partners cannot reassign)")
    @APIResponse(responseCode = "422", description = "SALES_REP_NOT_FOUND, SALES_REP_INACTIVE (salesRepId names no active representative of the pool) or LEAD_CLOSED")
    public Response reassign(@PathParam("leadId") UUID leadId, @HeaderParam("If-Match") @Parameter(description = "The lead's ETag") String ifMatch,
                             @Valid @NotNull ReassignRequest request) {
        LeadView lead = leads.reassign(Actor.of(currentUser), leadId, ifMatch, request);
        return Response.ok(lead).tag(Etags.of(lead.version())).build();
    }
}
