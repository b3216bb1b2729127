package io.merchantdesk.partners;

import io.merchantdesk.support.Api;
import io.merchantdesk.support.Stores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for partners, leads, sales representatives and (NOK) stores through the API. */
final class PartnerFixtures {
    private PartnerFixtures() {}

    /** Countries handed out one per test that needs a representative of its own (no other rep covers them). */
    private static final List<String> COUNTRIES = List.of("IS", "FI", "EE", "LV", "LT", "PT", "MT", "CY", "LU", "SI", "SK", "HR",
            "RO", "BG", "GR", "IE", "AT", "CZ", "HU", "PL", "BE", "NL", "DK", "CH", "LI", "MC", "AD", "SM", "AL", "MK", "RS", "ME",
            "BA", "MD", "UA", "GE", "AM", "AZ", "KZ", "UZ");
    private static final AtomicInteger NEXT = new AtomicInteger();

    static String freshCountry() {
        return COUNTRIES.get(NEXT.getAndIncrement() % COUNTRIES.size());
    }

    /**
     * The start of most lead tests: a platform-admin, a fresh country with a representative of its own covering it,
     * and a partner with one member (its admin).
     */
    record LeadDesk(Api.User admin, String country, Api.User rep, Api.User member, String partnerId) {
        /** The member submits a lead of the type in the covered country, with a domain of its own; its id. */
        String submit(String type, boolean salesSupport) {
            return PartnerFixtures.submit(member, partnerId, lead(type, country, salesSupport, domain()));
        }
    }

    static LeadDesk leadDesk() {
        Api.User admin = admin();
        String country = freshCountry();
        Api.User rep = rep(admin, country);
        Api.User member = Api.user("partner");
        return new LeadDesk(admin, country, rep, member, partner(member));
    }

    static Api.User admin() {
        return Api.user("admin", "platform-admin");
    }

    static String partner(Api.User member) {
        return member.as().body(Map.of("name", Api.unique("agency"))).post("/partners").then().statusCode(201).extract().path("id");
    }

    /** A sales representative covering the given countries, registered by a platform-admin. */
    static Api.User rep(Api.User admin, String... countries) {
        Api.User rep = Api.user("rep", "sales-rep");
        admin.as().body(Map.of("countries", List.of(countries))).put("/sales/reps/" + rep.id()).then().statusCode(200);
        return rep;
    }

    /** A lead body; the domain makes e-mail and website unique unless the caller passes one. */
    static Map<String, Object> lead(String type, String country, boolean support, String domain) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("contactName", "Kari " + domain);
        body.put("email", "kari@" + domain);
        body.put("phone", "+47 22 33 44 55");
        body.put("companyName", "Company " + domain);
        body.put("websiteUrl", "https://www." + domain + "/shop");
        body.put("country", country);
        body.put("salesSupportRequested", support);
        body.put("details", "Three shops");
        return body;
    }

    static String domain() {
        return Api.unique("shop").toLowerCase() + ".no";
    }

    static String submit(Api.User member, String partnerId, Map<String, Object> body) {
        return member.as().body(body).post("/partners/" + partnerId + "/leads").then().statusCode(201).extract().path("id");
    }

    /** A NOK store on the plan (partners' merchants are Norwegian). */
    static String store(Api.User owner, String plan) {
        return Stores.store(owner, "NOK", plan);
    }

    static void card(Api.User owner, String storeId) {
        Stores.card(owner, storeId);
    }

    static void status(Api.User rep, String leadId, String status, String note) {
        rep.as().body(Map.of("status", status, "note", note)).post("/sales/leads/" + leadId + "/status-changes").then().statusCode(200);
    }
}
