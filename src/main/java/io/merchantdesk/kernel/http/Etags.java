package io.merchantdesk.kernel.http;

import io.merchantdesk.kernel.error.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic concurrency over HTTP: the entity version is the ETag; a stale If-Match is 412. If-Match is optional
 * ({@link #requireMatch}) except where replacing an existing resource by a create-or-replace PUT
 * ({@link #requirePresentMatch}): there a missing If-Match is 428, so a client that believes the resource is new
 * cannot overwrite one it never read.
 */
public final class Etags {
    private Etags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 428 PRECONDITION_REQUIRED without If-Match, else {@link #requireMatch}. */
    public static void requirePresentMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "PRECONDITION_REQUIRED", "Precondition required",
                    "The resource exists: send If-Match with its ETag (" + of(currentVersion) + ") to replace it", null);
        }
        requireMatch(ifMatch, currentVersion);
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
