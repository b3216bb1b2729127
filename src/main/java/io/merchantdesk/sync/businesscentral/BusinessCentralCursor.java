package io.merchantdesk.sync.businesscentral;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ERP cursor of a Business Central change scan, opaque to the engine: {@code bc1|high|next|recent}.
 *
 * <ul>
 *   <li>{@code high}: the latest {@code lastModifiedDateTime} examined (ISO instant; empty before the first card).
 *       A scan starts at {@code high − overlap} ({@code ge}), so a write that committed after a later one but carries
 *       an earlier time (the time of its start) is still found, as long as it is less than the overlap late.</li>
 *   <li>{@code next}: the {@code @odata.nextLink} of a scan in progress (empty when the scan reached its end). A batch
 *       commits the cursor with it, so a resumed run continues the server's scan where it was; BC's skip token names
 *       the position after the last record sent, so it does not go stale.</li>
 *   <li>{@code recent}: the changes already delivered at or after {@code high − overlap}, as
 *       {@code number~nanoseconds before high, base 36} (numbers URL-encoded): the overlap brings them again, and they are
 *       dropped. A card changed again has a new time and is delivered again.</li>
 * </ul>
 *
 * Bounded: at most {@link #MAX_RECENT} entries (the latest kept). Beyond that (more than that many changes within the
 * overlap window), the oldest are forgotten and may be delivered once more by the next run: never lost, at worst
 * repeated, which the export tolerates (it writes only real changes, SYNC-12).
 */
record BusinessCentralCursor(Instant high, URI next, Map<String, Instant> recent) {
    static final int MAX_RECENT = 1000;
    private static final String VERSION = "bc1";

    static BusinessCentralCursor start() {
        return new BusinessCentralCursor(null, null, new LinkedHashMap<>());
    }

    /** The cursor in {@code text}; a missing or unreadable one starts a scan of every customer (never skips). */
    static BusinessCentralCursor parse(String text) {
        if (text == null || !text.startsWith(VERSION + "|")) return start();
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4) return start();
        try {
            Instant high = parts[1].isEmpty() ? null : Instant.parse(parts[1]);
            URI next = parts[2].isEmpty() ? null : URI.create(URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
            Map<String, Instant> recent = new LinkedHashMap<>();
            if (high != null && !parts[3].isEmpty()) {
                for (String entry : parts[3].split(",")) {
                    int tilde = entry.lastIndexOf('~');
                    recent.put(URLDecoder.decode(entry.substring(0, tilde), StandardCharsets.UTF_8),
                            high.minusNanos(Long.parseLong(entry.substring(tilde + 1), 36)));
                }
            }
            return new BusinessCentralCursor(high, next, recent);
        } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return start();
        }
    }

    /** The text, with {@code recent} cut to what the next scan can still meet (at or after high − overlap). */
    String encode(Duration overlap) {
        StringBuilder out = new StringBuilder(VERSION).append('|');
        if (high != null) out.append(high);
        out.append('|');
        if (next != null) out.append(URLEncoder.encode(next.toString(), StandardCharsets.UTF_8));
        out.append('|');
        if (high != null) {
            Instant from = high.minus(overlap);
            List<Map.Entry<String, Instant>> kept = new ArrayList<>();
            for (Map.Entry<String, Instant> e : recent.entrySet()) if (!e.getValue().isBefore(from)) kept.add(e);
            kept.sort(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder()));
            List<String> entries = new ArrayList<>();
            for (Map.Entry<String, Instant> e : kept.subList(0, Math.min(MAX_RECENT, kept.size()))) {
                entries.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "~"
                        + Long.toString(Duration.between(e.getValue(), high).toNanos(), 36));
            }
            out.append(String.join(",", entries));
        }
        return out.toString();
    }
}
