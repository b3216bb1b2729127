package io.merchantdesk.kernel.security;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens that passed verification, so a client that sends the same token on every call pays for the
 * RS256 signature check once, not per request (it was 14–32 % of an authenticated point read; docs/performance.md).
 *
 * <p>Keyed by the whole token string: a hit is byte-for-byte the token that verified, so it carries the same signature,
 * issuer, audience and claims. An entry is used only while the token's own {@code exp} is ahead and for at most
 * {@value #CACHE}'s expire-after-write (application.properties); after that the token is verified in full again, so an
 * expired token is refused exactly as before. Only successful verifications are kept: a bad token is checked (and
 * refused) every time. Why this is safe (key rotation, revocation): docs/decisions.md, "Verified-token cache".
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {
    /** The token string → verified token cache (Caffeine; size and lifetime in application.properties). */
    public static final String CACHE = "verified-tokens";

    private final JWTParser parser;
    private final CaffeineCache verified;

    @Inject
    VerifiedTokens(@Delegate JWTParser parser, @CacheName(CACHE) Cache cache) {
        this.parser = parser;
        this.verified = cache.as(CaffeineCache.class);
    }

    /** True while the token's exp (seconds since the epoch) is ahead of now; a token without exp is never reused. */
    static boolean unexpired(JsonWebToken jwt, long nowMillis) {
        long exp = jwt.getExpirationTime();
        return exp > 0 && exp * 1000 > nowMillis;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        CompletableFuture<Object> hit = verified.getIfPresent(token);
        if (hit != null && hit.isDone() && !hit.isCompletedExceptionally()
                && hit.join() instanceof JsonWebToken jwt && unexpired(jwt, System.currentTimeMillis())) {
            return jwt;
        }
        JsonWebToken jwt = parser.parse(token);
        if (unexpired(jwt, System.currentTimeMillis())) {
            verified.put(token, CompletableFuture.completedFuture(jwt));
        }
        return jwt;
    }

    // The other entry points (an explicit key or context) are not cached: the container delegates them as they are.
}
