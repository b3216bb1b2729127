package io.merchantdesk.sync;

import io.merchantdesk.kernel.persistence.BaseEntity;
import io.merchantdesk.sync.engine.match.MappingType;
import io.merchantdesk.sync.naming.CountySource;
import io.merchantdesk.sync.naming.NameSource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A store's ERP connection settings (the seed's shop card). Watermarks are written by the runs only. */
@Entity
@Table(name = "erp_connections")
public class ErpConnection extends BaseEntity {
    public UUID storeId;
    public UUID erpCompanyId;
    @Enumerated(EnumType.STRING) public CustomerImport customerImport = CustomerImport.WITH_ORDER_IMPORT;
    @Enumerated(EnumType.STRING) public MappingType customerMappingType = MappingType.BY_EMAIL_PHONE;
    public boolean storeCanUpdateCustomers;
    public boolean autoCreateUnknownCustomers;
    public String customerTemplateCode;
    public String defaultCustomerNo;
    public boolean exportCustomersToStore;
    public boolean canUpdateStoreCustomers;
    public boolean inviteExportedCustomers;
    @Enumerated(EnumType.STRING) public NameSource nameSource = NameSource.FIRST_AND_LAST_NAME;
    @Enumerated(EnumType.STRING) @Column(name = "name2_source") public NameSource name2Source = NameSource.COMPANY_NAME;
    @Enumerated(EnumType.STRING) public NameSource contactSource = NameSource.NONE;
    @Enumerated(EnumType.STRING) public CountySource countySource = CountySource.CODE;
    @Enumerated(EnumType.STRING) public CompanyImport companyImport = CompanyImport.WITH_ORDER_IMPORT;
    @Enumerated(EnumType.STRING) public CompanyMappingType companyMappingType = CompanyMappingType.BY_EMAIL_PHONE;
    @Enumerated(EnumType.STRING) public io.merchantdesk.sync.engine.Model.TaxIdField companyTaxIdField =
            io.merchantdesk.sync.engine.Model.TaxIdField.REGISTRATION_NUMBER;
    public boolean companyTaxIdFallback;
    public boolean autoCreateUnknownCompanies;
    public String defaultCompanyNo;
    public boolean storeCanUpdateCompanies;
    public boolean canUpdateStoreCompanies;
    @Enumerated(EnumType.STRING) public io.merchantdesk.b2b.CompanyContact.Role defaultContactRole =
            io.merchantdesk.b2b.CompanyContact.Role.ORDERING_ONLY;
    @Enumerated(EnumType.STRING) public CompanyLocationsAs companyLocationsAs = CompanyLocationsAs.SHIP_TO_ADDRESSES;
    public String scheduleCron;
    public boolean scheduleEnabled;
    @Column(insertable = false, updatable = false) public Instant scheduleLastFiredAt;
    @Column(insertable = false, updatable = false) public Instant importWatermark;
    @Column(insertable = false, updatable = false) public Instant exportWatermark;
}
