package io.merchantdesk.kernel.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Small helpers for the set-based JDBC code paths (batches, bulk reads) that bypass Hibernate. */
public final class Jdbc {
    private Jdbc() {}

    /** Binds an instant as timestamptz, or SQL NULL. */
    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setTimestamp(index, Timestamp.from(value));
    }
}
