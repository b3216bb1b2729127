package io.merchantdesk.partners;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** PRT-3: the outcome of a POS referral without sales support, recorded beside the status. */
@Schema(name = "PayoutOutcome", description = """
        PRT-3 outcome of a POS lead without sales support:
        * `AWARDED`: the partner earns the commission given as `amount`.
        * `INELIGIBLE`: no commission (no amount).""")
public enum PayoutOutcome { AWARDED, INELIGIBLE }
