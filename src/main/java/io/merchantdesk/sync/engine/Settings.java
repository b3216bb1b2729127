package io.merchantdesk.sync.engine;

import io.merchantdesk.b2b.CompanyContact;
import io.merchantdesk.sync.CompanyImport;
import io.merchantdesk.sync.CompanyLocationsAs;
import io.merchantdesk.sync.CompanyMappingType;
import io.merchantdesk.sync.CustomerImport;
import io.merchantdesk.sync.engine.Model.TaxIdField;
import io.merchantdesk.sync.ErpConnectionRepository;
import io.merchantdesk.sync.engine.match.MappingType;
import io.merchantdesk.sync.naming.CountySource;
import io.merchantdesk.sync.naming.NameSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A store's connection settings and per-country rows, read once per run (or per manual action). */
public record Settings(UUID storeId, UUID company, CustomerImport customerImport, MappingType mappingType,
                       boolean storeCanUpdateCustomers, boolean autoCreateUnknownCustomers, String customerTemplateCode,
                       String defaultCustomerNo, boolean exportCustomersToStore, boolean canUpdateStoreCustomers,
                       boolean inviteExportedCustomers, NameSource nameSource, NameSource name2Source, NameSource contactSource,
                       CountySource countySource, Instant importWatermark, Instant exportWatermark, String syncSnapshot,
                       Map<String, CountryRow> countryRows, Companies companies) {

    /** The company settings (SYNC-20). */
    public record Companies(CompanyImport companyImport, CompanyMappingType mappingType, TaxIdField taxIdField, boolean taxIdFallback,
                            boolean autoCreate, String defaultCompanyNo, boolean storeCanUpdate, boolean canUpdateStore,
                            CompanyContact.Role defaultContactRole, CompanyLocationsAs locationsAs) {
    }

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
        Settings s = ErpConnectionRepository.settings(c, storeId);
        if (s == null) return null;
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

}
