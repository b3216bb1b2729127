package io.merchantdesk.organizations;

/** Store subscription plans. */
public enum Plan { BASIC, GROW, ADVANCED, PLUS }
