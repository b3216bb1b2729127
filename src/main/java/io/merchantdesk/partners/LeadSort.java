package io.merchantdesk.partners;

import io.merchantdesk.kernel.error.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PRT-5: {@code sort=-submittedAt,contactName} over any column of the leads table, with keyset paging
 * that stays correct under any mix of directions. Every key is an indexed, non-null SQL expression;
 * the row id is always appended as the tiebreaker, so the order is total and a cursor
 * (the key values of the last row) resumes exactly where the page ended.
 */
record LeadSort(List<Key> keys, String spec) {
    record Key(String field, String expression, String sqlType, boolean descending) {}

    /** Sortable fields, their SQL expression (the one each index is built on) and the cursor cast. */
    static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("submittedAt", new String[]{"l.submitted_at", "timestamptz"});
        FIELDS.put("updatedAt", new String[]{"l.updated_at", "timestamptz"});
        FIELDS.put("status", new String[]{"l.status_rank", "smallint"});
        FIELDS.put("type", new String[]{"l.type", "text"});
        FIELDS.put("contactName", new String[]{"lower(l.contact_name)", "text"});
        FIELDS.put("companyName", new String[]{"lower(l.company_name)", "text"});
        FIELDS.put("email", new String[]{"lower(l.email)", "text"});
        FIELDS.put("websiteUrl", new String[]{"lower(coalesce(l.website_url, ''))", "text"});
        FIELDS.put("country", new String[]{"l.country", "text"});
    }

    static LeadSort parse(String sort) {
        String spec = sort == null || sort.isBlank() ? "-submittedAt" : sort.replace(" ", "");
        List<Key> keys = new ArrayList<>();
        for (String part : spec.split(",")) {
            boolean desc = part.startsWith("-");
            String name = desc || part.startsWith("+") ? part.substring(1) : part;
            String[] f = FIELDS.get(name);
            if (f == null) {
                throw ProblemException.invalidField("sort", "unknown field '" + name + "'; sortable: " + String.join(", ", FIELDS.keySet()));
            }
            if (keys.stream().anyMatch(k -> k.field().equals(name))) {
                throw ProblemException.invalidField("sort", "field '" + name + "' appears twice");
            }
            keys.add(new Key(name, f[0], f[1], desc));
        }
        if (keys.size() > 4) throw ProblemException.invalidField("sort", "at most 4 sort fields");
        // The tiebreaker runs in the direction of the last key, so a single-key sort matches its
        // (partner_id, key, id) index read forwards or backwards, with no sort step.
        keys.add(new Key("id", "l.id", "uuid", keys.get(keys.size() - 1).descending()));
        return new LeadSort(List.copyOf(keys), spec);
    }

    /** A cursor value that the key's SQL cast would reject is a 400, never a database error. */
    void checkCursor(List<String> values) {
        for (int i = 0; i < keys.size(); i++) {
            String v = values.get(i);
            try {
                if (v == null) throw new IllegalArgumentException("null");
                switch (keys.get(i).sqlType()) {
                    case "timestamptz" -> java.time.Instant.parse(v);
                    case "smallint" -> Short.parseShort(v);
                    case "uuid" -> java.util.UUID.fromString(v);
                    default -> { }
                }
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor returned by this list");
            }
        }
    }

    String orderBy() {
        return String.join(", ", keys.stream().map(k -> k.expression() + (k.descending() ? " DESC" : " ASC")).toList());
    }

    /** The select-list of key values as text, for the cursor of the last row. */
    String keyColumns() {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            // timestamps travel as ISO-8601 UTC with microseconds, so the cursor can be checked before use
            cols.add(k.sqlType().equals("timestamptz")
                    ? "to_char(" + k.expression() + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS k" + i
                    : "CAST(" + k.expression() + " AS text) AS k" + i);
        }
        return String.join(", ", cols);
    }

    /**
     * "After the cursor" for mixed directions: (k0 after c0) OR (k0 = c0 AND k1 after c1) OR …
     * Parameters are named :c0, :c1, …
     */
    String after() {
        List<String> ors = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            StringBuilder and = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                and.append(keys.get(j).expression()).append(" = ").append(param(j)).append(" AND ");
            }
            Key k = keys.get(i);
            and.append(k.expression()).append(k.descending() ? " < " : " > ").append(param(i)).append(')');
            ors.add(and.toString());
        }
        // The redundant bound on the first key lets the index scan start at the cursor instead of filtering.
        Key first = keys.get(0);
        return "(" + first.expression() + (first.descending() ? " <= " : " >= ") + param(0)
                + " AND (" + String.join(" OR ", ors) + "))";
    }

    private String param(int i) {
        return "CAST(:c" + i + " AS " + keys.get(i).sqlType() + ")";
    }
}
