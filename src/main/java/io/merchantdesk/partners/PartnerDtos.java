package io.merchantdesk.partners;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.organizations.OrganizationDtos;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the partner, sales and upgrade-invitation endpoints. */
@RegisterForReflection // the nested records are (de)serialised by Jackson; native images need them registered
public final class PartnerDtos {
    private PartnerDtos() {}

    // Named for generated SDKs (issue 8): a bare enum name collides with others' and becomes e.g. "Status1".
    @Schema(name = "PartnerMemberRole", description = """
            A member's role in a partner account:
            * `ADMIN`: manages the members (the creator is the first ADMIN; the last ADMIN cannot step down), and does everything a MEMBER does.
            * `MEMBER`: submits and follows leads, sends upgrade invitations, hands over stores and reads the referral history.""")
    public enum MemberRole { ADMIN, MEMBER }

    @Schema(name = "CreatePartnerRequest")
    public record CreatePartnerRequest(@NotBlank @Size(max = 200) @Schema(examples = "Fjord Digital Agency") String name) {}

    @Schema(name = "Partner")
    public record PartnerView(UUID id, @Schema(examples = "Fjord Digital Agency") String name,
                              @Schema(description = "The caller's role in the partner account") MemberRole role,
                              long version, Instant createdAt) {}

    @Schema(name = "PartnerMemberRequest")
    public record MemberRequest(@NotNull @Schema(examples = "MEMBER") MemberRole role) {}

    @Schema(name = "PartnerMember")
    public record MemberView(UUID userId, @Schema(examples = "Ada Lovelace") String name,
                             @Schema(examples = "ada@fjord.example") String email, MemberRole role, Instant addedAt) {}

    @Schema(name = "SubmitLeadRequest", description = "PRT-1: the details a partner gives about the merchant")
    public record SubmitLeadRequest(
            @NotNull @Schema(examples = "PLUS") LeadType type,
            @NotBlank @Size(max = 200) @Schema(examples = "Kari Nordmann") String contactName,
            @NotBlank @Email @Size(max = 254) @Schema(examples = "kari@nordsko.no") String email,
            @Size(max = 40) @Pattern(regexp = "\\+?[0-9 ()./-]{5,40}", message = "must be a phone number")
            @Schema(examples = "+47 22 33 44 55") String phone,
            @NotBlank @Size(max = 200) @Schema(examples = "Nordsko AS") String companyName,
            @Size(max = 500) @Schema(description = "http(s) URL of the merchant's website", examples = "https://nordsko.no") String websiteUrl,
            @NotBlank @Schema(description = "ISO 3166-1 alpha-2 country code", examples = "NO") String country,
            @Schema(description = "The merchant's existing store, if they already sell on merchantdesk") UUID storeId,
            @NotNull @Schema(examples = "true") Boolean salesSupportRequested,
            @Size(max = 4000) @Schema(examples = "Three shops in Oslo, wants POS in all of them") String details) {}

    @Schema(name = "SalesRep", description = "The sales representative assigned to a lead")
    public record SalesRepView(UUID userId, @Schema(examples = "Siri Salg") String name,
                               @Schema(examples = "siri@merchantdesk.dev") String email) {}

    @Schema(name = "Payout", description = "PRT-3: payout outcome of a POS lead without sales support")
    public record PayoutView(PayoutOutcome outcome, Money amount, Instant recordedAt) {}

    @Schema(name = "LeadAssignment", description = "Issue 15: whether the lead has a sales representative, and how it got one or why it waits")
    public record AssignmentView(@Schema(required = true) AssignmentStatus status,
                                 @Schema(description = "Not recorded for leads assigned before assignment reasons existed") AssignmentReason reason) {
        static AssignmentView of(UUID salesRepId, boolean open, AssignmentReason reason) {
            AssignmentStatus status = AssignmentStatus.of(salesRepId != null, open);
            return new AssignmentView(status, reason == null && status == AssignmentStatus.QUEUED ? AssignmentReason.NO_ACTIVE_REPRESENTATIVE : reason);
        }
    }

    @Schema(name = "LeadSummary", description = "A row of the submitted-leads table")
    public record LeadSummary(UUID id, UUID partnerId, LeadType type, LeadStatus status,
                              @Schema(examples = "Kari Nordmann") String contactName,
                              @Schema(examples = "kari@nordsko.no") String email,
                              @Schema(examples = "Nordsko AS") String companyName,
                              @Schema(examples = "https://nordsko.no") String websiteUrl,
                              @Schema(examples = "NO") String country,
                              boolean salesSupportRequested, SalesRepView salesRep,
                              @Schema(required = true) AssignmentView assignment, Instant submittedAt, Instant updatedAt,
                              @Schema(description = "Sales view only: another partner's open lead for the same merchant") UUID conflictLeadId) {}

    @Schema(name = "LeadTimelineKind", description = """
            What a timeline entry records:
            * `STATUS_CHANGE`: the submission (no `from`) or a status change from `from` to `to`.
            * `ASSIGNMENT`: the lead got a (new) sales representative, `salesRepId`; the status is unchanged (`from` = `to`).""")
    public enum TimelineKind { STATUS_CHANGE, ASSIGNMENT }

