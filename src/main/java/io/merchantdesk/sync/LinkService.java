package io.merchantdesk.sync;

import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.sync.run.SyncRunService;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.merchantdesk.sync.engine.Batch;
import io.merchantdesk.sync.engine.BatchOutcome;
import io.merchantdesk.sync.engine.Model.StoreCustomer;
import io.merchantdesk.sync.engine.ErpPort;
import io.merchantdesk.sync.engine.ErpSession;
import io.merchantdesk.sync.engine.ManualLink;
import io.merchantdesk.sync.engine.StorePort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Customer links, creating or linking an ERP customer by hand (SYNC-6), and the imported orders. */
@ApplicationScoped
public class LinkService {
    @Inject
    DataSource dataSource;

    @Inject
    SyncAccess access;

    @Inject
    LinkRepository repository;

    @Inject
    ManualLink manualLink;

    @Inject
    ErpPort erp;

    @Inject
    StorePort store;

    public Page<LinkView> links(UUID storeId, UUID customerId, PageParams page) {
        access.settings(storeId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<LinkView> rows = repository.links(storeId, customerId, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, l -> l, l -> Cursors.encode(l.customerId()));
    }

    /** SYNC-6: link the store customer to a given ERP customer, or create one from the template; one transaction. */
    public LinkView createOrLink(UUID storeId, UUID customerId, ManualErpCustomerRequest r) {
        access.settings(storeId);
        StoreTransaction.run(dataSource, storeId, (batch, s) -> {
            Map<UUID, StoreCustomer> found = store.customers(batch, storeId, List.of(customerId));
            if (!found.containsKey(customerId)) throw ProblemException.notFound("Customer " + customerId);
            BatchOutcome out = new BatchOutcome();
            String no;
            try (ErpSession erpSession = erp.open(s.company())) {
                no = manualLink.createOrLink(batch, erpSession, s, found.get(customerId), r == null ? null : r.customerNo(), out);
            }
            if (no == null) {
                BatchOutcome.RecordError e = out.errors.get(0);
                if ("CUSTOMER_NOT_FOUND".equals(e.code())) throw ProblemException.notFound("ERP customer " + r.customerNo());
                if ("ALREADY_LINKED".equals(e.code()) || "DUPLICATE".equals(e.code())) throw ProblemException.conflict(e.code(), e.message());
                throw ProblemException.rule(e.code(), e.message());
            }
            return no;
        });
        return links(storeId, customerId, PageParams.of(1, null)).items().get(0);
    }

    public Page<ErpOrderView> erpOrders(UUID storeId, PageParams page) {
        access.settings(storeId);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<LinkRepository.ErpOrderRow> rows = repository.erpOrders(storeId, after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, LinkRepository.ErpOrderRow::view, o -> Cursors.encode(o.id()));
    }
}
