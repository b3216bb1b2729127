-- Store billing: charges accrue to the outstanding balance; invoices bill it to an owner (ORG-16).
CREATE TABLE store_invoices (
    id          uuid PRIMARY KEY,
    store_id    uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    billed_to   uuid NOT NULL REFERENCES users(id),
    amount      numeric(19,4) NOT NULL,
    currency    text NOT NULL,
    reason      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX store_invoices_store_idx ON store_invoices (store_id, created_at DESC, id DESC);
