-- Issue 21 items 1 and 4: an ERP company has a kind. BUILT_IN is the register in erp_customers (every existing row);
-- TRYTON is a trytond reached over JSON-RPC with its connection here. The password is stored only as a Google Tink
-- AEAD ciphertext (AES256_GCM, associated data = the row's id, so a ciphertext copied to another row does not
-- decrypt); credentials_key_id is the id of the keyset key that sealed it (key rotation: docs/operations.md).
ALTER TABLE erp_companies
    ADD COLUMN kind                text NOT NULL DEFAULT 'BUILT_IN' CHECK (kind IN ('BUILT_IN', 'TRYTON')),
    ADD COLUMN endpoint            text,
    ADD COLUMN database_name       text,
    ADD COLUMN login               text,
    ADD COLUMN password_ciphertext bytea,
    ADD COLUMN credentials_key_id  bigint,
    ADD CONSTRAINT erp_companies_connection_by_kind CHECK (
        (kind = 'BUILT_IN' AND endpoint IS NULL AND database_name IS NULL AND login IS NULL AND password_ciphertext IS NULL
             AND credentials_key_id IS NULL)
        OR (kind = 'TRYTON' AND endpoint IS NOT NULL AND database_name IS NOT NULL AND login IS NOT NULL)),
    -- the row is inserted before its password is sealed (the id is the associated data), so the pair may be absent
    ADD CONSTRAINT erp_companies_sealed_with_key CHECK ((password_ciphertext IS NULL) = (credentials_key_id IS NULL));
