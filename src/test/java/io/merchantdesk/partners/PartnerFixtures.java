package io.merchantdesk.partners;

import io.merchantdesk.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for partners, leads, sales representatives and stores through the API. */
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

    static String store(Api.User owner, String plan) {
        return owner.as().body(Map.of("name", Api.unique("store"), "billingCurrency", "NOK", "plan", plan))
                .post("/stores").then().statusCode(201).extract().path("id");
    }

    static void card(Api.User owner, String storeId) {
        owner.as().body(Map.of("type", "CARD", "label", "Visa ending 4242", "primary", true))
                .post("/stores/" + storeId + "/payment-methods").then().statusCode(201);
    }

    static void status(Api.User rep, String leadId, String status, String note) {
        rep.as().body(Map.of("status", status, "note", note)).post("/sales/leads/" + leadId + "/status-changes").then().statusCode(200);
    }
}
