package io.merchantdesk.sync.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tryton's JSON dialect ({@code trytond/protocols/jsonrpc.py}, 6.0): values JSON has no type for travel as
 * objects tagged {@code "__class__"}:
 * <pre>
 * datetime  {"__class__":"datetime","year":..,"month":..,"day":..,"hour":..,"minute":..,"second":..,"microsecond":..}
 * date      {"__class__":"date","year":..,"month":..,"day":..}
 * time      {"__class__":"time","hour":..,"minute":..,"second":..,"microsecond":..}
 * timedelta {"__class__":"timedelta","seconds":1.5}
 * bytes     {"__class__":"bytes","base64":"..."}
 * Decimal   {"__class__":"Decimal","decimal":"1.50"}
 * </pre>
 * Decoded to {@link LocalDateTime}, {@link LocalDate}, {@link LocalTime}, {@link Duration}, {@code byte[]} and
 * {@link BigDecimal}; other objects become {@code Map<String,Object>}, arrays {@code List<Object>}, integers
 * {@code Long}, other numbers {@code Double}. Tryton's server runs with TZ=UTC and its timestamps are naive, so a
 * decoded datetime is a UTC wall-clock time; an {@link Instant} is encoded as that UTC datetime.
 */
final class TrytonJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TrytonJson() {
    }

    static JsonNode encode(Object value) {
        if (value == null) return NODES.nullNode();
        if (value instanceof JsonNode node) return node;
        if (value instanceof String s) return NODES.textNode(s);
        if (value instanceof Boolean b) return NODES.booleanNode(b);
        if (value instanceof BigDecimal d) {
            ObjectNode o = tagged("Decimal");
            o.put("decimal", d.toPlainString());
            return o;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) return NODES.numberNode(i);
        if (value instanceof Double || value instanceof Float) return NODES.numberNode(((Number) value).doubleValue());
        if (value instanceof Instant instant) return encode(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        if (value instanceof LocalDateTime t) {
            ObjectNode o = tagged("datetime");
            o.put("year", t.getYear()).put("month", t.getMonthValue()).put("day", t.getDayOfMonth())
                    .put("hour", t.getHour()).put("minute", t.getMinute()).put("second", t.getSecond())
                    .put("microsecond", t.getNano() / 1000);
            return o;
        }
        if (value instanceof LocalDate d) {
            ObjectNode o = tagged("date");
            o.put("year", d.getYear()).put("month", d.getMonthValue()).put("day", d.getDayOfMonth());
            return o;
        }
        if (value instanceof LocalTime t) {
            ObjectNode o = tagged("time");
            o.put("hour", t.getHour()).put("minute", t.getMinute()).put("second", t.getSecond())
                    .put("microsecond", t.getNano() / 1000);
            return o;
        }
        if (value instanceof Duration d) {
            ObjectNode o = tagged("timedelta");
            o.put("seconds", d.toNanos() / 1e9);
            return o;
        }
        if (value instanceof byte[] bytes) {
            ObjectNode o = tagged("bytes");
            o.put("base64", Base64.getEncoder().encodeToString(bytes));
            return o;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            map.forEach((k, v) -> o.set(String.valueOf(k), encode(v)));
            return o;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode a = NODES.arrayNode();
            items.forEach(v -> a.add(encode(v)));
            return a;
        }
        if (value instanceof Object[] items) {
            ArrayNode a = NODES.arrayNode();
            for (Object v : items) a.add(encode(v));
            return a;
        }
        if (value instanceof Enum<?> e) return NODES.textNode(e.name());
        throw new IllegalArgumentException("no Tryton JSON encoding for " + value.getClass().getName());
    }

    static Object decode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isTextual()) return node.textValue();
        if (node.isBoolean()) return node.booleanValue();
        if (node.isIntegralNumber()) return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        if (node.isNumber()) return node.doubleValue();
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(decode(n)));
            return list;
        }
        JsonNode tag = node.get("__class__");
        if (tag != null && tag.isTextual()) {
            switch (tag.textValue()) {
                case "datetime":
                    return LocalDateTime.of(node.get("year").intValue(), node.get("month").intValue(), node.get("day").intValue(),
                            node.get("hour").intValue(), node.get("minute").intValue(), node.get("second").intValue(),
                            node.path("microsecond").intValue() * 1000);
                case "date":
                    return LocalDate.of(node.get("year").intValue(), node.get("month").intValue(), node.get("day").intValue());
                case "time":
                    return LocalTime.of(node.get("hour").intValue(), node.get("minute").intValue(), node.get("second").intValue(),
                            node.path("microsecond").intValue() * 1000);
                case "timedelta":
                    return Duration.ofNanos(Math.round(node.get("seconds").doubleValue() * 1e9));
                case "bytes":
                    // Python's base64.encodebytes wraps lines every 76 characters
                    return Base64.getMimeDecoder().decode(node.get("base64").textValue());
                case "Decimal":
                    return new BigDecimal(node.get("decimal").textValue());
                default:
                    // an unknown tag stays a plain object, as Tryton's own decoder leaves it
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), decode(e.getValue()));
        }
        return map;
    }

    private static ObjectNode tagged(String type) {
        ObjectNode o = NODES.objectNode();
        o.put("__class__", type);
        return o;
    }
}
