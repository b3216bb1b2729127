-- Issue 21 item 1: the ERP as a remote boundary (docs/sync.md, "The ERP port").

-- Exactly once: every card the sync creates carries merchantdesk's reference (the store customer's id, or
-- order:<order id>), so a create whose answer was lost is found by the rerun instead of made twice.
ALTER TABLE erp_customers ADD COLUMN reference text;
CREATE UNIQUE INDEX erp_customers_reference_uq ON erp_customers (erp_company_id, reference) WHERE reference IS NOT NULL;

-- The ERP's document of an imported order (a Tryton sale, a Business Central sales order); null for the built-in
-- register, whose orders are these rows.
ALTER TABLE erp_orders ADD COLUMN erp_document_no text;

-- The ERP side's change window is an opaque cursor of the ERP's adapter (the built-in register: its snapshots; a
-- remote ERP: modification time, id and what it has already delivered): where a run started, where its export got
-- to (the resume point), and where the next run starts.
ALTER TABLE sync_runs ADD COLUMN erp_cursor_from text;
ALTER TABLE sync_runs ADD COLUMN erp_cursor text;
ALTER TABLE erp_connections ADD COLUMN erp_cursor text;

-- SYNC-19 for remote ERPs, which have no column for it: what the sync itself last wrote to a card (the ERP's
-- modification stamp of that write), so that the change scan skips exactly those writes.
CREATE TABLE erp_sync_writes (
    erp_company_id uuid NOT NULL REFERENCES erp_companies(id) ON DELETE CASCADE,
    customer_no    text NOT NULL,
    stamp          text NOT NULL,
    written_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (erp_company_id, customer_no)
);

-- Business Central (API v2.0): endpoint = the API root, login = the app registration's client id, the sealed
-- password = its client secret; the tenant, environment and company id name the company; authority = the token
-- service (Microsoft Entra ID, or another for a simulator).
ALTER TABLE erp_companies
    ADD COLUMN tenant_id         text,
    ADD COLUMN environment       text,
    ADD COLUMN remote_company_id uuid,
    ADD COLUMN authority         text,
    DROP CONSTRAINT erp_companies_kind_check,
    ADD CONSTRAINT erp_companies_kind_check CHECK (kind IN ('BUILT_IN', 'TRYTON', 'BUSINESS_CENTRAL')),
    DROP CONSTRAINT erp_companies_connection_by_kind,
    ADD CONSTRAINT erp_companies_connection_by_kind CHECK (
        (kind = 'BUILT_IN' AND endpoint IS NULL AND database_name IS NULL AND login IS NULL AND password_ciphertext IS NULL
             AND credentials_key_id IS NULL AND tenant_id IS NULL AND environment IS NULL AND remote_company_id IS NULL
             AND authority IS NULL)
        OR (kind = 'TRYTON' AND endpoint IS NOT NULL AND database_name IS NOT NULL AND login IS NOT NULL
             AND tenant_id IS NULL AND environment IS NULL AND remote_company_id IS NULL AND authority IS NULL)
        OR (kind = 'BUSINESS_CENTRAL' AND endpoint IS NOT NULL AND login IS NOT NULL AND tenant_id IS NOT NULL
             AND environment IS NOT NULL AND remote_company_id IS NOT NULL AND authority IS NOT NULL AND database_name IS NULL));
