package io.merchantdesk.partners;

import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * PRT-2 lead statuses and the transitions a sales representative may make. WON and NOT_QUALIFIED
 * end the lead; a lead is qualified (IN_PROGRESS) before it can be won.
 */
@Schema(name = "LeadStatus", description = """
        Where a lead is in the sales pipeline (PRT-2); only the assigned representative or a platform-admin changes it:
        * `SUBMITTED`: received from the partner; waiting for the representative (a POS lead without sales support stays here, PRT-3).
        * `IN_PROGRESS`: qualified; the representative works with the merchant. Next: WON or NOT_QUALIFIED.
        * `WON`: the merchant signed; the referral is recorded (PRT-8). Final.
        * `NOT_QUALIFIED`: the lead does not lead to a sale. Final.""")
public enum LeadStatus {
    SUBMITTED, IN_PROGRESS, WON, NOT_QUALIFIED;

    public Set<LeadStatus> next() {
        return switch (this) {
            case SUBMITTED -> Set.of(IN_PROGRESS, NOT_QUALIFIED);
            case IN_PROGRESS -> Set.of(WON, NOT_QUALIFIED);
            case WON, NOT_QUALIFIED -> Set.of();
        };
    }

    public boolean canBecome(LeadStatus to) {
        return next().contains(to);
    }

    /** Open leads count towards a representative's load and towards duplicate detection. */
    public boolean open() {
        return this == SUBMITTED || this == IN_PROGRESS;
    }
}
