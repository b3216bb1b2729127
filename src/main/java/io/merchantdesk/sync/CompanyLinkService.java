package io.merchantdesk.sync;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.CompanyExport;
import io.merchantdesk.sync.engine.CompanyLinks;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.FlowSupport;
import io.merchantdesk.sync.engine.Model.ErpCard;
import io.merchantdesk.sync.engine.Model.StoreCompany;
import io.merchantdesk.sync.engine.Settings;
import io.merchantdesk.sync.engine.StorePort;
import io.merchantdesk.sync.run.PendingWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * Company links by hand (SYNC-21, SYNC-25) and the export of ERP customers as companies on request (SYNC-26). Each call is
 * one store transaction; the ERP is only read (its session opened for the call).
 */
@ApplicationScoped
public class CompanyLinkService {
    @Inject
    DataSource dataSource;

    @Inject
    SyncAccess access;

    @Inject
    LinkRepository repository;

    @Inject
    ErpPort erp;

    @Inject
    StorePort store;

    @Inject
    CompanyExport export;

    @Inject
    PendingWork pending;

    public Page<CompanyLinkView> links(UUID storeId, UUID companyId, PageParams page) {
        access.settings(storeId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<CompanyLinkView> rows = repository.companyLinks(storeId, companyId, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, l -> l, l -> Cursors.encode(l.companyId()));
    }

    /** Links the company to an existing ERP customer by hand; its pending work (say, SYNC-25's) is resolved with it. */
    public CompanyLinkView link(UUID storeId, UUID companyId, LinkCompanyRequest r) {
        access.settings(storeId);
        inTransaction(storeId, (b, s) -> {
            Map<UUID, StoreCompany> found = store.companies(b, storeId, List.of(companyId));
            if (!found.containsKey(companyId)) throw ProblemException.notFound("Company " + companyId);
            String linked = CompanyLinks.byCompany(b, storeId, List.of(companyId)).get(companyId);
            if (linked != null) {
                throw ProblemException.conflict("ALREADY_LINKED", "The company is already linked to ERP customer " + linked
                        + "; unlink it first (DELETE /stores/{storeId}/company-links/" + companyId + ")");
            }
            try (ErpSession session = erp.open(s.company())) {
                if (!session.byNumbers(List.of(r.customerNo())).containsKey(r.customerNo())) {
                    throw ProblemException.notFound("ERP customer " + r.customerNo());
                }
            }
            UUID other = CompanyLinks.byNumber(b, storeId, s.company(), List.of(r.customerNo())).get(r.customerNo());
            if (other != null) {
                throw ProblemException.conflict("DUPLICATE", "ERP customer " + r.customerNo() + " is already company " + other
                        + "'s (one store company per ERP customer)");
            }
            CompanyLinks.insert(b, storeId, s.company(), Map.of(companyId, r.customerNo()), "MANUAL");
            b.run(c -> pending.drop(c, storeId, List.of(companyId.toString()), FlowSupport.COMPANY));
            return null;
        });
        return links(storeId, companyId, PageParams.of(1, null)).items().get(0);
    }

    /**
     * Unlinks a company (with its locations' own customers): the next run matches or creates its ERP customer again. This
     * is how a person resolves SYNC-25's pending work; nothing is deleted in the ERP.
     */
    public void unlink(UUID storeId, UUID companyId) {
        access.settings(storeId);
        inTransaction(storeId, (b, s) -> {
            if (CompanyLinks.delete(b, storeId, List.of(companyId)) == 0) throw ProblemException.notFound("Link of company " + companyId);
            b.run(c -> pending.markDue(c, storeId, FlowSupport.COMPANY, companyId.toString(), "UNLINKED",
                    "SYNC-25: unlinked by hand; the next CUSTOMERS run matches or creates the company's ERP customer again (when it still exists)"));
            return null;
        });
    }

    /** SYNC-26: ERP customers made store companies, or locations of one company. */
    public CompanyExportResult export(UUID storeId, CompanyExportRequest r) {
        access.settings(storeId);
        return inTransaction(storeId, (b, s) -> {
            if (r.companyId() != null && !store.companies(b, storeId, List.of(r.companyId())).containsKey(r.companyId())) {
                throw ProblemException.notFound("Company " + r.companyId());
            }
            Map<String, ErpCard> cards;
            try (ErpSession session = erp.open(s.company())) {
                cards = session.byNumbers(r.customerNos());
            }
            List<CompanyExportItem> items = export.export(b, s, r.customerNos(), cards, r.companyId()).stream()
                    .map(e -> new CompanyExportItem(e.customerNo(), CompanyExportOutcome.valueOf(e.outcome()), e.companyId(), e.locationId(),
                            e.code(), e.message())).toList();
            return new CompanyExportResult(items);
        });
    }

    private <T> T inTransaction(UUID storeId, BiFunction<Batch, Settings, T> work) {
        return StoreTransaction.run(dataSource, storeId, work);
    }
}
