-- B2B capability, part 2: companies, locations, contacts with per-location roles, order migrations.
CREATE TABLE companies (
    id           uuid PRIMARY KEY,
    store_id     uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    name         text NOT NULL,
    external_id  text,
    note         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint NOT NULL DEFAULT 0
);
CREATE INDEX companies_store_idx ON companies (store_id, id);
CREATE UNIQUE INDEX companies_store_external_uq ON companies (store_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX companies_name_trgm ON companies USING gin (lower(name) public.gin_trgm_ops);

CREATE TABLE company_locations (
    id                uuid PRIMARY KEY,
    company_id        uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    store_id          uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    name              text NOT NULL,
    billing_address   jsonb,
    shipping_address  jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint NOT NULL DEFAULT 0
);
CREATE INDEX company_locations_company_idx ON company_locations (company_id, id);

-- A customer's membership of a company (a customer may be a contact of several companies).
CREATE TABLE company_contacts (
    id           uuid PRIMARY KEY,
    company_id   uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    customer_id  uuid NOT NULL REFERENCES customers(id),
    store_id     uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint NOT NULL DEFAULT 0,
    CONSTRAINT company_contacts_uq UNIQUE (company_id, customer_id)
);
CREATE INDEX company_contacts_company_idx ON company_contacts (company_id, id);
CREATE INDEX company_contacts_customer_idx ON company_contacts (customer_id);

CREATE TABLE contact_location_roles (
    contact_id   uuid NOT NULL REFERENCES company_contacts(id) ON DELETE CASCADE,
    location_id  uuid NOT NULL REFERENCES company_locations(id) ON DELETE CASCADE,
    role         text NOT NULL CHECK (role IN ('LOCATION_ADMIN','ORDERING_ONLY')),
    PRIMARY KEY (contact_id, location_id)
);
CREATE INDEX contact_location_roles_location_idx ON contact_location_roles (location_id);

-- One migration of a customer's D2C history into a location (B2B-7); orders.migration_id points here,
-- so removing the contact with revertMigratedOrders=true returns exactly these orders (B2B-5).
-- contact_id is kept without a foreign key: the record outlives the contact it was made for.
CREATE TABLE contact_migrations (
    id                   uuid PRIMARY KEY,
    store_id             uuid NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    company_id           uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    contact_id           uuid NOT NULL,
    customer_id          uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    location_id          uuid NOT NULL REFERENCES company_locations(id) ON DELETE CASCADE,
    moved_count          int NOT NULL,
    skipped_already_b2b  int NOT NULL,
    skipped_cancelled    int NOT NULL,
    skipped_deleted      int NOT NULL,
    created_by           uuid NOT NULL REFERENCES users(id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    reverted_at          timestamptz,
    reverted_count       int
);
CREATE INDEX contact_migrations_contact_idx ON contact_migrations (contact_id);

ALTER TABLE orders ADD CONSTRAINT orders_company_location_fk FOREIGN KEY (company_location_id) REFERENCES company_locations(id);
ALTER TABLE orders ADD CONSTRAINT orders_migration_fk FOREIGN KEY (migration_id) REFERENCES contact_migrations(id);
