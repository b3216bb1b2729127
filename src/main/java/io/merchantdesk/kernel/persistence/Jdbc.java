package io.merchantdesk.kernel.persistence;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Small helpers for the set-based JDBC code paths (batches, bulk reads) that bypass Hibernate. */
public final class Jdbc {
    private Jdbc() {}

    /** Binds an instant as timestamptz, or SQL NULL. */
    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setTimestamp(index, Timestamp.from(value));
    }

    /** A timestamp column value of a native query as an instant (the driver's type varies with the column type). */
    public static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof Instant i) return i;
        if (value instanceof Timestamp t) return t.toInstant();
        if (value instanceof OffsetDateTime odt) return odt.toInstant();
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    /** A numeric column value of a native query as a BigDecimal (the driver's type varies with the column type). */
    public static BigDecimal decimal(Object value) {
        if (value == null) return null;
        if (value instanceof BigDecimal b) return b;
        return new BigDecimal(value.toString());
    }

    /** A case-insensitive "contains" pattern for {@code lower(column) LIKE :pattern}, with LIKE's wildcards escaped. */
    public static String containsPattern(String term) {
        String t = term.trim().toLowerCase(Locale.ROOT);
        return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
