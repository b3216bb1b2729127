package io.merchantdesk.sync.erp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the ERP register. */
@RegisterForReflection // the nested records are (de)serialised by Jackson; native images need them registered
public final class ErpDtos {
    private ErpDtos() {}

    @Schema(name = "CreateErpCompanyRequest")
    public record CreateErpCompanyRequest(
            @NotBlank @Size(max = 200) @Schema(examples = "Nordic Outdoor AS") String name,
            @Size(max = 10) @Pattern(regexp = "[A-Z0-9-]*") @Schema(description = "Number series prefix (default C)", examples = "C") String customerNoPrefix,
            @Min(1) @Max(18) @Schema(description = "Digits of the number series (default 5)", examples = "5") Integer customerNoWidth,
            @Min(0) @Schema(description = "First number of the series (default 10 → C00010)", examples = "10") Long nextCustomerNo) {
    }

    @Schema(name = "ErpCompany")
    public record ErpCompanyView(UUID id, @Schema(examples = "Nordic Outdoor AS") String name, UUID ownerId,
                                 @Schema(examples = "C") String customerNoPrefix, int customerNoWidth,
                                 @Schema(examples = "10") long nextCustomerNo, Instant createdAt, long version) {
        static ErpCompanyView of(ErpCompany c) {
            return new ErpCompanyView(c.id, c.name, c.ownerId, c.customerNoPrefix, c.customerNoWidth, c.nextCustomerNo, c.createdAt, c.version);
        }
    }

    @Schema(name = "ErpCompanyPage")
    public record ErpCompanyPage(List<ErpCompanyView> items, String nextCursor) {}

    @Schema(name = "ErpCustomerRequest", description = "Fields of a customer card; on PATCH absent fields stay as they are")
    public record ErpCustomerRequest(
            @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9-]+") @Schema(description = "Only on create; taken from the number series when absent", examples = "C00010") String customerNo,
            @Size(max = 100) @Schema(description = "Only on create: fills the posting groups and terms from this template", examples = "RETAIL") String templateCode,
            @Size(max = 100) @Schema(examples = "Kari Nordmann") String name,
            @Size(max = 100) @Schema(examples = "Nordmann Sport AS") String name2,
            @Size(max = 100) String contact,
            @Size(max = 200) @Schema(examples = "Karl Johans gate 1") String address,
            @Size(max = 200) String address2,
            @Size(max = 100) @Schema(examples = "Oslo") String city,
            @Size(max = 20) @Schema(examples = "0154") String postCode,
            @Size(max = 100) @Schema(examples = "03") String county,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") @Schema(examples = "NO") String countryCode,
            @Size(max = 50) @Schema(examples = "+47 22 33 44 55") String phone,
            @Size(max = 250) @Schema(examples = "kari@example.no") String email,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String genBusPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String customerPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String vatBusPostingGroup,
            @Size(max = 20) String taxAreaCode,
            @Size(max = 20) @Schema(examples = "14D") String paymentTermsCode,
            Boolean pricesIncludingVat,
            Boolean blocked) {
    }

    @Schema(name = "ErpCustomer")
    public record ErpCustomerView(UUID id, @Schema(examples = "C00010") String customerNo, String name, String name2, String contact,
                                  String address, String address2, String city, String postCode, String county, String countryCode,
                                  String phone, @Schema(description = "E.164 form used for matching", examples = "+4722334455") String phoneE164,
                                  String email, String genBusPostingGroup, String customerPostingGroup, String vatBusPostingGroup,
                                  String taxAreaCode, String paymentTermsCode, boolean pricesIncludingVat, boolean blocked,
                                  String templateCode, Instant changedAt, long version) {
        static ErpCustomerView of(ErpCustomer c) {
            return new ErpCustomerView(c.id, c.customerNo, c.name, c.name2, c.contact, c.address, c.address2, c.city, c.postCode,
                    c.county, c.countryCode, c.phone, c.phoneE164, c.email, c.genBusPostingGroup, c.customerPostingGroup,
                    c.vatBusPostingGroup, c.taxAreaCode, c.paymentTermsCode, c.pricesIncludingVat, c.blocked, c.templateCode,
                    c.changedAt, c.version);
        }
    }

    @Schema(name = "ErpCustomerPage")
    public record ErpCustomerPage(List<ErpCustomerView> items, String nextCursor) {}

    @Schema(name = "ErpCustomerTemplateRequest")
    public record TemplateRequest(
            @Size(max = 200) @Schema(examples = "Retail customers") String description,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String genBusPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String customerPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String vatBusPostingGroup,
            @Size(max = 20) String taxAreaCode,
            @Size(max = 20) @Schema(examples = "14D") String paymentTermsCode,
            Boolean pricesIncludingVat) {
    }

    @Schema(name = "CreateErpCustomerTemplateRequest")
    public record CreateTemplateRequest(
            @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9_-]+") @Schema(examples = "RETAIL") String code,
            @Size(max = 200) @Schema(examples = "Retail customers") String description,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String genBusPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String customerPostingGroup,
            @Size(max = 20) @Schema(examples = "DOMESTIC") String vatBusPostingGroup,
            @Size(max = 20) String taxAreaCode,
            @Size(max = 20) @Schema(examples = "14D") String paymentTermsCode,
            Boolean pricesIncludingVat) {
    }

    @Schema(name = "ErpCustomerTemplate")
    public record TemplateView(UUID id, @Schema(examples = "RETAIL") String code, String description, String genBusPostingGroup,
                               String customerPostingGroup, String vatBusPostingGroup, String taxAreaCode, String paymentTermsCode,
                               boolean pricesIncludingVat,
                               @Schema(description = "SYNC-7: fields a customer needs that this template lacks (creating from it fails)") List<String> missingFields,
                               long version) {
        static TemplateView of(ErpCustomerTemplate t) {
            return new TemplateView(t.id, t.code, t.description, t.genBusPostingGroup, t.customerPostingGroup, t.vatBusPostingGroup,
                    t.taxAreaCode, t.paymentTermsCode, t.pricesIncludingVat, t.missingFields(), t.version);
        }
    }

    @Schema(name = "ErpCustomerTemplatePage")
    public record TemplatePage(List<TemplateView> items, String nextCursor) {}
}
