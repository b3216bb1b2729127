-- EXPLAIN evidence for the PRT-5 queries (the SQL LeadService builds), on partner 500 of the seed.
\set p '''' `echo -n partner500 | md5sum | cut -c1-32` ''''
\echo '--- search sorted by -submittedAt'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT l.id FROM leads l
 WHERE l.partner_id = CAST(:p AS uuid) AND l.search_text LIKE '%fjordsko%' ORDER BY l.submitted_at DESC, l.id DESC LIMIT 51;
\echo '--- search across all partners (the sales view of a platform-admin): trigram GIN'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT l.id FROM leads l
 WHERE l.search_text LIKE '%ola.12345%' ORDER BY l.submitted_at DESC, l.id DESC LIMIT 51;
\echo '--- sort contactName, first page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT l.id FROM leads l
 WHERE l.partner_id = CAST(:p AS uuid) ORDER BY lower(l.contact_name) ASC, l.id ASC LIMIT 51;
\echo '--- sort contactName, deep page (keyset after a cursor)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT l.id FROM leads l
 WHERE l.partner_id = CAST(:p AS uuid)
   AND (lower(l.contact_name) >= 'ida hansen' AND ((lower(l.contact_name) > 'ida hansen')
        OR (lower(l.contact_name) = 'ida hansen' AND l.id > CAST('00000000-0000-0000-0000-000000000000' AS uuid))))
 ORDER BY lower(l.contact_name) ASC, l.id ASC LIMIT 51;
\echo '--- filter status, default sort'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT l.id FROM leads l
 WHERE l.partner_id = CAST(:p AS uuid) AND l.status = 'IN_PROGRESS' ORDER BY l.submitted_at DESC, l.id DESC LIMIT 51;
\echo '--- mixed sort -status,companyName'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT l.id FROM leads l
 WHERE l.partner_id = CAST(:p AS uuid) ORDER BY l.status_rank DESC, lower(l.company_name) ASC, l.id ASC LIMIT 51;
