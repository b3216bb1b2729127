package io.merchantdesk.kernel.persistence;

import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/** Time-ordered (version 7) UUIDs, the same generator Hibernate uses for entity ids, for rows written by JDBC. */
public final class Ids {
    private Ids() {}

    public static UUID next() {
        return UuidVersion7Strategy.INSTANCE.generateUuid(null);
    }
}
