package io.merchantdesk.partners;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the partner refers the merchant to. */
@Schema(name = "LeadType", description = """
        What the partner refers the merchant to:
        * `POS`: point-of-sale for physical shops; without sales support it is paid out instead of moving through statuses (PRT-3).
        * `PLUS`: the Plus plan; for an existing store the partner can send an upgrade invitation (PRT-6).""")
public enum LeadType { POS, PLUS }
