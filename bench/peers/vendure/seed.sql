-- 100 000 Vendure customers in the default channel, set-based; run once by start.sh (psql -1) after TypeORM
-- synchronize has built the schema. Same names, e-mails and phones as merchantdesk's bench customers.
INSERT INTO customer (id, "createdAt", "updatedAt", "firstName", "lastName", "emailAddress", "phoneNumber")
SELECT c, now() - make_interval(secs => c), now() - make_interval(secs => c),
       (ARRAY['Kari','Ola','Ingrid','Lars','Sofie','Emil','Nora','Jonas','Ida','Henrik'])[1 + c % 10],
       (ARRAY['Nordmann','Hansen','Johansen','Olsen','Larsen','Andersen','Pedersen','Nilsen'])[1 + c % 8] || c,
       'customer' || c || '@example.com',
       CASE WHEN c % 3 = 0 THEN '+474' || lpad((c % 10000000)::text, 7, '0') END
FROM generate_series(1, 100000) c;
SELECT setval('customer_id_seq', (SELECT max(id) FROM customer));
INSERT INTO customer_channels_channel ("customerId", "channelId")
SELECT c, (SELECT id FROM channel WHERE code = '__default_channel__') FROM generate_series(1, 100000) c;
