package io.merchantdesk.sync.tryton;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cursor of the Tryton change scan, opaque to the engine: {@code t2|from|after|high|known|began}, times as UTC
 * epoch microseconds (Tryton keeps microseconds); a {@code t1} cursor (without {@code began}) is still read.
 *
 * <ul>
 *   <li>{@code from}: the scan's fixed lower bound of a party's modification time (empty: every party);</li>
 *   <li>{@code after}: the id keyset position within the scan;</li>
 *   <li>{@code high}: the highest modification time examined so far, carried from scan to scan;</li>
 *   <li>{@code known}: per party, the stamp of the change last delivered, kept while it is inside the overlap window,
 *       written as {@code stamp:id-id,id;stamp:...} (runs of consecutive ids per stamp);</li>
 *   <li>{@code began}: when the scan started (merchantdesk's clock, UTC, as Tryton's stamps are).</li>
 * </ul>
 *
 * Tryton stamps a write with its transaction's start, so a write committed after the scan passed its party can carry a
 * time below anything the scan saw; but its transaction started at most the overlap before the scan began (the overlap
 * covers the longest Tryton transaction and the clock difference to Tryton's database). So the next scan starts at
 * {@code began − overlap} (at {@code high − overlap} for a scan recorded without {@code began}) and drops a party whose
 * stamp is the one it delivered: an idle ERP costs the searches of one overlap window, not of everything since its
 * last change.
 * {@code known} is bounded: entries below the window are pruned, and beyond {@link #KNOWN_CAP} runs the oldest go,
 * which can deliver those again (a duplicate, never a loss; the export writes only real changes). One Tryton call
 * stamps all its records alike and a batch create numbers them consecutively, so a bulk import is one run.
 */
final class TrytonChangeCursor {
    /** At most this many runs of delivered changes are remembered (a few dozen bytes each in the cursor text). */
    static final int KNOWN_CAP = 1000;
    private static final String VERSION = "t2";

    LocalDateTime from;
    long after;
    LocalDateTime high;
    LocalDateTime began;
    private final Map<Long, LocalDateTime> known;

    private TrytonChangeCursor(LocalDateTime from, long after, LocalDateTime high, Map<Long, LocalDateTime> known, LocalDateTime began) {
        this.from = from;
        this.after = after;
        this.high = high;
        this.known = known;
        this.began = began;
    }

    /** null or empty: a scan of every party. */
    static TrytonChangeCursor parse(String text) {
        if (text == null || text.isEmpty()) return new TrytonChangeCursor(null, 0, null, new HashMap<>(), null);
        String[] parts = text.split("\\|", -1);
        boolean v1 = parts.length == 5 && "t1".equals(parts[0]);
        if (!v1 && (parts.length != 6 || !VERSION.equals(parts[0]))) throw new IllegalArgumentException("not a Tryton change cursor: " + text);
        Map<Long, LocalDateTime> known = new HashMap<>();
        if (!parts[4].isEmpty()) {
            for (String group : parts[4].split(";")) {
                int colon = group.indexOf(':');
                LocalDateTime stamp = time(group.substring(0, colon));
                for (String run : group.substring(colon + 1).split(",")) {
                    int dash = run.indexOf('-');
                    long first = Long.parseLong(dash < 0 ? run : run.substring(0, dash));
                    long last = dash < 0 ? first : Long.parseLong(run.substring(dash + 1));
                    for (long id = first; id <= last; id++) known.put(id, stamp);
                }
            }
        }
        return new TrytonChangeCursor(time(parts[1]), Long.parseLong(parts[2]), time(parts[3]), known, v1 ? null : time(parts[5]));
    }

    String encode() {
        StringBuilder s = new StringBuilder(VERSION).append('|').append(micros(from)).append('|').append(after).append('|')
                .append(micros(high)).append('|');
        String groups = runs().stream().collect(Collectors.groupingBy(Run::stamp, TreeMap::new,
                        Collectors.mapping(Run::text, Collectors.joining(","))))
                .entrySet().stream().map(e -> micros(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(";"));
        return s.append(groups).append('|').append(micros(began)).toString();
    }

    /** Notes an examined party's stamp; true when that change was delivered before (drop it). */
    boolean seen(long partyId, LocalDateTime stamp) {
        if (high == null || stamp.isAfter(high)) high = stamp;
        return stamp.equals(known.get(partyId));
    }

    void delivered(long partyId, LocalDateTime stamp) {
        known.put(partyId, stamp);
    }

    /** Forgets what is below the overlap window of the highest time seen, and the oldest beyond the cap. */
    void prune(Duration overlap) {
        if (high == null) return;
        LocalDateTime floor = high.minus(overlap);
        known.values().removeIf(t -> t.isBefore(floor));
        List<Run> runs = runs();
        if (runs.size() > KNOWN_CAP) {
            runs.sort(Comparator.comparing(Run::stamp));
            for (Run r : runs.subList(0, runs.size() - KNOWN_CAP)) {
                for (long id = r.first(); id <= r.last(); id++) known.remove(id);
            }
        }
    }

    /** A run of consecutive party ids delivered at one stamp. */
    private record Run(LocalDateTime stamp, long first, long last) {
        String text() {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
    }

    private List<Run> runs() {
        List<Map.Entry<Long, LocalDateTime>> entries = new ArrayList<>(known.entrySet());
        entries.sort(Map.Entry.<Long, LocalDateTime>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<Long, LocalDateTime> e : entries) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.stamp().equals(e.getValue()) && last.last() + 1 == e.getKey()) {
                runs.set(runs.size() - 1, new Run(last.stamp(), last.first(), e.getKey()));
            } else {
                runs.add(new Run(e.getValue(), e.getKey(), e.getKey()));
            }
        }
        return runs;
    }

    /** The start of the next scan, after this one reached its end. */
    TrytonChangeCursor nextScan(Duration overlap) {
        prune(overlap);
        LocalDateTime next = began != null ? began.minus(overlap) : high == null ? from : high.minus(overlap);
        return new TrytonChangeCursor(next, 0, high, known, null);
    }

    int knownCount() {
        return known.size();
    }

    int knownRuns() {
        return runs().size();
    }

    private static String micros(LocalDateTime t) {
        if (t == null) return "";
        return Long.toString(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000);
    }

    private static LocalDateTime time(String micros) {
        if (micros.isEmpty()) return null;
        long m = Long.parseLong(micros);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(m, 1_000_000L), (int) Math.floorMod(m, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }
}
