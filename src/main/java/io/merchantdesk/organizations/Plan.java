package io.merchantdesk.organizations;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Store subscription plans. */
@Schema(name = "Plan", description = "A store's subscription plan. BASIC, GROW and ADVANCED = the standard plans, in "
        + "ascending order; changing between them has no effect on grouping. PLUS = the Plus plan: an organization whose "
        + "stores are all on PLUS is a Plus organization, which takes only PLUS stores and no stores of a non-Plus "
        + "organization (ORG-7); partners can invite a store to upgrade to PLUS (PRT-6).")
public enum Plan { BASIC, GROW, ADVANCED, PLUS }
