-- Issue 24: ERP synchronisation of B2B companies (docs/sync.md, SYNC-20..29).

-- ---- ERP side (the built-in register, owned by sync.erp) ----
-- A company's tax registration id goes into the registration number or the VAT registration number (the connection's
-- companyTaxIdField). The *_norm columns are the SYNC-21 matching key, computed exactly as Normalize.taxId does:
-- spaces, dots, dashes and slashes removed, upper-cased, a two-letter country prefix before a digit dropped.
ALTER TABLE erp_customers
    ADD COLUMN registration_no text,
    ADD COLUMN vat_registration_no text,
    ADD COLUMN registration_no_norm text GENERATED ALWAYS AS (nullif(regexp_replace(upper(regexp_replace(
        registration_no, '[[:space:]./-]', '', 'g')), '^[A-Z]{2}(?=[0-9])', ''), '')) STORED,
    ADD COLUMN vat_registration_no_norm text GENERATED ALWAYS AS (nullif(regexp_replace(upper(regexp_replace(
        vat_registration_no, '[[:space:]./-]', '', 'g')), '^[A-Z]{2}(?=[0-9])', ''), '')) STORED;
CREATE INDEX erp_customers_registration_idx ON erp_customers (erp_company_id, registration_no_norm) WHERE registration_no_norm IS NOT NULL;
CREATE INDEX erp_customers_vat_registration_idx ON erp_customers (erp_company_id, vat_registration_no_norm)
    WHERE vat_registration_no_norm IS NOT NULL;

-- Ship-to addresses of a card (SYNC-24): merchantdesk's carry codes 'MD' + 8 hex digits of the location id.
CREATE TABLE erp_ship_to_addresses (
    erp_company_id  uuid NOT NULL,
    customer_no     text NOT NULL,
    code            text NOT NULL,
    name            text,
    address         text,
    address2        text,
    city            text,
    post_code       text,
    county          text,
    country_code    text CHECK (country_code ~ '^[A-Z]{2}$'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (erp_company_id, customer_no, code),
    FOREIGN KEY (erp_company_id, customer_no) REFERENCES erp_customers (erp_company_id, customer_no) ON DELETE CASCADE ON UPDATE CASCADE
);

-- ---- Store side (owned by b2b) ----
-- A company's main contact (one of its own contacts; removing the contact clears it) and the tax registration id of a
-- location. Every write of a company or location is stamped with its transaction (exact change capture, as customers
-- are in V32); erp_written_at marks the sync's own writes from the ERP (SYNC-19 for companies).
ALTER TABLE company_contacts ADD CONSTRAINT company_contacts_company_id_uq UNIQUE (company_id, id);
ALTER TABLE companies
    ADD COLUMN main_contact_id uuid,
    ADD COLUMN sync_xid xid8 NOT NULL DEFAULT '1',
    ADD COLUMN erp_written_at timestamptz,
    ADD CONSTRAINT companies_main_contact_fk FOREIGN KEY (id, main_contact_id) REFERENCES company_contacts (company_id, id)
        ON DELETE SET NULL (main_contact_id);
CREATE INDEX companies_store_sync_xid_idx ON companies (store_id, sync_xid, id);
CREATE INDEX companies_main_contact_idx ON companies (main_contact_id) WHERE main_contact_id IS NOT NULL;
ALTER TABLE company_locations
    ADD COLUMN tax_registration_id text,
    ADD COLUMN sync_xid xid8 NOT NULL DEFAULT '1',
    ADD COLUMN erp_written_at timestamptz;
CREATE INDEX company_locations_store_sync_xid_idx ON company_locations (store_id, sync_xid);
CREATE TRIGGER companies_sync_xid BEFORE INSERT OR UPDATE ON companies
    FOR EACH ROW EXECUTE FUNCTION sync_stamp_customer_xid();
CREATE TRIGGER company_locations_sync_xid BEFORE INSERT OR UPDATE ON company_locations
    FOR EACH ROW EXECUTE FUNCTION sync_stamp_customer_xid();
-- A contact's customer changing is a change of the companies it is the main contact of (found through this index).
CREATE INDEX customers_id_sync_xid_idx ON customers (id, sync_xid);

-- ---- Sync side (owned by sync) ----
ALTER TABLE erp_connections
    ADD COLUMN company_import text NOT NULL DEFAULT 'WITH_ORDER_IMPORT'
        CHECK (company_import IN ('NONE', 'WITH_ORDER_IMPORT', 'ALL_COMPANIES')),
    ADD COLUMN company_mapping_type text NOT NULL DEFAULT 'BY_EMAIL_PHONE'
        CHECK (company_mapping_type IN ('BY_EMAIL_PHONE', 'DEFAULT_COMPANY', 'BY_TAX_ID')),
    ADD COLUMN company_tax_id_field text NOT NULL DEFAULT 'REGISTRATION_NUMBER'
        CHECK (company_tax_id_field IN ('REGISTRATION_NUMBER', 'VAT_REGISTRATION_NUMBER')),
    ADD COLUMN company_tax_id_fallback boolean NOT NULL DEFAULT false,
    ADD COLUMN auto_create_unknown_companies boolean NOT NULL DEFAULT false,
    ADD COLUMN default_company_no text,
    ADD COLUMN store_can_update_companies boolean NOT NULL DEFAULT false,
    ADD COLUMN can_update_store_companies boolean NOT NULL DEFAULT false,
    ADD COLUMN default_contact_role text NOT NULL DEFAULT 'ORDERING_ONLY'
        CHECK (default_contact_role IN ('ORDERING_ONLY', 'LOCATION_ADMIN')),
    ADD COLUMN company_locations_as text NOT NULL DEFAULT 'SHIP_TO_ADDRESSES'
        CHECK (company_locations_as IN ('SHIP_TO_ADDRESSES', 'OWN_CUSTOMERS'));

-- Store company <-> ERP customer. No foreign key to companies: a link outlives a company deleted in the store, so that
-- the deletion is reported as pending work (SYNC-25) instead of silently forgotten.
CREATE TABLE company_links (
    id               uuid PRIMARY KEY,
    store_id         uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    company_id       uuid NOT NULL,
    erp_company_id   uuid NOT NULL REFERENCES erp_companies(id) ON DELETE CASCADE,
    customer_no      text NOT NULL,
    last_synced_at   timestamptz NOT NULL DEFAULT now(),
    last_synced_from text NOT NULL CHECK (last_synced_from IN ('STORE', 'ERP', 'MANUAL')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT company_links_company_uq UNIQUE (store_id, company_id),
    CONSTRAINT company_links_erp_uq UNIQUE (store_id, erp_company_id, customer_no)
);

-- A location that is an ERP customer of its own (companyLocationsAs OWN_CUSTOMERS, SYNC-24); B2B orders at it are sold
-- to it and billed to its company's customer (SYNC-28).
CREATE TABLE location_links (
    store_id         uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    location_id      uuid NOT NULL,
    company_id       uuid NOT NULL,
    erp_company_id   uuid NOT NULL REFERENCES erp_companies(id) ON DELETE CASCADE,
    customer_no      text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, location_id),
    CONSTRAINT location_links_erp_uq UNIQUE (store_id, erp_company_id, customer_no)
);
CREATE INDEX location_links_company_idx ON location_links (store_id, company_id);

ALTER TABLE sync_pending DROP CONSTRAINT sync_pending_record_type_check;
ALTER TABLE sync_pending ADD CONSTRAINT sync_pending_record_type_check
    CHECK (record_type IN ('CUSTOMER', 'ERP_CUSTOMER', 'ORDER', 'COMPANY'));
