package io.merchantdesk.sync.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What the HTTP clients of the remote ERPs (Tryton, Business Central) share: sending a request with every transport
 * failure turned into one {@link Outage}, which says whether the request may have been applied, and reading
 * {@code Retry-After}. Each client wraps an outage into its own typed "unavailable" exception.
 */
public final class RemoteHttp {
    private RemoteHttp() {}

    /**
     * Why a remote ERP gave no usable answer. {@code httpStatus} is 0 when there was no answer at all;
     * {@code maybeApplied} is false only when the request certainly did not run there (never sent, or refused before
     * it ran), so a retry of a create must first look its records up by merchantdesk's reference when it is true.
     */
    public record Outage(String reason, int httpStatus, boolean maybeApplied, Duration retryAfter, Throwable cause) {
    }

    /** An {@link Outage} on its way from {@link #send} to the client, which turns it into its own exception. */
    public static final class Unavailable extends Exception {
        private final transient Outage outage;

        Unavailable(Outage outage) {
            super(outage.reason(), outage.cause(), false, false);
            this.outage = outage;
        }

        public Outage outage() {
            return outage;
        }
    }

    /**
     * Sends the request. {@code mayApply}: whether the request changes anything over there, so that an answer lost
     * after it was sent (time-out, dropped connection) leaves the outcome unknown.
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, boolean mayApply) throws Unavailable {
        String host = request.uri().getHost();
        InetAddress forbidden = forbiddenAddress(host);
        if (forbidden != null) {
            throw new Unavailable(new Outage(host + " resolves to " + forbidden.getHostAddress() + ", a link-local, unspecified or multicast "
                    + "address (such as a cloud metadata service), which merchantdesk never calls", 0, false, null, null));
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new Unavailable(new Outage("connect time-out to " + host, 0, false, null, e));
        } catch (HttpTimeoutException e) {
            throw new Unavailable(new Outage("no answer from " + host + " within " + request.timeout().map(Duration::toString).orElse("the time-out"),
                    0, mayApply, null, e));
        } catch (ConnectException e) {
            throw new Unavailable(new Outage("connection refused by " + host, 0, false, null, e));
        } catch (UnresolvedAddressException e) {
            throw new Unavailable(new Outage("unknown host " + host, 0, false, null, e));
        } catch (IOException e) {
            // reset or closed after the request left: the ERP may have processed it
            throw new Unavailable(new Outage("connection lost: " + e, 0, mayApply, null, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(new Outage("interrupted", 0, mayApply, null, e));
        }
    }

    /**
     * The first address of {@code host} that no ERP can live at and that an attacker who controls an ERP company's
     * endpoint would aim at (server-side request forgery): link-local (169.254.0.0/16 with the cloud metadata services,
     * fe80::/10, AWS's fd00:ec2::254), unspecified or multicast; null when there is none or the host does not resolve (the
     * send then fails as an unknown host). Loopback and private networks stay allowed: a self-hosted Tryton lives there.
     */
    public static InetAddress forbiddenAddress(String host) {
        if (host == null) return null;
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (forbidden(a)) return a;
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    static boolean forbidden(InetAddress a) {
        return a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress() || AWS_METADATA_V6.equals(a);
    }

    private static final InetAddress AWS_METADATA_V6 = literal("fd00:ec2:0:0:0:0:0:254");

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer that says "not now" (429, 5xx) as an outage, with its {@code Retry-After}. */
    public static Outage answered(String reason, HttpResponse<?> response, boolean maybeApplied, Clock clock) {
        return new Outage(reason, response.statusCode(), maybeApplied, retryAfter(response, clock), null);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110), as a duration from now; null when absent or unreadable. */
    public static Duration retryAfter(HttpResponse<?> response, Clock clock) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) return null;
        try {
            return Duration.ofSeconds(Long.parseLong(value.get()));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
