-- Customer search at 1M customers (run after bench/b2b/run.sh, in its schema):
--   psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -f bench/b2b/search.sql postgres
-- Seeds 1 000 000 customers into the bench store, then EXPLAIN ANALYZEs the queries CustomerService runs
-- for q = part of a last name, of an e-mail, and of a phone number (first page, limit 50 + 1).
SET search_path = merchantdesk_bench_b2b, public;
\timing on
INSERT INTO customers (id, store_id, first_name, last_name, email, phone, phone_e164)
SELECT gen_random_uuid(), (SELECT id FROM stores ORDER BY created_at LIMIT 1),
       (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','John'])[1 + g % 8],
       'Surname' || md5(g::text),
       'user' || g || '@' || (ARRAY['example.com','mail.test','shop.example'])[1 + g % 3],
       '+1 415 ' || lpad((g % 10000000)::text, 7, '0'),
       '+1415' || lpad((g % 10000000)::text, 7, '0')
FROM generate_series(1, 1000000) g;
ANALYZE customers;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.* FROM customers c WHERE c.store_id = (SELECT id FROM stores ORDER BY created_at LIMIT 1)
  AND c.search_text LIKE '%' || lower('SurnameC4CA4238') || '%' ORDER BY c.id LIMIT 51;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.* FROM customers c WHERE c.store_id = (SELECT id FROM stores ORDER BY created_at LIMIT 1)
  AND c.search_text LIKE '%user123456@%' ORDER BY c.id LIMIT 51;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.* FROM customers c WHERE c.store_id = (SELECT id FROM stores ORDER BY created_at LIMIT 1)
  AND c.search_text LIKE '%4150654321%' ORDER BY c.id LIMIT 51;
