package io.merchantdesk.deploy;

import java.util.List;

/** The health endpoints the service exposes (quarkus-smallrye-health); the Kubernetes probes must use these. */
public final class HealthPaths {
    private HealthPaths() {}

    public static final String LIVE = "/q/health/live";
    public static final String READY = "/q/health/ready";
    public static final String STARTED = "/q/health/started";
    public static final List<String> ALL = List.of(LIVE, READY, STARTED);
}