    @Schema(name = "LeadStatusChange", description = "A timeline entry: the submission (no from), a status change, or an assignment")
    public record TimelineEntry(LeadStatus from, @Schema(required = true) LeadStatus to, @Schema(required = true) Instant at, UUID byUserId,
                                @Schema(examples = "Siri Salg") String byName, @Schema(examples = "Called the merchant") String note,
                                @Schema(required = true) TimelineKind kind,
                                @Schema(description = "ASSIGNMENT: the representative the lead was assigned to") UUID salesRepId) {}

    @Schema(name = "Lead", description = "PRT-4: status, what to expect next, timeline, sales representative and the submitted details")
    public record LeadView(@Schema(required = true) UUID id, @Schema(required = true) UUID partnerId, @Schema(required = true) LeadType type, @Schema(required = true) LeadStatus status,
                           @Schema(required = true, description = "PRT-2: what to expect next, by status, type and sales support") String nextSteps,
                           @Schema(required = true) List<TimelineEntry> timeline, SalesRepView salesRep,
                           @Schema(required = true) AssignmentView assignment,
                           @Schema(required = true) String contactName, @Schema(required = true) String email, String phone, @Schema(required = true) String companyName, String websiteUrl, @Schema(required = true) String country,
                           UUID storeId, @Schema(required = true) boolean salesSupportRequested, String details, PayoutView payout,
                           @Schema(description = "Duplicate registration (shown to sales): the other partner's open lead") UUID conflictLeadId,
                           @Schema(required = true) Instant submittedAt, @Schema(required = true) long version) {}

    @Schema(name = "LeadPage")
    public record LeadPage(List<LeadSummary> items, String nextCursor) {}

    @Schema(name = "StatusChangeRequest")
    public record StatusChangeRequest(
            @NotNull @Schema(examples = "IN_PROGRESS") LeadStatus status,
            @Size(max = 2000) @Schema(examples = "Qualified on a call with the merchant") String note,
            @Schema(description = "WON: the store the merchant sells from (defaults to the lead's store)") UUID storeId,
            @Valid @Schema(description = "WON: the revenue of the deal (defaults to the plan's list price)") Money revenue) {}

    @Schema(name = "ReassignLeadRequest", description = "Issue 15: the representative a platform-admin assigns the lead to")
    public record ReassignRequest(
            @NotNull @Schema(description = "User id of an active sales representative of the pool (GET /sales/reps)") UUID salesRepId,
            @Size(max = 2000) @Schema(examples = "Siri covers the Nordics from today") String note) {}

    @Schema(name = "PayoutRequest")
    public record PayoutRequest(@NotNull @Schema(examples = "AWARDED") PayoutOutcome outcome,
                                @Valid @Schema(description = "Required when AWARDED") Money amount) {}

    @Schema(name = "SalesRepCoverageRequest")
    public record CoverageRequest(@NotNull @Size(max = 250) @Schema(examples = "[\"NO\", \"SE\"]") List<String> countries,
                                  @Schema(description = "Inactive representatives get no new leads (default true)") Boolean active) {}

    @Schema(name = "SalesRepProfile")
    public record SalesRepProfile(UUID userId, String name, String email, List<String> countries, boolean active,
                                  @Schema(description = "Leads assigned and still open") int openLeads) {}

    @Schema(name = "SalesRepPage")
    public record SalesRepPage(List<SalesRepProfile> items, String nextCursor) {}

    @Schema(name = "UpgradeInvitation")
    public record InvitationView(UUID id, UUID leadId, UUID partnerId, UUID storeId, UpgradeInvitation.Status status,
                                 @Schema(examples = "https://merchantdesk.dev/terms/plus?invitation=…") String termsUrl,
                                 Instant expiresAt, Instant acceptedAt,
                                 @Schema(description = "PRT-6: the store is on Plus by this time (24 h after acceptance)") Instant applyBy,
                                 Instant appliedAt) {}

    @Schema(name = "StoreHandoverRequest", description = "PRT-8: hand a store the partner member built over to the merchant")
    public record HandoverRequest(@NotNull UUID storeId, @NotNull @Schema(description = "The merchant who becomes the owner") UUID merchantUserId) {}

    @Schema(name = "StoreHandover")
    public record HandoverView(ReferralView referral, OrganizationDtos.Transferred transfer) {}

    @Schema(name = "Referral", description = "PRT-8: a successful referral")
    public record ReferralView(UUID id, UUID partnerId, UUID storeId, @Schema(examples = "Nordsko") String storeName, UUID leadId,
                               @Schema(examples = "LEAD_WON", description = "How the store was referred: LEAD_WON (a lead the representative won), UPGRADE_INVITATION (an accepted Plus upgrade was applied) or STORE_HANDOVER (a partner member handed over a store they built)") String kind, Instant referredAt,
                               @Schema(examples = "PLUS") String plan, Money revenue) {}

    @Schema(name = "ReferralPage")
    public record ReferralPage(List<ReferralView> items, String nextCursor) {}

}
