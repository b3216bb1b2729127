package io.merchantdesk.kernel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named-to-positional translation the JDBC read paths (leads tables) rely on. */
class JdbcReadsTest {

    @Test
    void namedParametersBecomePlaceholdersInTextOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n", 51);
        params.put("scope", "p-1");
        params.put("c0", "2026-12-01T10:00:00.000000Z");
        List<Object> values = new ArrayList<>();
        String sql = JdbcReads.positional(
                "SELECT to_char(l.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS k0, l.id::text"
                        + " FROM leads l WHERE l.partner_id = :scope AND l.submitted_at <= CAST(:c0 AS timestamptz)"
                        + " AND l.note <> ':not_a_parameter' AND l.x = :scope LIMIT :n", params, values);
        assertEquals("SELECT to_char(l.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS k0, l.id::text"
                + " FROM leads l WHERE l.partner_id = ? AND l.submitted_at <= CAST(? AS timestamptz)"
                + " AND l.note <> ':not_a_parameter' AND l.x = ? LIMIT ?", sql);
        assertEquals(List.of("p-1", "2026-12-01T10:00:00.000000Z", "p-1", 51), values);
    }

    @Test
    void aParameterWithoutValueIsABugNotANull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcReads.positional("SELECT 1 WHERE a = :missing", Map.of(), new ArrayList<>()));
        assertEquals("No value for parameter :missing", e.getMessage());
    }
}
