package io.merchantdesk.partners;

import java.math.BigDecimal;

/** Converts native-query column values (the driver's types vary by column type). */
final class Rows {
    private Rows() {}

    static BigDecimal decimal(Object o) {
        if (o == null) return null;
        if (o instanceof BigDecimal b) return b;
        return new BigDecimal(o.toString());
    }
}
