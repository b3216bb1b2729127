package io.merchantdesk.kernel.paging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paged list. {@code nextCursor} is null on the last page. */
@RegisterForReflection
public record Page<T>(List<T> items,
                      @Schema(description = "Opaque cursor for the next page; absent on the last page") String nextCursor) {

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only proves that
     * another page exists, and the cursor is made from the last row shown.
     */
    public static <R, T> Page<T> of(List<R> fetched, int limit, Function<R, T> map, Function<R, String> cursorOf) {
        boolean more = fetched.size() > limit;
        List<R> shown = more ? fetched.subList(0, limit) : fetched;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)) : null;
        return new Page<>(shown.stream().map(map).toList(), next);
    }
}
