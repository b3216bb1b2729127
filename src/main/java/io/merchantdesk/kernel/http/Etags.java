package io.merchantdesk.kernel.http;

import io.merchantdesk.kernel.error.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/** Optimistic concurrency over HTTP: the entity version is the ETag; a stale If-Match is 412. */
public final class Etags {
    private Etags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Passes when no If-Match was sent, or when it names the current version (or is "*"). */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String expected = Long.toString(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1);
            if (t.equals(expected)) {
                return;
            }
        }
        throw new ProblemException(412, "PRECONDITION_FAILED", "Precondition failed",
                "If-Match does not match the current version (" + expected + "); reload the resource", null);
    }
}
