package io.merchantdesk.partners;

/** What the partner refers the merchant to. */
public enum LeadType { POS, PLUS }
