package io.merchantdesk.partners;

/**
 * PRT-2: the "what to expect next" text of a lead, by status, type and sales-support choice, as in
 * the table of seed 002 (partner dashboard help page). Pure, so it is unit-tested per cell.
 */
public final class NextSteps {
    private NextSteps() {}

    public static String of(LeadStatus status, LeadType type, boolean salesSupport, PayoutOutcome payout) {
        return switch (type) {
            case PLUS -> plus(status, salesSupport);
            case POS -> pos(status, salesSupport, payout);
        };
    }

    private static String plus(LeadStatus status, boolean salesSupport) {
        return switch (status) {
            case SUBMITTED -> salesSupport
                    ? "You submitted a lead. You requested sales support, so our sales team will review the lead."
                    : "You submitted a lead. You did not request sales support, so you still need to contact your sales "
                      + "representative to set up the contract and close the sale.";
            case IN_PROGRESS -> salesSupport
                    ? "The lead is in contact with our sales team. As you requested sales support, we are actively "
                      + "selling to this lead together with you."
                    : "The lead is in contact with our sales team.";
            case WON -> "You will earn a commission on this lead according to the referral terms.";
            case NOT_QUALIFIED -> "You have not earned a commission for this lead.";
        };
    }

    private static String pos(LeadStatus status, boolean salesSupport, PayoutOutcome payout) {
        return switch (status) {
            case SUBMITTED -> {
                if (salesSupport) {
                    yield "We have received your lead for review. You requested sales support, so our sales team will review the lead.";
                }
                // PRT-3: the lead stays SUBMITTED; the payout outcome is told separately.
                String base = "We have received your lead for review. You did not request sales support: if the lead meets "
                        + "the POS referral terms, you receive a payout according to the campaign terms. Leads without sales "
                        + "support stay Submitted, even after a payout is awarded or the lead is found ineligible.";
                if (payout == PayoutOutcome.AWARDED) yield base + " A payout has been awarded for this lead.";
                if (payout == PayoutOutcome.INELIGIBLE) yield base + " This lead was found not eligible for a payout.";
                yield base;
            }
            case IN_PROGRESS -> "Our sales team is working on your lead.";
            case WON -> "The lead has completed the sales cycle, and you will receive a payout according to the campaign terms.";
            case NOT_QUALIFIED -> "This referral is not eligible for a payout.";
        };
    }
}
