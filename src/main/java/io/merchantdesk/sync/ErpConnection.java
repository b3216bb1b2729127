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
    @Column(name = "store_id") public UUID storeId;
    @Column(name = "erp_company_id") public UUID erpCompanyId;
    @Enumerated(EnumType.STRING) @Column(name = "customer_import") public CustomerImport customerImport = CustomerImport.WITH_ORDER_IMPORT;
    @Enumerated(EnumType.STRING) @Column(name = "customer_mapping_type") public MappingType customerMappingType = MappingType.BY_EMAIL_PHONE;
    @Column(name = "store_can_update_customers") public boolean storeCanUpdateCustomers;
    @Column(name = "auto_create_unknown_customers") public boolean autoCreateUnknownCustomers;
    @Column(name = "customer_template_code") public String customerTemplateCode;
    @Column(name = "default_customer_no") public String defaultCustomerNo;
    @Column(name = "export_customers_to_store") public boolean exportCustomersToStore;
    @Column(name = "can_update_store_customers") public boolean canUpdateStoreCustomers;
    @Column(name = "invite_exported_customers") public boolean inviteExportedCustomers;
    @Enumerated(EnumType.STRING) @Column(name = "name_source") public NameSource nameSource = NameSource.FIRST_AND_LAST_NAME;
    @Enumerated(EnumType.STRING) @Column(name = "name2_source") public NameSource name2Source = NameSource.COMPANY_NAME;
    @Enumerated(EnumType.STRING) @Column(name = "contact_source") public NameSource contactSource = NameSource.NONE;
    @Enumerated(EnumType.STRING) @Column(name = "county_source") public CountySource countySource = CountySource.CODE;
    @Column(name = "schedule_cron") public String scheduleCron;
    @Column(name = "schedule_enabled") public boolean scheduleEnabled;
    @Column(name = "schedule_last_fired_at", insertable = false, updatable = false) public Instant scheduleLastFiredAt;
    @Column(name = "import_watermark", insertable = false, updatable = false) public Instant importWatermark;
    @Column(name = "export_watermark", insertable = false, updatable = false) public Instant exportWatermark;
}
