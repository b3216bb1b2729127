package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.CustomerImport;
import io.merchantdesk.sync.engine.match.MappingType;
import io.merchantdesk.sync.naming.CountySource;
import io.merchantdesk.sync.naming.NameSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A store's connection settings and per-country rows, read once per run (or per manual action). */
public record Settings(UUID storeId, UUID company, CustomerImport customerImport, MappingType mappingType,
                       boolean storeCanUpdateCustomers, boolean autoCreateUnknownCustomers, String customerTemplateCode,
                       String defaultCustomerNo, boolean exportCustomersToStore, boolean canUpdateStoreCustomers,
                       boolean inviteExportedCustomers, NameSource nameSource, NameSource name2Source, NameSource contactSource,
                       CountySource countySource, Instant importWatermark, Instant exportWatermark, String syncSnapshot,
                       Map<String, CountryRow> countryRows) {

    /** A per-country (optionally per-state) template row. */
    public record CountryRow(String countryCode, String stateCode, String defaultCustomerNo, String customerTemplateCode,
                             boolean pricesIncludingVat, String vatBusPostingGroup, String taxAreaCode) {
    }

    /** The row for a country and state: the state's row when there is one, else the country's. */
    public CountryRow row(String country, String state) {
        if (country == null) return null;
        if (state != null && !state.isBlank()) {
            CountryRow r = countryRows.get(country + "/" + state.trim());
            if (r != null) return r;
        }
        return countryRows.get(country + "/");
    }

    /** Null when the store has no ERP connection. */
    public static Settings load(Connection c, UUID storeId) throws SQLException {
        Settings s;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT erp_company_id, customer_import, customer_mapping_type, store_can_update_customers,
                       auto_create_unknown_customers, customer_template_code, default_customer_no, export_customers_to_store,
                       can_update_store_customers, invite_exported_customers, name_source, name2_source, contact_source,
                       county_source, import_watermark, export_watermark, sync_snapshot::text
                FROM erp_connections WHERE store_id = ?""")) {
            ps.setObject(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                s = new Settings(storeId, rs.getObject(1, UUID.class), CustomerImport.valueOf(rs.getString(2)),
                        MappingType.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                        rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10), NameSource.valueOf(rs.getString(11)),
                        NameSource.valueOf(rs.getString(12)), NameSource.valueOf(rs.getString(13)), CountySource.valueOf(rs.getString(14)),
                        instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), rs.getString(17), new HashMap<>());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT country_code, state_code, default_customer_no, customer_template_code, prices_including_vat,
                       vat_bus_posting_group, tax_area_code FROM erp_country_templates WHERE store_id = ?""")) {
            ps.setObject(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CountryRow r = new CountryRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getString(6), rs.getString(7));
                    s.countryRows().put(r.countryCode() + "/" + r.stateCode(), r);
                }
            }
        }
        return s;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
