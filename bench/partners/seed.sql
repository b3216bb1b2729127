-- Seeds 1 000 000 leads across 1 000 partner accounts (plus 20 sales representatives) in the schema the
-- service migrated, with set-based SQL only. Run by run.sh: psql -v ON_ERROR_STOP=1 -f seed.sql
-- (search_path set to the bench schema). Partner k is md5('partner' || k)::uuid; its member's token
-- subject is 'bench-member-k'. Indexes of leads are dropped during the load and rebuilt after it.
\timing on
SET maintenance_work_mem = '512MB';
SET synchronous_commit = off;

INSERT INTO users (id, subject, email, name)
SELECT md5('member' || g)::uuid, 'bench-member-' || g, 'member' || g || '@agency' || g || '.example', 'Member ' || g
FROM generate_series(1, 1000) g;
INSERT INTO users (id, subject, email, name)
SELECT md5('rep' || g)::uuid, 'bench-rep-' || g, 'rep' || g || '@merchantdesk.dev', 'Rep ' || g
FROM generate_series(1, 20) g;

INSERT INTO partners (id, name, created_by)
SELECT md5('partner' || g)::uuid, 'Agency ' || g, md5('member' || g)::uuid FROM generate_series(1, 1000) g;
INSERT INTO partner_members (partner_id, user_id, role)
SELECT md5('partner' || g)::uuid, md5('member' || g)::uuid, 'ADMIN' FROM generate_series(1, 1000) g;

-- Save and drop the secondary indexes of leads; bulk-load; rebuild them (much faster than 1M index updates).
CREATE TEMP TABLE bench_saved_indexes AS
  SELECT indexname, indexdef FROM pg_indexes
  WHERE schemaname = current_schema() AND tablename = 'leads' AND indexname <> 'leads_pkey';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM bench_saved_indexes LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP;
END $$;

WITH words AS (
  SELECT ARRAY['Kari','Ola','Ingrid','Lars','Sofie','Emil','Nora','Jonas','Ida','Henrik','Maja','Aksel','Sara','Mats','Eva',
               'Tor','Liv','Erik','Hanna','Odd'] AS first,
         ARRAY['Nordmann','Hansen','Johansen','Olsen','Larsen','Andersen','Pedersen','Nilsen','Kristiansen','Jensen','Karlsen',
               'Johnsen','Pettersen','Eriksen','Berg','Haugen','Hagen','Johannessen','Andreassen','Jacobsen','Dahl','Jørgensen',
               'Halvorsen','Henriksen','Lund'] AS last,
         ARRAY['Fjord','Nordlys','Viking','Fjell','Skog','Hav','Bre','Elv','Dal','Vik','Stein','Sol','Snø','Lyng','Myr','Tind',
               'Ur','Vann','Eng','Holm'] AS w1,
         ARRAY['Sko','Mote','Sport','Kaffe','Bok','Interiør','Sykkel','Smykker','Leker','Hage'] AS w2,
         ARRAY['NO','SE','DK','FI','IS','DE','GB','US','NL','PL'] AS countries
)
INSERT INTO leads (id, partner_id, submitted_by, type, contact_name, email, email_domain, phone, company_name, website_url,
                   website_host, country, sales_support_requested, details, status, open, sales_rep_id, sales_rep_name,
                   sales_rep_email, submitted_at, created_at, updated_at)
SELECT gen_random_uuid(),
       md5('partner' || (g % 1000 + 1))::uuid,
       md5('member' || (g % 1000 + 1))::uuid,
       CASE WHEN g % 3 = 0 THEN 'POS' ELSE 'PLUS' END,
       first[1 + (g * 7) % 20] || ' ' || last[1 + (g * 13) % 25],
       lower(first[1 + (g * 7) % 20]) || '.' || g || '@' || lower(w1[1 + (g / 7) % 20] || w2[1 + (g / 3) % 10]) || g % 5000 || '.no',
       lower(w1[1 + (g / 7) % 20] || w2[1 + (g / 3) % 10]) || g % 5000 || '.no',
       '+47 ' || (40000000 + g % 9999999),
       w1[1 + (g / 7) % 20] || ' ' || w2[1 + (g / 3) % 10] || ' ' || (g % 5000) || ' AS',
       'https://www.' || lower(w1[1 + (g / 7) % 20] || w2[1 + (g / 3) % 10]) || g % 5000 || '.no',
       lower(w1[1 + (g / 7) % 20] || w2[1 + (g / 3) % 10]) || g % 5000 || '.no',
       countries[1 + (g / 1000 + g / 7) % 10],
       (g / 1000) % 4 <> 0,
       NULL,
       s.status,
       s.status IN ('SUBMITTED', 'IN_PROGRESS'),
       md5('rep' || (1 + (g / 1000) % 20))::uuid, 'Rep ' || (1 + (g / 1000) % 20), 'rep' || (1 + (g / 1000) % 20) || '@merchantdesk.dev',
       now() - make_interval(secs => (g * 37) % 63072000),
       now(), now()
FROM words, generate_series(1, 1000000) g,
     -- (g / 1000) varies within a partner (partner = g % 1000), so each partner gets every status
     LATERAL (SELECT (ARRAY['SUBMITTED','SUBMITTED','IN_PROGRESS','WON','NOT_QUALIFIED'])[1 + (g / 1000) % 5] AS status) s;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM bench_saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
END $$;

INSERT INTO sales_reps (user_id, name, email, countries, open_leads)
SELECT md5('rep' || g)::uuid, 'Rep ' || g, 'rep' || g || '@merchantdesk.dev', ARRAY[(ARRAY['NO','SE','DK','FI','IS','DE','GB','US','NL','PL'])[1 + g % 10]],
       (SELECT count(*) FROM leads l WHERE l.sales_rep_id = md5('rep' || g)::uuid AND l.open)
FROM generate_series(1, 20) g;

VACUUM ANALYZE leads;
ANALYZE partners; ANALYZE partner_members; ANALYZE users;
SELECT count(*) AS leads, count(DISTINCT partner_id) AS partners FROM leads;
