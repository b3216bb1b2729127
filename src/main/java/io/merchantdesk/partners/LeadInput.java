package io.merchantdesk.partners;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.partners.PartnerDtos.SubmitLeadRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PRT-1 input checks beyond Bean Validation, and the normalised keys used for duplicate detection
 * (e-mail domain, website host without "www."). Pure.
 */
record LeadInput(String email, String emailDomain, String websiteUrl, String websiteHost, String country) {
    /** Shared mailbox providers say nothing about the merchant, so their domain never signals a duplicate. */
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com",
            "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "mail.com",
            "online.no", "yandex.com", "web.de");

    static LeadInput of(SubmitLeadRequest r) {
        List<FieldError> errors = new ArrayList<>();
        String email = r.email().trim();
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (at <= 0 || !domain.contains(".") || domain.startsWith(".") || domain.endsWith(".")) {
            errors.add(new FieldError("email", "must be an e-mail address with a domain, such as kari@nordsko.no"));
        }
        String url = null;
        String host = null;
        if (r.websiteUrl() != null && !r.websiteUrl().isBlank()) {
            url = r.websiteUrl().trim();
            host = host(url);
            if (host == null) {
                errors.add(new FieldError("websiteUrl", "must be an http or https URL with a host, such as https://nordsko.no"));
            }
        }
        String country = r.country().trim().toUpperCase(Locale.ROOT);
        if (!Countries.isIso(country)) {
            errors.add(new FieldError("country", "'" + r.country() + "' is not an ISO 3166-1 alpha-2 country code"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_LEAD", "The lead has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s"), errors);
        }
        return new LeadInput(email, domain, url, host, country);
    }

    /** The duplicate-detection key of the e-mail, or null for shared mailbox providers. */
    String conflictDomain() {
        return FREE_MAIL.contains(emailDomain) ? null : emailDomain;
    }

    static String host(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return null;
            if (host == null || !host.contains(".") || host.endsWith(".")) return null;
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
