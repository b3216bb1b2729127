package io.merchantdesk.kernel.http;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * The methods each path of the API has, read from the REST layer's own resource model (the resource methods
 * Quarkus REST deployed), so the {@code Allow} of a 405 and of OPTIONS can never drift from the endpoints.
 * A path is a full template ({@code /stores/{storeId}/companies}); a request path belongs to the most specific
 * template that matches it (most literal characters, then most parameters), as JAX-RS matching does.
 * HEAD is allowed wherever GET is, OPTIONS everywhere.
 */
public final class AllowedMethods {
    /** The order methods are listed in an Allow header. */
    private static final List<String> ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern PARAM = Pattern.compile("\\{\\s*[\\w.-]+\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    /** One path template and the methods it has; {@code open} when no method of it needs authentication. */
    public record Route(String template, Pattern pattern, int literals, int params, Set<String> methods, boolean open) {
        public String allow() {
            return String.join(", ", methods);
        }

        public boolean allows(String method) {
            return methods.contains(method);
        }
    }

    private static volatile List<Route> routes;
    private static volatile List<Route> shadowing;

    private AllowedMethods() {}

    /** The route of a request path (relative to the REST root, with or without a trailing slash), if any. */
    public static Optional<Route> route(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!p.startsWith("/")) p = "/" + p;
        for (Route r : routes()) {
            if (r.pattern.matcher(p).matches()) return Optional.of(r);
        }
        return Optional.empty();
    }

    /**
     * The routes whose URLs another, less specific route would take for a method they lack: JAX-RS matching
     * sends {@code PATCH /organizations/previews} to {@code PATCH /organizations/{orgId}}, where "previews" is no id.
     * Only these few need a look before matching; every other missing method fails matching and reaches the mapper.
     */
    public static List<Route> shadowing() {
        List<Route> s = shadowing;
        if (s == null) {
            List<Route> all = routes();
            List<Route> found = new ArrayList<>();
            for (Route r : all) {
                String sample = PARAM.matcher(r.template).replaceAll("x");
                boolean shadowed = all.stream().anyMatch(other -> other != r && other.pattern.matcher(sample).matches()
                        && other.methods.stream().anyMatch(m -> !r.methods.contains(m)));
                if (shadowed) found.add(r);
            }
            shadowing = s = List.copyOf(found);
        }
        return s;
    }

    /** Every route, most specific first. */
    public static List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            synchronized (AllowedMethods.class) {
                if (routes == null) routes = read(ResteasyReactiveRecorder.getCurrentDeployment());
                r = routes;
            }
        }
        return r;
    }

    private static List<Route> read(Deployment deployment) {
        if (deployment == null) throw new IllegalStateException("the REST deployment is not started yet");
        Map<String, Set<String>> methods = new TreeMap<>();
        Map<String, Boolean> open = new TreeMap<>();
        for (RequestMapper.RequestPath<?> classPath : deployment.getClassMappers()) {
            if (!(classPath.value instanceof org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch match)) continue;
            for (ServerRestHandler handler : match.handlers) {
                if (!(handler instanceof ClassRoutingHandler routing)) continue;
                for (Map.Entry<String, RequestMapper<RuntimeResource>> byMethod : routing.getMappers().entrySet()) {
                    if (byMethod.getKey() == null) continue; // sub-resource locators: none in this API
                    for (RequestMapper.RequestPath<RuntimeResource> methodPath : byMethod.getValue().getTemplates()) {
                        RuntimeResource resource = methodPath.value;
                        String template = join(classPath.template.template, methodPath.template.template);
                        methods.computeIfAbsent(template, t -> new LinkedHashSet<>()).add(byMethod.getKey());
                        boolean permitted = resource.getResourceClass().isAnnotationPresent(PermitAll.class);
                        open.merge(template, permitted, Boolean::logicalAnd);
                    }
                }
            }
        }
        List<Route> result = new ArrayList<>();
        methods.forEach((template, declared) -> {
            Set<String> all = new LinkedHashSet<>();
            for (String m : ORDER) {
                if (declared.contains(m) || m.equals("OPTIONS") || (m.equals("HEAD") && declared.contains("GET"))) all.add(m);
            }
            all.addAll(declared); // any other method a resource declares, after the usual ones
            result.add(compile(template, all, open.get(template)));
        });
        result.sort(Comparator.comparingInt(Route::literals).reversed().thenComparing(Comparator.comparingInt(Route::params).reversed()));
        return List.copyOf(result);
    }

    private static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + (methodPath == null ? "" : methodPath)).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Route compile(String template, Set<String> methods, boolean open) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAM.matcher(template);
        int last = 0;
        int literals = 0;
        int params = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            literals += m.start() - last;
            regex.append('(').append(m.group(1) == null ? "[^/]+" : m.group(1).trim()).append(')');
            params++;
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        literals += template.length() - last;
        return new Route(template, Pattern.compile(regex.toString()), literals, params,
                methods.stream().collect(Collectors.toCollection(LinkedHashSet::new)), open);
    }
}
