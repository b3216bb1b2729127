-- Stores, organizations, staff and organization members, payment methods, permission changes.
CREATE TABLE organizations (
    id                uuid PRIMARY KEY,
    name              text NOT NULL,
    owner_id          uuid NOT NULL REFERENCES users(id),
    billing_currency  text NOT NULL CHECK (billing_currency ~ '^[A-Z]{3}$'),
    plus              boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint NOT NULL DEFAULT 0
);
CREATE INDEX organizations_owner_idx ON organizations (owner_id, id);

CREATE TABLE stores (
    id                   uuid PRIMARY KEY,
    name                 text NOT NULL,
    owner_id             uuid NOT NULL REFERENCES users(id),
    billing_currency     text NOT NULL CHECK (billing_currency ~ '^[A-Z]{3}$'),
    plan                 text NOT NULL CHECK (plan IN ('BASIC','GROW','ADVANCED','PLUS')),
    organization_id      uuid REFERENCES organizations(id),
    outstanding_balance  numeric(19,4) NOT NULL DEFAULT 0,
    billing_threshold    numeric(19,4) NOT NULL DEFAULT 500,
    needs_billing_setup  boolean NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              bigint NOT NULL DEFAULT 0
);
CREATE INDEX stores_owner_idx ON stores (owner_id, id);
CREATE INDEX stores_organization_idx ON stores (organization_id, id);

-- Store-level permissions of staff (the owner needs no row).
CREATE TABLE store_staff (
    store_id     uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users(id),
    permissions  text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, user_id)
);
CREATE INDEX store_staff_user_idx ON store_staff (user_id, store_id);

-- Organization members other than the owner (the owner is organizations.owner_id).
CREATE TABLE organization_members (
    organization_id  uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id          uuid NOT NULL REFERENCES users(id),
    role             text NOT NULL CHECK (role IN ('ADMIN','MEMBER')),
    permissions      text[] NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user_idx ON organization_members (user_id, organization_id);

-- Billing payment methods belong to a store, or (once chosen for billing) to an organization.
CREATE TABLE payment_methods (
    id               uuid PRIMARY KEY,
    store_id         uuid REFERENCES stores(id) ON DELETE CASCADE,
    organization_id  uuid REFERENCES organizations(id) ON DELETE CASCADE,
    type             text NOT NULL CHECK (type IN ('CARD','PAYPAL')),
    label            text NOT NULL,
    billing_role     text NOT NULL CHECK (billing_role IN ('PRIMARY','BACKUP')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 0,
    CHECK ((store_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX payment_methods_store_idx ON payment_methods (store_id, id);
CREATE INDEX payment_methods_organization_idx ON payment_methods (organization_id, id);
CREATE UNIQUE INDEX payment_methods_one_primary_store ON payment_methods (store_id) WHERE billing_role = 'PRIMARY' AND store_id IS NOT NULL;
CREATE UNIQUE INDEX payment_methods_one_primary_org ON payment_methods (organization_id) WHERE billing_role = 'PRIMARY' AND organization_id IS NOT NULL;

-- Every permission removed by ORG-12/13/14 (who lost what, where, why, and who caused it).
-- organization_id is not a foreign key: the record outlives an organization deleted by ORG-11.
CREATE TABLE permission_changes (
    id               uuid PRIMARY KEY,
    organization_id  uuid,
    store_id         uuid,
    user_id          uuid NOT NULL,
    permission       text NOT NULL,
    level            text NOT NULL,
    reason           text NOT NULL,
    changed_by       uuid NOT NULL,
    changed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX permission_changes_org_idx ON permission_changes (organization_id, changed_at DESC, id DESC);
CREATE INDEX permission_changes_store_idx ON permission_changes (store_id, changed_at DESC, id DESC);
