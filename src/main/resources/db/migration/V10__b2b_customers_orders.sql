-- B2B capability, part 1: customers (with addresses) and orders.
-- pg_trgm lives in schema public (guarded so reruns and other capabilities can create it too).
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE customers (
    id                uuid PRIMARY KEY,
    store_id          uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    first_name        text,
    last_name         text,
    email             text,
    -- lower(trim(email)): the comparison key for uniqueness and matching (ERP sync uses it too).
    email_normalized  text GENERATED ALWAYS AS (lower(trim(email))) STORED,
    phone             text,
    -- E.164, normalised with libphonenumber using the default address's country; null when unparseable.
    phone_e164        text,
    tags              text[] NOT NULL DEFAULT '{}',
    note              text,
    -- One lower-case haystack for substring search by name, e-mail and phone (pg_trgm GIN below).
    search_text       text GENERATED ALWAYS AS (
                          lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' '
                                || coalesce(email, '') || ' ' || coalesce(phone_e164, '') || ' '
                                || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'))) STORED,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint NOT NULL DEFAULT 0
);
CREATE INDEX customers_store_idx ON customers (store_id, id);
CREATE UNIQUE INDEX customers_store_email_uq ON customers (store_id, email_normalized) WHERE email_normalized IS NOT NULL;
CREATE INDEX customers_store_phone_idx ON customers (store_id, phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE INDEX customers_search_trgm ON customers USING gin (search_text public.gin_trgm_ops);

CREATE TABLE customer_addresses (
    id             uuid PRIMARY KEY,
    customer_id    uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    first_name     text,
    last_name      text,
    company        text,
    address1       text,
    address2       text,
    city           text,
    province_code  text,
    province       text,
    country_code   text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
    zip            text,
    phone          text,
    is_default     boolean NOT NULL DEFAULT false,
    position       int NOT NULL
);
CREATE INDEX customer_addresses_customer_idx ON customer_addresses (customer_id, position);
-- Exactly one default per customer that has addresses (the service always marks one).
CREATE UNIQUE INDEX customer_addresses_one_default ON customer_addresses (customer_id) WHERE is_default;

CREATE TABLE orders (
    id                   uuid PRIMARY KEY,
    store_id             uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    customer_id          uuid NOT NULL REFERENCES customers(id),
    -- null = D2C; a company location makes the order B2B (FK added with the companies in V11).
    company_location_id  uuid,
    status               text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED','CANCELLED')),
    deleted_at           timestamptz,
    currency             text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total                numeric(19,4) NOT NULL,
    line_items           jsonb NOT NULL DEFAULT '[]',
    billing_address      jsonb,
    shipping_address     jsonb,
    placed_at            timestamptz NOT NULL DEFAULT now(),
    -- The contact migration that moved this order into its location (B2B-5, B2B-7); FK in V11.
    migration_id         uuid,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              bigint NOT NULL DEFAULT 0
);
CREATE INDEX orders_store_idx ON orders (store_id, id);
CREATE INDEX orders_customer_idx ON orders (customer_id, id);
CREATE INDEX orders_location_idx ON orders (company_location_id, id) WHERE company_location_id IS NOT NULL;
CREATE INDEX orders_migration_idx ON orders (migration_id) WHERE migration_id IS NOT NULL;
