package io.merchantdesk.partners;

/** PRT-3: the outcome of a POS referral without sales support, recorded beside the status. */
public enum PayoutOutcome { AWARDED, INELIGIBLE }
