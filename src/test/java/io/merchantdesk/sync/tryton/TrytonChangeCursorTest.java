package io.merchantdesk.sync.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The Tryton change cursor: round trip, the overlap window, runs of consecutive ids, the bound. */
class TrytonChangeCursorTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final LocalDateTime T = LocalDateTime.of(2026, 3, 2, 8, 0, 0, 123_456_000);

    @Test
    void nullIsAFullScanAndTheTextRoundTrips() {
        TrytonChangeCursor c = TrytonChangeCursor.parse(null);
        assertNull(c.from);
        assertEquals(0, c.after);
        assertFalse(c.seen(7, T));
        c.delivered(7, T);
        c.after = 7;
        TrytonChangeCursor back = TrytonChangeCursor.parse(c.encode());
        assertEquals(7, back.after);
        assertEquals(T, back.high);
        assertTrue(back.seen(7, T), "the delivered change is known");
        assertFalse(back.seen(7, T.plusNanos(1_000)), "a later change of the same party is not");
        assertThrows(IllegalArgumentException.class, () -> TrytonChangeCursor.parse("something else"));
    }

    @Test
    void theNextScanStartsAnOverlapBelowTheHighMarkAndForgetsWhatIsBelowIt() {
        TrytonChangeCursor c = TrytonChangeCursor.parse(null);
        c.seen(1, T.minusMinutes(30));
        c.delivered(1, T.minusMinutes(30));
        c.seen(2, T);
        c.delivered(2, T);
        TrytonChangeCursor next = TrytonChangeCursor.parse(c.nextScan(WINDOW).encode());
        assertEquals(T.minus(WINDOW), next.from);
        assertEquals(0, next.after);
        assertEquals(1, next.knownCount(), "party 1 is below the window");
        assertTrue(next.seen(2, T));
    }

    @Test
    void consecutiveIdsOfOneStampAreOneRunAndTheRunsAreBounded() {
        TrytonChangeCursor c = TrytonChangeCursor.parse(null);
        for (long id = 1; id <= 50_000; id++) {
            c.seen(id, T);
            c.delivered(id, T); // one bulk create
        }
        assertEquals(1, c.knownRuns());
        assertTrue(c.encode().endsWith("|" + micros(T) + ":1-50000|"), c.encode());
        for (int i = 0; i < TrytonChangeCursor.KNOWN_CAP + 10; i++) {
            LocalDateTime t = T.plusNanos(1_000L * (i + 1));
            c.seen(100_000 + 2L * i, t);
            c.delivered(100_000 + 2L * i, t); // scattered single writes
        }
        c.prune(WINDOW);
        assertEquals(TrytonChangeCursor.KNOWN_CAP, c.knownRuns(), "the oldest runs go first");
        assertFalse(c.seen(1, T), "the bulk run was the oldest");
        assertTrue(c.seen(100_000 + 2L * (TrytonChangeCursor.KNOWN_CAP + 9), T.plusNanos(1_000L * (TrytonChangeCursor.KNOWN_CAP + 10))));
    }

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    @Test
    void theNextScanStartsAnOverlapBeforeThisScanBeganNotBeforeTheLastChange() {
        TrytonChangeCursor c = TrytonChangeCursor.parse(null);
        c.began = T.plusHours(5); // an idle ERP: its last change is hours older than the scan
        c.seen(1, T);
        c.delivered(1, T);
        TrytonChangeCursor next = TrytonChangeCursor.parse(c.nextScan(WINDOW).encode());
        assertEquals(T.plusHours(5).minus(WINDOW), next.from, "an idle scan covers one overlap window, not everything since the last change");
        assertNull(next.began, "the next scan notes its own start");
        TrytonChangeCursor old = TrytonChangeCursor.parse("t1||0|" + micros(T) + "|");
        assertEquals(T.minus(WINDOW), old.nextScan(WINDOW).from, "a cursor written before began existed still works");
    }
}
