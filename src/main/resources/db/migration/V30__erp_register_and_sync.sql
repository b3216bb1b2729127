-- ERP customer sync (SYNC-1..19): the built-in ERP register, store connections, links, runs.

-- An ERP company: a customer register owned by a user, like a store.
CREATE TABLE erp_companies (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL,
    owner_id            uuid NOT NULL REFERENCES users(id),
    customer_no_prefix  text NOT NULL DEFAULT 'C',
    customer_no_width   int  NOT NULL DEFAULT 5 CHECK (customer_no_width BETWEEN 1 AND 18),
    next_customer_no    bigint NOT NULL DEFAULT 10 CHECK (next_customer_no >= 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint NOT NULL DEFAULT 0
);
CREATE INDEX erp_companies_owner_idx ON erp_companies (owner_id, id);

-- Customer cards. customer_no is unique per company: a rerun can never create a second card for a number.
-- email_norm / phone_e164 are the matching keys (SYNC-5), computed on write and indexed.
-- store_written_at stamps a write made by the sync (SYNC-19) so that the export does not send it back.
CREATE TABLE erp_customers (
    id                      uuid PRIMARY KEY,
    erp_company_id          uuid NOT NULL REFERENCES erp_companies(id) ON DELETE CASCADE,
    customer_no             text NOT NULL,
    name                    text NOT NULL DEFAULT '',
    name2                   text,
    contact                 text,
    address                 text,
    address2                text,
    city                    text,
    post_code               text,
    county                  text,
    country_code            text CHECK (country_code ~ '^[A-Z]{2}$'),
    phone                   text,
    phone_e164              text,
    email                   text,
    email_norm              text,
    gen_bus_posting_group   text,
    customer_posting_group  text,
    vat_bus_posting_group   text,
    tax_area_code           text,
    payment_terms_code      text,
    prices_including_vat    boolean NOT NULL DEFAULT false,
    blocked                 boolean NOT NULL DEFAULT false,
    template_code           text,
    changed_at              timestamptz NOT NULL DEFAULT now(),
    store_written_at        timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    version                 bigint NOT NULL DEFAULT 0,
    CONSTRAINT erp_customers_no_uq UNIQUE (erp_company_id, customer_no)
);
CREATE INDEX erp_customers_email_idx ON erp_customers (erp_company_id, email_norm) WHERE email_norm IS NOT NULL;
CREATE INDEX erp_customers_phone_idx ON erp_customers (erp_company_id, phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE INDEX erp_customers_changed_idx ON erp_customers (erp_company_id, changed_at, id);
CREATE INDEX erp_customers_billto_idx ON erp_customers (erp_company_id, country_code, post_code);

CREATE TABLE erp_customer_templates (
    id                      uuid PRIMARY KEY,
    erp_company_id          uuid NOT NULL REFERENCES erp_companies(id) ON DELETE CASCADE,
    code                    text NOT NULL,
    description             text,
    gen_bus_posting_group   text,
    customer_posting_group  text,
    vat_bus_posting_group   text,
    tax_area_code           text,
    payment_terms_code      text,
    prices_including_vat    boolean NOT NULL DEFAULT false,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    version                 bigint NOT NULL DEFAULT 0,
    CONSTRAINT erp_customer_templates_code_uq UNIQUE (erp_company_id, code)
);

-- A store's ERP connection (the seed's shop card); one per store.
CREATE TABLE erp_connections (
    id                           uuid PRIMARY KEY,
    store_id                     uuid NOT NULL UNIQUE REFERENCES stores(id) ON DELETE CASCADE,
    erp_company_id               uuid NOT NULL REFERENCES erp_companies(id),
    customer_import              text NOT NULL DEFAULT 'WITH_ORDER_IMPORT'
                                 CHECK (customer_import IN ('NONE','WITH_ORDER_IMPORT','ALL_CUSTOMERS')),
    customer_mapping_type        text NOT NULL DEFAULT 'BY_EMAIL_PHONE'
                                 CHECK (customer_mapping_type IN ('BY_EMAIL_PHONE','BY_BILL_TO_INFO','DEFAULT_CUSTOMER')),
    store_can_update_customers   boolean NOT NULL DEFAULT false,
    auto_create_unknown_customers boolean NOT NULL DEFAULT false,
    customer_template_code       text,
    default_customer_no          text,
    export_customers_to_store    boolean NOT NULL DEFAULT false,
    can_update_store_customers   boolean NOT NULL DEFAULT false,
    invite_exported_customers    boolean NOT NULL DEFAULT false,
    name_source                  text NOT NULL DEFAULT 'FIRST_AND_LAST_NAME',
    name2_source                 text NOT NULL DEFAULT 'COMPANY_NAME',
    contact_source               text NOT NULL DEFAULT 'NONE' CHECK (contact_source <> 'COMPANY_NAME'),
    county_source                text NOT NULL DEFAULT 'CODE' CHECK (county_source IN ('CODE','NAME')),
    schedule_cron                text,
    schedule_enabled             boolean NOT NULL DEFAULT false,
    schedule_last_fired_at       timestamptz,
    import_watermark             timestamptz,
    export_watermark             timestamptz,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    updated_at                   timestamptz NOT NULL DEFAULT now(),
    version                      bigint NOT NULL DEFAULT 0
);
CREATE INDEX erp_connections_schedule_idx ON erp_connections (store_id) WHERE schedule_enabled;

-- Per-country (optionally per-state: state_code '' = whole country) template rows.
CREATE TABLE erp_country_templates (
    id                      uuid PRIMARY KEY,
    store_id                uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    country_code            text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
    state_code              text NOT NULL DEFAULT '',
    default_customer_no     text,
    customer_template_code  text,
    prices_including_vat    boolean NOT NULL DEFAULT false,
    vat_bus_posting_group   text,
    tax_area_code           text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    version                 bigint NOT NULL DEFAULT 0,
    CONSTRAINT erp_country_templates_uq UNIQUE (store_id, country_code, state_code)
);

-- Store customer <-> ERP customer. Both sides unique per store: a rerun cannot link twice.
CREATE TABLE customer_links (
    id               uuid PRIMARY KEY,
    store_id         uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    customer_id      uuid NOT NULL,
    erp_company_id   uuid NOT NULL REFERENCES erp_companies(id) ON DELETE CASCADE,
    customer_no      text NOT NULL,
    last_synced_at   timestamptz NOT NULL DEFAULT now(),
    last_synced_from text NOT NULL CHECK (last_synced_from IN ('STORE','ERP','MANUAL')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customer_links_customer_uq UNIQUE (store_id, customer_id),
    CONSTRAINT customer_links_erp_uq UNIQUE (store_id, erp_company_id, customer_no)
);

-- Imported orders: one per store order (unique), with the chosen customer and the rule that chose it.
CREATE TABLE erp_orders (
    id                     uuid PRIMARY KEY,
    store_id               uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    order_id               uuid NOT NULL,
    erp_company_id         uuid NOT NULL REFERENCES erp_companies(id),
    sell_to_customer_no    text NOT NULL,
    bill_to_customer_no    text NOT NULL,
    chosen_by              text NOT NULL,
    country_code           text,
    prices_including_vat   boolean NOT NULL,
    vat_bus_posting_group  text,
    tax_area_code          text,
    run_id                 uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT erp_orders_order_uq UNIQUE (store_id, order_id)
);
CREATE INDEX erp_orders_store_idx ON erp_orders (store_id, id);

CREATE TABLE sync_runs (
    id               uuid PRIMARY KEY,
    store_id         uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('CUSTOMERS','ORDERS')),
    trigger          text NOT NULL CHECK (trigger IN ('MANUAL','SCHEDULE','OPERATOR')),
    status           text NOT NULL CHECK (status IN ('RUNNING','SUCCEEDED','FAILED','INTERRUPTED')),
    phase            text,
    resumed_from     uuid REFERENCES sync_runs(id),
    watermark_from   timestamptz,
    watermark_to     timestamptz NOT NULL,
    export_from      timestamptz,
    cursor_at        timestamptz,
    cursor_id        uuid,
    processed        int NOT NULL DEFAULT 0,
    created          int NOT NULL DEFAULT 0,
    updated          int NOT NULL DEFAULT 0,
    linked           int NOT NULL DEFAULT 0,
    skipped          int NOT NULL DEFAULT 0,
    failed           int NOT NULL DEFAULT 0,
    batch_size       int NOT NULL,
    failure          text,
    started_at       timestamptz NOT NULL DEFAULT now(),
    heartbeat_at     timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    started_by       uuid
);
CREATE INDEX sync_runs_store_idx ON sync_runs (store_id, kind, id);
CREATE INDEX sync_runs_running_idx ON sync_runs (store_id, kind) WHERE status = 'RUNNING';

CREATE TABLE sync_run_errors (
    id          uuid PRIMARY KEY,
    run_id      uuid NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    record_type text NOT NULL,
    record_id   text NOT NULL,
    code        text NOT NULL,
    message     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_run_errors_run_idx ON sync_run_errors (run_id, id);
