package io.merchantdesk.kernel.security;

/** Platform roles carried in the token's {@code groups} claim. */
public final class Roles {
    private Roles() {}

    public static final String SALES_REP = "sales-rep";
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String SYNC_OPERATOR = "sync-operator";
}
