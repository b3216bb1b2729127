package io.merchantdesk.kernel.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Exact change capture by transaction snapshots (docs/sync.md): the rows whose last writing transaction id
 * ({@code xid8} column stamped by a trigger) is visible in {@code to} and was not visible in {@code from}
 * (null: from the beginning), keyset after ({@code afterXid}, {@code afterId}). Only the conditions that apply are
 * written, so the planner walks the (xid, id) index in order and stops after the batch.
 */
public record SnapshotWindow(String from, String to, String afterXid, UUID afterId) {

    /** The conditions, each starting with " AND ", over the given xid and id columns. */
    public String conditions(String xidColumn, String idColumn) {
        StringBuilder sql = new StringBuilder(" AND ").append(xidColumn).append(" < pg_snapshot_xmax(?::pg_snapshot) AND pg_visible_in_snapshot(")
                .append(xidColumn).append(", ?::pg_snapshot)");
        if (from != null) {
            sql.append(" AND ").append(xidColumn).append(" >= pg_snapshot_xmin(?::pg_snapshot) AND NOT pg_visible_in_snapshot(")
                    .append(xidColumn).append(", ?::pg_snapshot)");
        }
        if (afterXid != null) sql.append(" AND (").append(xidColumn).append(", ").append(idColumn).append(") > (?::xid8, ?)");
        return sql.toString();
    }

    /** Binds the parameters of {@link #conditions} from index {@code k}; returns the next free index. */
    public int bind(PreparedStatement ps, int k) throws SQLException {
        ps.setString(k++, to);
        ps.setString(k++, to);
        if (from != null) {
            ps.setString(k++, from);
            ps.setString(k++, from);
        }
        if (afterXid != null) {
            ps.setString(k++, afterXid);
            ps.setObject(k++, afterId);
        }
        return k;
    }
}
