-- Exact change capture (SYNC-18, issue 16), pending work (failed and skipped records), SUCCEEDED_WITH_ERRORS.
--
-- Every write of a store customer or an ERP card stamps the row with the id of the writing transaction
-- (pg_current_xact_id(), a 64-bit xid8 that never wraps). A run takes pg_current_snapshot() when it starts and
-- processes exactly the rows whose stamp is visible in its snapshot and was not visible in the snapshot of the
-- previous successful run: every committed transaction falls in exactly one such window, whatever order it
-- committed in (see docs/sync.md). Rows written before this migration carry xid 1, visible in every snapshot.
ALTER TABLE customers ADD COLUMN sync_xid xid8 NOT NULL DEFAULT '1';
CREATE INDEX customers_store_sync_xid_idx ON customers (store_id, sync_xid, id);
ALTER TABLE erp_customers ADD COLUMN change_xid xid8 NOT NULL DEFAULT '1';
CREATE INDEX erp_customers_change_xid_idx ON erp_customers (erp_company_id, change_xid, id);

CREATE FUNCTION sync_stamp_customer_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sync_xid := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER customers_sync_xid BEFORE INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION sync_stamp_customer_xid();

CREATE FUNCTION sync_stamp_erp_customer_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER erp_customers_change_xid BEFORE INSERT OR UPDATE ON erp_customers
    FOR EACH ROW EXECUTE FUNCTION sync_stamp_erp_customer_xid();

-- The change windows: the previous successful run's snapshot (exclusive) and this run's (inclusive).
ALTER TABLE sync_runs ADD COLUMN snapshot_from pg_snapshot;
ALTER TABLE sync_runs ADD COLUMN snapshot_to pg_snapshot;
ALTER TABLE sync_runs ADD COLUMN cursor_xid xid8;
ALTER TABLE sync_runs ADD COLUMN mode text NOT NULL DEFAULT 'INCREMENTAL' CHECK (mode IN ('INCREMENTAL','FULL'));
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('RUNNING','SUCCEEDED','SUCCEEDED_WITH_ERRORS','FAILED','INTERRUPTED'));
ALTER TABLE erp_connections ADD COLUMN sync_snapshot pg_snapshot;

-- A record of a run is FAILED (an error) or SKIPPED (with its reason code).
ALTER TABLE sync_run_errors ADD COLUMN outcome text NOT NULL DEFAULT 'FAILED' CHECK (outcome IN ('FAILED','SKIPPED'));
CREATE INDEX sync_run_errors_outcome_idx ON sync_run_errors (run_id, outcome, id);

-- Pending work: records whose last evaluation failed (retried by later runs with backoff, at most
-- merchantdesk.sync.retry-max-attempts times) or was skipped (re-evaluated after a settings change).
CREATE TABLE sync_pending (
    store_id         uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    record_type      text NOT NULL CHECK (record_type IN ('CUSTOMER','ERP_CUSTOMER','ORDER')),
    record_id        text NOT NULL,
    outcome          text NOT NULL CHECK (outcome IN ('FAILED','SKIPPED')),
    code             text NOT NULL,
    message          text NOT NULL,
    attempts         int  NOT NULL DEFAULT 1,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_run_id      uuid,
    PRIMARY KEY (store_id, record_type, record_id)
);
CREATE INDEX sync_pending_due_idx ON sync_pending (store_id, record_type, next_attempt_at) WHERE next_attempt_at IS NOT NULL;
