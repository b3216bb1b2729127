package io.merchantdesk.partners;

import java.util.Set;

/**
 * PRT-2 lead statuses and the transitions a sales representative may make. WON and NOT_QUALIFIED
 * end the lead; a lead is qualified (IN_PROGRESS) before it can be won.
 */
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
