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
            summary = "Leads assigned to the calling sales representative (every lead for a platform-admin), with conflicts flagged")
    @APIResponse(responseCode = "200", description = "A page of leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPage.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the sales-rep and platform-admin roles")
    public Page<LeadSummary> list(@QueryParam("status") @Parameter(description = "SUBMITTED, IN_PROGRESS, WON or NOT_QUALIFIED") String status, @QueryParam("type") @Parameter(description = "POS or PLUS") String type,
                                  @QueryParam("q") @Size(max = 200) @Parameter(description = "Substring of contact name, e-mail, company or website") String q,
                                  @QueryParam("conflict") @Parameter(description = "true: only duplicate registrations; false: only the others") Boolean conflict,
                                  @QueryParam("partnerId") @Parameter(description = "Only this partner's leads") UUID partnerId,
                                  @QueryParam("sort") @Parameter(description = "As in listLeads", example = "-submittedAt") String sort,
                                  @BeanParam @Valid PageParams page) {
        return leads.listForSales(actor(), new LeadService.LeadFilter(QueryParams.enumValue("status", LeadStatus.class, status), QueryParams.enumValue("type", LeadType.class, type), q, conflict, partnerId), sort, page);
    }

    @GET
    @Path("/leads/{leadId}")
    @Operation(operationId = "getAssignedLead", summary = "A lead assigned to the caller, with its conflict flag")
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
            summary = "Move a lead along its allowed transitions, with a note for the timeline (PRT-2, PRT-7); WON records the referral (PRT-8)")
    @APIResponse(responseCode = "200", description = "The lead with its new status and timeline entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "403", description = "NOT_ASSIGNED_REPRESENTATIVE: not the assigned representative, and not a platform-admin")
    @APIResponse(responseCode = "422", description = "INVALID_STATUS_TRANSITION, POS_LEAD_STAYS_SUBMITTED (PRT-3) or STORE_REQUIRED_FOR_WON")
    public LeadView changeStatus(@PathParam("leadId") UUID leadId, @Valid @NotNull StatusChangeRequest request) {
        return leads.changeStatus(actor(), leadId, request);
    }

    @POST
    @Path("/leads/{leadId}/payouts")
    @Operation(operationId = "recordLeadPayout", summary = "Record the payout outcome of a POS lead without sales support; it stays SUBMITTED (PRT-3)")
    @APIResponse(responseCode = "200", description = "The lead with its payout",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "403", description = "NOT_ASSIGNED_REPRESENTATIVE: not the assigned representative, and not a platform-admin")
    @APIResponse(responseCode = "409", description = "A payout outcome is already recorded")
    @APIResponse(responseCode = "422", description = "PAYOUT_NOT_APPLICABLE: the lead is not a POS lead without sales support")
    public LeadView payout(@PathParam("leadId") UUID leadId, @Valid @NotNull PayoutRequest request) {
        return leads.payout(actor(), leadId, request);
    }

    @GET
    @Path("/reps")
    @Operation(operationId = "listSalesReps", summary = "The sales representatives of the assignment pool (platform-admin)")
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
            summary = "Register a user as a sales representative and set the countries they cover (platform-admin)")
    @APIResponse(responseCode = "200", description = "The representative",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SalesRepProfile.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the platform-admin role")
    public SalesRepProfile putCoverage(@PathParam("userId") UUID userId, @Valid @NotNull CoverageRequest request) {
        access.requireRole(Roles.PLATFORM_ADMIN);
        return reps.putCoverage(userId, request);
    }
}
