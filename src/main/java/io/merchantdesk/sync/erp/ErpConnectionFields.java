package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.sync.erp.ErpDtos.CreateErpCompanyRequest;
import io.merchantdesk.sync.remote.RemoteHttp;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which fields each kind of ERP company takes (issue 21): all field problems of a request at once, after Bean
 * Validation's per-field checks. Messages never quote the password.
 */
final class ErpConnectionFields {
    private ErpConnectionFields() {
    }

    /** {@code secretKept}: a replace, where an absent password or client secret keeps the sealed one. */
    static List<FieldError> problems(ErpKind kind, CreateErpCompanyRequest r, boolean secretKept) {
        List<FieldError> errors = new ArrayList<>();
        if (kind == ErpKind.TRYTON) {
            if (blank(r.endpoint())) errors.add(new FieldError("endpoint", "is required for kind TRYTON"));
            else {
                String problem = endpointProblem(r.endpoint().trim());
                if (problem != null) errors.add(new FieldError("endpoint", problem));
            }
            if (blank(r.database())) errors.add(new FieldError("database", "is required for kind TRYTON"));
            if (blank(r.login())) errors.add(new FieldError("login", "is required for kind TRYTON"));
            if (r.password() == null ? !secretKept : r.password().isEmpty()) errors.add(new FieldError("password", "is required for kind TRYTON"));
            if (r.customerNoPrefix() != null) errors.add(new FieldError("customerNoPrefix", "only for kind BUILT_IN (Tryton numbers its parties)"));
            if (r.customerNoWidth() != null) errors.add(new FieldError("customerNoWidth", "only for kind BUILT_IN (Tryton numbers its parties)"));
            if (r.nextCustomerNo() != null) errors.add(new FieldError("nextCustomerNo", "only for kind BUILT_IN (Tryton numbers its parties)"));
            refuseBusinessCentralFields(errors, r);
        } else if (kind == ErpKind.BUSINESS_CENTRAL) {
            businessCentral(errors, r, secretKept);
        } else {
            refuseBusinessCentralFields(errors, r);
            if (r.endpoint() != null) errors.add(new FieldError("endpoint", "only for kinds TRYTON and BUSINESS_CENTRAL"));
            if (r.database() != null) errors.add(new FieldError("database", "only for kind TRYTON"));
            if (r.login() != null) errors.add(new FieldError("login", "only for kind TRYTON"));
            if (r.password() != null) errors.add(new FieldError("password", "only for kind TRYTON"));
        }
        return errors;
    }

    private static void businessCentral(List<FieldError> errors, CreateErpCompanyRequest r, boolean secretKept) {
        for (String[] url : new String[][]{{"endpoint", r.endpoint()}, {"authority", r.authority()}}) {
            if (url[1] == null) continue; // Microsoft's by default
            String problem = blank(url[1]) ? "must not be blank (leave it out for Microsoft's)" : endpointProblem(url[1].trim());
            if (problem != null) errors.add(new FieldError(url[0], problem));
        }
        if (blank(r.tenantId())) errors.add(new FieldError("tenantId", "is required for kind BUSINESS_CENTRAL"));
        if (blank(r.environment())) errors.add(new FieldError("environment", "is required for kind BUSINESS_CENTRAL"));
        if (r.companyId() == null) errors.add(new FieldError("companyId", "is required for kind BUSINESS_CENTRAL"));
        if (blank(r.clientId())) errors.add(new FieldError("clientId", "is required for kind BUSINESS_CENTRAL"));
        if (r.clientSecret() == null ? !secretKept : r.clientSecret().isEmpty()) {
            errors.add(new FieldError("clientSecret", "is required for kind BUSINESS_CENTRAL"));
        }
        if (r.database() != null) errors.add(new FieldError("database", "only for kind TRYTON"));
        if (r.login() != null) errors.add(new FieldError("login", "only for kind TRYTON (Business Central: clientId)"));
        if (r.password() != null) errors.add(new FieldError("password", "only for kind TRYTON (Business Central: clientSecret)"));
        String series = "only for kind BUILT_IN (merchantdesk's customers get numbers from their reference in Business Central)";
        if (r.customerNoPrefix() != null) errors.add(new FieldError("customerNoPrefix", series));
        if (r.customerNoWidth() != null) errors.add(new FieldError("customerNoWidth", series));
        if (r.nextCustomerNo() != null) errors.add(new FieldError("nextCustomerNo", series));
    }

    private static void refuseBusinessCentralFields(List<FieldError> errors, CreateErpCompanyRequest r) {
        String only = "only for kind BUSINESS_CENTRAL";
        if (r.authority() != null) errors.add(new FieldError("authority", only));
        if (r.tenantId() != null) errors.add(new FieldError("tenantId", only));
        if (r.environment() != null) errors.add(new FieldError("environment", only));
        if (r.companyId() != null) errors.add(new FieldError("companyId", only));
        if (r.clientId() != null) errors.add(new FieldError("clientId", only));
        if (r.clientSecret() != null) errors.add(new FieldError("clientSecret", only));
    }

    private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Null when the endpoint is an absolute http(s) URL with a host and nothing that would leak or be ignored. */
    static String endpointProblem(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) return "must name a host";
        // credentials belong in login/password (write-only), not in a URL that every answer shows
        if (uri.getRawUserInfo() != null) return "must not contain credentials (use login and password)";
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) return "must not have a query or fragment";
        // an IP literal is judged here without a lookup; a name is judged by the transport on every call (RemoteHttp)
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        if (IP_LITERAL.matcher(host).matches() && RemoteHttp.forbiddenAddress(host) != null) {
            return "must not be a link-local, unspecified or multicast address (such as a cloud metadata service)";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
