package io.merchantdesk.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxBackoffTest {
    @Test
    void backoffDoublesFromThirtySecondsAndIsCappedAtOneHour() {
        assertEquals(Duration.ofSeconds(30), OutboxSender.backoff(1));
        assertEquals(Duration.ofSeconds(60), OutboxSender.backoff(2));
        assertEquals(Duration.ofSeconds(240), OutboxSender.backoff(4));
        assertEquals(Duration.ofHours(1), OutboxSender.backoff(9));
        assertEquals(Duration.ofHours(1), OutboxSender.backoff(50));
    }
}
