-- Issue 15: how a lead got its sales representative, or why it waits in the assignment queue, and
-- reassignments in the lead's timeline. Both columns are added without a rewrite of existing rows.
ALTER TABLE leads ADD COLUMN assignment_reason text
    CHECK (assignment_reason IN ('COVERS_COUNTRY', 'NO_REPRESENTATIVE_COVERS_COUNTRY', 'NO_ACTIVE_REPRESENTATIVE', 'REASSIGNED'));
-- The assignment queue: open leads without a representative. Small by design; serves the platform-admin's
-- queue list (newest first) and the assignment of queued leads when a representative's coverage is set.
CREATE INDEX leads_queued_idx ON leads (submitted_at, id) WHERE sales_rep_id IS NULL AND open;

-- STATUS_CHANGE: the submission (from NULL) or a status change; ASSIGNMENT: the lead got a (new)
-- representative (sales_rep_id), its status unchanged (from_status = to_status).
ALTER TABLE lead_status_changes ADD COLUMN kind text NOT NULL DEFAULT 'STATUS_CHANGE'
    CHECK (kind IN ('STATUS_CHANGE', 'ASSIGNMENT'));
ALTER TABLE lead_status_changes ADD COLUMN sales_rep_id uuid REFERENCES users(id);
