-- ERP sync on the B2B tables: the "written by the sync" stamp (SYNC-19), the watermark index (SYNC-18),
-- and foreign keys for links and imported orders.
ALTER TABLE customers ADD COLUMN erp_written_at timestamptz;
CREATE INDEX customers_store_updated_idx ON customers (store_id, updated_at, id);

ALTER TABLE customer_links ADD CONSTRAINT customer_links_customer_fk
    FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE;
ALTER TABLE erp_orders ADD CONSTRAINT erp_orders_order_fk
    FOREIGN KEY (order_id) REFERENCES orders(id) ON DELETE CASCADE;
