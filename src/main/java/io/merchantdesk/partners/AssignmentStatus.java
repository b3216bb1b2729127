package io.merchantdesk.partners;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Issue 15: whether a lead has a sales representative. */
@Schema(name = "LeadAssignmentStatus", description = """
        Whether the lead has a sales representative:
        * `ASSIGNED`: `salesRep` works the lead.
        * `QUEUED`: open and without a representative; listed in `GET /sales/lead-queue` for a platform-admin to assign.
        * `UNASSIGNED`: closed (won, not qualified or paid out) without ever having had a representative.""")
public enum AssignmentStatus {
    ASSIGNED, QUEUED, UNASSIGNED;

    static AssignmentStatus of(boolean hasRepresentative, boolean open) {
        return hasRepresentative ? ASSIGNED : open ? QUEUED : UNASSIGNED;
    }
}
