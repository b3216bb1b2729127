package io.merchantdesk.sync.tryton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Tryton's {@code __class__} values, as trytond 6.0's protocols/jsonrpc.py writes and reads them. */
class TrytonJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void decodesWhatTrytondWrites() throws Exception {
        // shapes copied from trytond's JSONEncoder (separators=(',', ':'); bytes via base64.encodebytes, newline-wrapped)
        JsonNode answer = JSON.readTree("""
                {"write_date":{"__class__":"datetime","year":2025,"month":3,"day":9,"hour":21,"minute":5,"second":7,"microsecond":123456},
                 "date":{"__class__":"date","year":2025,"month":12,"day":31},
                 "time":{"__class__":"time","hour":8,"minute":30,"second":0,"microsecond":5},
                 "delay":{"__class__":"timedelta","seconds":90.5},
                 "price":{"__class__":"Decimal","decimal":"10.50"},
                 "data":{"__class__":"bytes","base64":"aGVsbG8g\\nd29ybGQ=\\n"},
                 "ids":[1,2,3], "ratio":0.25, "name":"x", "none":null, "other":{"__class__":"unknown","a":1}}""");
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) TrytonJson.decode(answer);
        assertEquals(LocalDateTime.of(2025, 3, 9, 21, 5, 7, 123_456_000), v.get("write_date"));
        assertEquals(LocalDate.of(2025, 12, 31), v.get("date"));
        assertEquals(LocalTime.of(8, 30, 0, 5_000), v.get("time"));
        assertEquals(Duration.ofMillis(90_500), v.get("delay"));
        assertEquals(new BigDecimal("10.50"), v.get("price"), "scale kept: 10.50, not 10.5");
        assertArrayEquals("hello world".getBytes(StandardCharsets.UTF_8), (byte[]) v.get("data"));
        assertEquals(List.of(1L, 2L, 3L), v.get("ids"));
        assertEquals(0.25, v.get("ratio"));
        assertEquals(Map.of("__class__", "unknown", "a", 1L), v.get("other"));
    }

    @Test
    void encodesWhatTrytondReads() {
        assertEquals("{\"__class__\":\"Decimal\",\"decimal\":\"0.00001\"}", TrytonJson.encode(new BigDecimal("1E-5")).toString(),
                "plain notation: Python's Decimal('1E-5') would parse too, but the plain form is what Tryton sends");
        assertEquals("{\"__class__\":\"datetime\",\"year\":2025,\"month\":1,\"day\":2,\"hour\":3,\"minute\":4,\"second\":5,\"microsecond\":6}",
                TrytonJson.encode(LocalDateTime.of(2025, 1, 2, 3, 4, 5, 6_000)).toString());
        assertEquals(TrytonJson.encode(LocalDateTime.of(2025, 1, 2, 3, 4, 5)), TrytonJson.encode(Instant.parse("2025-01-02T03:04:05Z")),
                "an Instant travels as Tryton's naive UTC datetime");
        assertEquals("{\"__class__\":\"date\",\"year\":2025,\"month\":1,\"day\":2}", TrytonJson.encode(LocalDate.of(2025, 1, 2)).toString());
        assertEquals("{\"__class__\":\"bytes\",\"base64\":\"aGk=\"}", TrytonJson.encode("hi".getBytes(StandardCharsets.UTF_8)).toString());
        assertEquals("[[\"code\",\"in\",[\"a\",\"b\"]],[\"write_date\",\"=\",null]]",
                TrytonJson.encode(List.of(TrytonRpc.clause("code", "in", List.of("a", "b")), TrytonRpc.clause("write_date", "=", null))).toString());
    }
}
