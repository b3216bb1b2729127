package io.merchantdesk.sync.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A customer of Business Central's API v2.0 ({@code companies({id})/customers}), with the properties of Microsoft's
 * "customer resource type" page that the sync reads or writes, plus the {@code @odata.etag} every answer carries
 * (needed as {@code If-Match} for a PATCH). Left out: {@code salespersonCode}, {@code balanceDue},
 * {@code creditLimit}, {@code currencyId} (not part of the customer card data the SYNC rules map).
 *
 * <p>GUID-valued properties stay strings: BC answers an unset GUID as {@code 00000000-0000-0000-0000-000000000000},
 * not null, and the adapter should see exactly what BC sent. {@code type} is {@code "Company"} or {@code "Person"};
 * {@code blocked} is {@code " "}, {@code "Ship"}, {@code "Invoice"} or {@code "All"}. {@code id},
 * {@code taxAreaDisplayName} and {@code lastModifiedDateTime} are read-only.
 */
public record BusinessCentralCustomer(
        String id,
        String number,
        String displayName,
        String type,
        String addressLine1,
        String addressLine2,
        String city,
        String state,
        String country,
        String postalCode,
        String phoneNumber,
        String email,
        String website,
        Boolean taxLiable,
        String taxAreaId,
        String taxAreaDisplayName,
        String taxRegistrationNumber,
        String currencyCode,
        String paymentTermsId,
        String shipmentMethodId,
        String paymentMethodId,
        String blocked,
        Instant lastModifiedDateTime,
        String etag) {

    /** The properties a POST or PATCH may carry (the rest are read-only in BC or not mapped by us). */
    public static final Set<String> WRITABLE = Set.of(
            "number", "displayName", "type", "addressLine1", "addressLine2", "city", "state", "country",
            "postalCode", "phoneNumber", "email", "website", "taxLiable", "taxAreaId", "taxRegistrationNumber",
            "currencyCode", "paymentTermsId", "shipmentMethodId", "paymentMethodId", "blocked");

    static BusinessCentralCustomer fromJson(JsonNode n) {
        return new BusinessCentralCustomer(
                text(n, "id"), text(n, "number"), text(n, "displayName"), text(n, "type"),
                text(n, "addressLine1"), text(n, "addressLine2"), text(n, "city"), text(n, "state"),
                text(n, "country"), text(n, "postalCode"), text(n, "phoneNumber"), text(n, "email"),
                text(n, "website"),
                n.hasNonNull("taxLiable") ? n.get("taxLiable").asBoolean() : null,
                text(n, "taxAreaId"), text(n, "taxAreaDisplayName"), text(n, "taxRegistrationNumber"),
                text(n, "currencyCode"), text(n, "paymentTermsId"), text(n, "shipmentMethodId"),
                text(n, "paymentMethodId"), text(n, "blocked"),
                // BC sends an ISO 8601 instant with 'Z' and up to 7 fraction digits; Instant.parse reads both
                n.hasNonNull("lastModifiedDateTime") ? Instant.parse(n.get("lastModifiedDateTime").asText()) : null,
                text(n, "@odata.etag"));
    }

    /** The writable properties that are set, as a POST body (BC applies its defaults to the rest). */
    public Map<String, Object> writableValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        put(v, "number", number);
        put(v, "displayName", displayName);
        put(v, "type", type);
        put(v, "addressLine1", addressLine1);
        put(v, "addressLine2", addressLine2);
        put(v, "city", city);
        put(v, "state", state);
        put(v, "country", country);
        put(v, "postalCode", postalCode);
        put(v, "phoneNumber", phoneNumber);
        put(v, "email", email);
        put(v, "website", website);
        put(v, "taxLiable", taxLiable);
        put(v, "taxAreaId", taxAreaId);
        put(v, "taxRegistrationNumber", taxRegistrationNumber);
        put(v, "currencyCode", currencyCode);
        put(v, "paymentTermsId", paymentTermsId);
        put(v, "shipmentMethodId", shipmentMethodId);
        put(v, "paymentMethodId", paymentMethodId);
        put(v, "blocked", blocked);
        return v;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) map.put(key, value);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
