-- Partners (PRT-1..8): partner accounts and members, sales representatives and their coverage,
-- leads with their status timeline, upgrade invitations and referral history.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE partners (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    created_by  uuid NOT NULL REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0
);

-- ADMIN members (the creator) manage members; every member submits and reads leads.
CREATE TABLE partner_members (
    partner_id  uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users(id),
    role        text NOT NULL CHECK (role IN ('ADMIN','MEMBER')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, user_id)
);
CREATE INDEX partner_members_user_idx ON partner_members (user_id, partner_id);

-- The assignment pool: users seen with the sales-rep role (or registered by a platform-admin),
-- the countries they cover, and a counter of their open leads (kept in the same transaction as the
-- lead changes, so assignment never counts a million rows).
CREATE TABLE sales_reps (
    user_id     uuid PRIMARY KEY REFERENCES users(id),
    name        text NOT NULL,
    email       text NOT NULL,
    countries   text[] NOT NULL DEFAULT '{}',
    active      boolean NOT NULL DEFAULT true,
    open_leads  int NOT NULL DEFAULT 0 CHECK (open_leads >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0
);
CREATE INDEX sales_reps_countries_idx ON sales_reps USING gin (countries);

CREATE TABLE leads (
    id                       uuid PRIMARY KEY,
    partner_id               uuid NOT NULL REFERENCES partners(id),
    submitted_by             uuid NOT NULL REFERENCES users(id),
    type                     text NOT NULL CHECK (type IN ('POS','PLUS')),
    contact_name             text NOT NULL,
    email                    text NOT NULL,
    email_domain             text NOT NULL,
    phone                    text,
    company_name             text NOT NULL,
    website_url              text,
    website_host             text,
    country                  text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    store_id                 uuid REFERENCES stores(id),
    sales_support_requested  boolean NOT NULL,
    details                  text,
    status                   text NOT NULL CHECK (status IN ('SUBMITTED','IN_PROGRESS','WON','NOT_QUALIFIED')),
    -- pipeline order, so that sorting by status reads SUBMITTED, IN_PROGRESS, WON, NOT_QUALIFIED
    status_rank              smallint GENERATED ALWAYS AS (CASE status WHEN 'SUBMITTED' THEN 1 WHEN 'IN_PROGRESS' THEN 2
                                                                       WHEN 'WON' THEN 3 ELSE 4 END) STORED,
    open                     boolean NOT NULL DEFAULT true,
    sales_rep_id             uuid REFERENCES users(id),
    sales_rep_name           text,
    sales_rep_email          text,
    conflict_lead_id         uuid,
    payout_outcome           text CHECK (payout_outcome IN ('AWARDED','INELIGIBLE')),
    payout_amount            numeric(19,4),
    payout_currency          text,
    payout_at                timestamptz,
    submitted_at             timestamptz NOT NULL DEFAULT now(),
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    version                  bigint NOT NULL DEFAULT 0,
    -- PRT-5: one trigram index serves the substring search over the four searchable columns.
    search_text              text GENERATED ALWAYS AS (lower(contact_name || ' ' || email || ' ' || company_name || ' '
                                                             || coalesce(website_url, ''))) STORED
);
CREATE INDEX leads_search_trgm_idx ON leads USING gin (search_text gin_trgm_ops);
-- PRT-5 sorts: one (partner, key, id) index per sortable column keeps every sort a keyset index scan.
CREATE INDEX leads_partner_submitted_idx ON leads (partner_id, submitted_at, id);
CREATE INDEX leads_partner_status_idx ON leads (partner_id, status_rank, id);
CREATE INDEX leads_partner_type_idx ON leads (partner_id, type, id);
CREATE INDEX leads_partner_contact_idx ON leads (partner_id, lower(contact_name), id);
CREATE INDEX leads_partner_company_idx ON leads (partner_id, lower(company_name), id);
CREATE INDEX leads_partner_email_idx ON leads (partner_id, lower(email), id);
CREATE INDEX leads_partner_website_idx ON leads (partner_id, lower(coalesce(website_url, '')), id);
CREATE INDEX leads_partner_country_idx ON leads (partner_id, country, id);
CREATE INDEX leads_partner_updated_idx ON leads (partner_id, updated_at, id);
-- Sales view and duplicate detection.
CREATE INDEX leads_rep_submitted_idx ON leads (sales_rep_id, submitted_at, id);
CREATE INDEX leads_open_email_domain_idx ON leads (email_domain) WHERE open;
CREATE INDEX leads_open_website_host_idx ON leads (website_host) WHERE open AND website_host IS NOT NULL;
CREATE INDEX leads_open_store_idx ON leads (store_id) WHERE open AND store_id IS NOT NULL;
CREATE INDEX leads_open_email_idx ON leads (partner_id, lower(email)) WHERE open;

-- PRT-2/PRT-4: the timeline; the submission itself is the first entry (from_status NULL).
CREATE TABLE lead_status_changes (
    id           uuid PRIMARY KEY,
    lead_id      uuid NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    from_status  text,
    to_status    text NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    changed_by   uuid NOT NULL REFERENCES users(id),
    changed_by_name text,
    note         text
);
CREATE INDEX lead_status_changes_lead_idx ON lead_status_changes (lead_id, changed_at, id);

-- PRT-6
CREATE TABLE upgrade_invitations (
    id            uuid PRIMARY KEY,
    lead_id       uuid NOT NULL REFERENCES leads(id),
    partner_id    uuid NOT NULL REFERENCES partners(id),
    store_id      uuid NOT NULL REFERENCES stores(id),
    recipient_id  uuid NOT NULL REFERENCES users(id),
    recipient_email text NOT NULL,
    status        text NOT NULL CHECK (status IN ('PENDING','ACCEPTED','APPLIED','EXPIRED')),
    previous_plan text NOT NULL,
    expires_at    timestamptz NOT NULL,
    accepted_at   timestamptz,
    accepted_by   uuid REFERENCES users(id),
    apply_by      timestamptz,
    applied_at    timestamptz,
    created_by    uuid NOT NULL REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint NOT NULL DEFAULT 0
);
-- At most one live (pending or accepted, not yet applied) invitation per store.
CREATE UNIQUE INDEX upgrade_invitations_live_store_idx ON upgrade_invitations (store_id) WHERE status IN ('PENDING','ACCEPTED');
CREATE INDEX upgrade_invitations_due_idx ON upgrade_invitations (status, apply_by);
CREATE INDEX upgrade_invitations_lead_idx ON upgrade_invitations (lead_id);

-- PRT-8: referral history.
CREATE TABLE referrals (
    id               uuid PRIMARY KEY,
    partner_id       uuid NOT NULL REFERENCES partners(id),
    store_id         uuid NOT NULL REFERENCES stores(id),
    lead_id          uuid REFERENCES leads(id),
    kind             text NOT NULL CHECK (kind IN ('LEAD_WON','UPGRADE_INVITATION','STORE_HANDOVER')),
    referred_at      timestamptz NOT NULL DEFAULT now(),
    plan             text NOT NULL,
    revenue_amount   numeric(19,4) NOT NULL,
    revenue_currency text NOT NULL CHECK (revenue_currency ~ '^[A-Z]{3}$'),
    created_by       uuid REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now()
);
-- A store counts once per partner in the history.
CREATE UNIQUE INDEX referrals_partner_store_idx ON referrals (partner_id, store_id);
CREATE INDEX referrals_partner_referred_idx ON referrals (partner_id, referred_at, id);
