package io.merchantdesk.partners;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Issue 15: how a lead got its sales representative, or why it has none. */
@Schema(name = "LeadAssignmentReason", description = """
        How the lead got its sales representative, or why it waits for one:
        * `COVERS_COUNTRY`: assigned to the active representative covering the lead's country with the fewest open leads (at submission, or when a representative's coverage was set while the lead was queued).
        * `NO_REPRESENTATIVE_COVERS_COUNTRY`: nobody covers the country, so the active representative with the fewest open leads got it (the fallback of PRT-7).
        * `NO_ACTIVE_REPRESENTATIVE`: no representative was active at submission; the lead is QUEUED until a platform-admin assigns it or a representative covering its country is registered.
        * `REASSIGNED`: a platform-admin assigned it to the current representative.""")
public enum AssignmentReason {
    COVERS_COUNTRY, NO_REPRESENTATIVE_COVERS_COUNTRY, NO_ACTIVE_REPRESENTATIVE, REASSIGNED
}
