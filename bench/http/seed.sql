-- Seeds the HTTP benchmark data set in the schema the service migrated, set-based (generate_series only).
-- Run by bench/http/run.sh with search_path set to the bench schema. Ids are md5-derived so the Lua scripts
-- can name rows without asking the database:
--   owner user   md5('bench-owner')::uuid, token subject 'bench-owner' (owns every store, ADMIN of every partner)
--   store s      md5('store' || s)::uuid,            s = 1..1000
--   customer c   md5('customer' || c)::uuid,         c = 1..100000, store 1 + (c - 1) % 1000 (100 per store)
--   order o      md5('order' || o)::uuid,            o = 1..1000000, customer 1 + (o - 1) % 100000 (10 per customer)
--   partner p    md5('partner' || p)::uuid,          p = 1..100, 1000 leads each
-- plus 999 other users owning nothing, so the users table is not a single row.
\timing on
SET maintenance_work_mem = '256MB';
SET synchronous_commit = off;

INSERT INTO users (id, subject, email, name) VALUES (md5('bench-owner')::uuid, 'bench-owner', 'owner@bench.example', 'Bench Owner');
INSERT INTO users (id, subject, email, name)
SELECT md5('user' || g)::uuid, 'bench-user-' || g, 'user' || g || '@bench.example', 'User ' || g FROM generate_series(1, 999) g;

INSERT INTO stores (id, name, owner_id, billing_currency, plan)
SELECT md5('store' || s)::uuid, 'Store ' || s, md5('bench-owner')::uuid,
       (ARRAY['NOK','SEK','EUR','USD'])[1 + s % 4], (ARRAY['BASIC','GROW','ADVANCED','PLUS'])[1 + s % 4]
FROM generate_series(1, 1000) s;

INSERT INTO customers (id, store_id, first_name, last_name, email, phone, phone_e164, tags, created_at, updated_at)
SELECT md5('customer' || c)::uuid, md5('store' || (1 + (c - 1) % 1000))::uuid,
       (ARRAY['Kari','Ola','Ingrid','Lars','Sofie','Emil','Nora','Jonas','Ida','Henrik'])[1 + c % 10],
       (ARRAY['Nordmann','Hansen','Johansen','Olsen','Larsen','Andersen','Pedersen','Nilsen'])[1 + c % 8] || c,
       'customer' || c || '@example.com',
       CASE WHEN c % 3 = 0 THEN '4' || lpad((c % 10000000)::text, 7, '0') END,
       CASE WHEN c % 3 = 0 THEN '+474' || lpad((c % 10000000)::text, 7, '0') END,
       CASE WHEN c % 5 = 0 THEN ARRAY['vip'] ELSE '{}' END,
       now() - make_interval(secs => c), now() - make_interval(secs => c)
FROM generate_series(1, 100000) c;

-- orders: drop the secondary indexes for the load, rebuild after (1M index updates are slower than a build)
CREATE TEMP TABLE bench_saved_indexes AS
  SELECT indexname, indexdef FROM pg_indexes
  WHERE schemaname = current_schema() AND tablename = 'orders' AND indexname <> 'orders_pkey';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM bench_saved_indexes LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP;
END $$;
INSERT INTO orders (id, store_id, customer_id, status, currency, total, line_items, shipping_address, placed_at, created_at, updated_at)
SELECT md5('order' || o)::uuid, md5('store' || (1 + (o - 1) % 1000))::uuid, md5('customer' || (1 + (o - 1) % 100000))::uuid,
       CASE WHEN o % 10 = 0 THEN 'CLOSED' ELSE 'OPEN' END, 'NOK', (o % 500) * 10 + 99,
       jsonb_build_array(jsonb_build_object('title', 'Item ' || (o % 97), 'sku', 'SKU-' || (o % 97), 'quantity', 1 + o % 3,
                                            'unitPrice', ((o % 500) * 10 + 99)::text)),
       jsonb_build_object('firstName', 'Kari', 'lastName', 'Nordmann', 'address1', 'Gate ' || (o % 200), 'city', 'Oslo',
                          'countryCode', 'NO', 'zip', '0' || (150 + o % 800)),
       now() - make_interval(secs => o), now() - make_interval(secs => o), now() - make_interval(secs => o)
FROM generate_series(1, 1000000) o;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM bench_saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
END $$;

INSERT INTO partners (id, name, created_by)
SELECT md5('partner' || p)::uuid, 'Agency ' || p, md5('bench-owner')::uuid FROM generate_series(1, 100) p;
INSERT INTO partner_members (partner_id, user_id, role)
SELECT md5('partner' || p)::uuid, md5('bench-owner')::uuid, 'ADMIN' FROM generate_series(1, 100) p;
INSERT INTO leads (id, partner_id, submitted_by, type, contact_name, email, email_domain, phone, company_name, website_url,
                   website_host, country, sales_support_requested, status, open, submitted_at, created_at, updated_at)
SELECT md5('lead' || g)::uuid, md5('partner' || (1 + (g - 1) % 100))::uuid, md5('bench-owner')::uuid,
       CASE WHEN g % 3 = 0 THEN 'POS' ELSE 'PLUS' END,
       'Contact ' || g, 'contact' || g || '@shop' || g % 5000 || '.no', 'shop' || g % 5000 || '.no', '+47 ' || (40000000 + g),
       'Shop ' || g % 5000 || ' AS', 'https://www.shop' || g % 5000 || '.no', 'www.shop' || g % 5000 || '.no',
       (ARRAY['NO','SE','DK','FI'])[1 + g % 4], g % 4 = 0,
       (ARRAY['SUBMITTED','SUBMITTED','IN_PROGRESS','WON','NOT_QUALIFIED'])[1 + (g / 100) % 5],
       (g / 100) % 5 < 3,
       now() - make_interval(secs => g * 37), now(), now()
FROM generate_series(1, 100000) g;



SELECT (SELECT count(*) FROM stores) AS stores, (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM leads) AS leads;
