package io.merchantdesk.kernel.access;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The permission catalogue of the whole product, each with the level it is granted at.
 * Store-level permissions are held by staff on one store. Organization-level permissions are held by
 * organization members and apply to every store of the organization.
 * {@link #becomesOrganizationLevel} marks the store-level permissions that ORG-13 and ORG-14 take
 * away from staff when their store joins an organization (user management and the two financial
 * permissions); the ORG-15 financial permissions stay store-level.
 */
@Schema(name = "Permission", description = """
        A permission of the catalogue; each is granted at one level. Store level (granted to staff on one store):         MANAGE_ORDERS = create and change orders; MANAGE_CUSTOMERS = customers and their addresses;         MANAGE_COMPANIES = B2B companies, locations and contacts; MANAGE_STORE_SETTINGS = rename the store;         MANAGE_ERP_SYNC = the ERP connection and sync runs; MANAGE_STAFF = grant and remove staff;         VIEW_BILLS = view bills and receive billing e-mails; MANAGE_BILLING_PAYMENT_METHODS = edit billing payment         methods and pay invoices (these three become organization-level when the store joins an organization,         ORG-13, ORG-14); MANAGE_PLAN = change the plan; MANAGE_APP_BILLING = app billing; VIEW_PAYMENT_PAYOUTS =         payment payouts; MANAGE_PAYMENT_SETTINGS = other payment settings; VIEW_BALANCE_ACTIVITY = balance account         activity; VIEW_CREDIT_ACTIVITY = credit account activity (these six stay store-level inside an organization,         ORG-15). Organization level (granted to organization members, applies to every store of the organization):         ORGANIZATION_MANAGE_USERS = manage members and the staff of every store; ORGANIZATION_BILLING = bills, billing         e-mails, payment methods and invoices of every store (ADMINs only, ORG-14); ORGANIZATION_VIEW_STORES = see         the organization's stores.""")
public enum Permission {
    // Store level: everyday work
    MANAGE_ORDERS(Level.STORE, false),
    MANAGE_CUSTOMERS(Level.STORE, false),
    MANAGE_COMPANIES(Level.STORE, false),
    MANAGE_STORE_SETTINGS(Level.STORE, false),
    MANAGE_ERP_SYNC(Level.STORE, false),
    // Store level, moved to the organization when the store joins one (ORG-13, ORG-14)
    MANAGE_STAFF(Level.STORE, true),
    VIEW_BILLS(Level.STORE, true),
    MANAGE_BILLING_PAYMENT_METHODS(Level.STORE, true),
    // Store level financial permissions that stay with the store inside an organization (ORG-15)
    MANAGE_PLAN(Level.STORE, false),
    MANAGE_APP_BILLING(Level.STORE, false),
    VIEW_PAYMENT_PAYOUTS(Level.STORE, false),
    MANAGE_PAYMENT_SETTINGS(Level.STORE, false),
    VIEW_BALANCE_ACTIVITY(Level.STORE, false),
    VIEW_CREDIT_ACTIVITY(Level.STORE, false),
    // Organization level
    ORGANIZATION_MANAGE_USERS(Level.ORGANIZATION, false),
    /** Organization-level billing (ORG-14): bills, billing e-mails, payment methods and invoices of every store. */
    ORGANIZATION_BILLING(Level.ORGANIZATION, false),
    ORGANIZATION_VIEW_STORES(Level.ORGANIZATION, false);

    // Named for SDKs: a bare "Level" model would be ambiguous next to other capabilities' enums.
    @Schema(name = "PermissionLevel", description = "Where a permission is held: STORE = granted to staff on one store; "
            + "ORGANIZATION = granted to organization members and applies to every store of the organization")
    public enum Level { STORE, ORGANIZATION }

    private final Level level;
    private final boolean becomesOrganizationLevel;

    Permission(Level level, boolean becomesOrganizationLevel) {
        this.level = level;
        this.becomesOrganizationLevel = becomesOrganizationLevel;
    }

    public Level level() { return level; }

    public boolean becomesOrganizationLevel() { return becomesOrganizationLevel; }
}
