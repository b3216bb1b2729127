package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.engine.Model.*;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.*;
import static io.merchantdesk.sync.engine.FlowSupport.*;

/** Creating or linking an ERP customer by hand for one store customer (SYNC-6), on the caller's transaction. */
@ApplicationScoped
public class ManualLink {
    /** Links the store customer to an existing card, or creates one from the template; errors come back in the outcome. */
    public String createOrLink(Batch b, ErpSession erp, Settings s, StoreCustomer sc, String customerNo, BatchOutcome out) {
        Map<UUID, String> links = validLinks(erp, b, s, List.of(sc.id()));
        if (links.containsKey(sc.id())) {
            out.fail(CUSTOMER, sc.id(), "ALREADY_LINKED", "The store customer is already linked to ERP customer " + links.get(sc.id()));
            return null;
        }
        String no = customerNo;
        if (no != null) {
            if (!erp.byNumbers(List.of(no)).containsKey(no)) {
                out.fail(CUSTOMER, sc.id(), "CUSTOMER_NOT_FOUND", "ERP customer " + no + " does not exist");
                return null;
            }
        } else {
            NewCard card = newCard(s, erp.templates(), sc.id().toString(), sc.firstName(), sc.lastName(), sc.address(), sc.phone(), sc.email(),
                    CUSTOMER, sc.id(), out);
            if (card == null) return null;
            Created made = erp.create(List.of(card)).get(0);
            no = made.customerNo();
            if (made.existed()) out.linked++; // made by an earlier attempt whose link was not committed
            else out.created++;
        }
        UUID other = Links.byNumber(b, s.storeId(), s.company(), List.of(no)).get(no);
        if (other != null) {
            out.fail(CUSTOMER, sc.id(), "DUPLICATE", "ERP customer " + no + " is already linked to store customer " + other);
            return null;
        }
        Links.insert(b, s.storeId(), s.company(), Map.of(sc.id(), no), "MANUAL");
        if (customerNo != null) out.linked++;
        return no;
    }
}
