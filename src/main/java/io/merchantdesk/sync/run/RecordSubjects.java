package io.merchantdesk.sync.run;

import io.merchantdesk.b2b.StoreCustomerSync;
import io.merchantdesk.b2b.StoreCustomerSync.CustomerDisplay;
import io.merchantdesk.b2b.StoreCustomerSync.OrderDisplay;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.sync.SyncDtos.PendingView;
import io.merchantdesk.sync.SyncDtos.RecordSubject;
import io.merchantdesk.sync.SyncDtos.RunErrorView;
import io.merchantdesk.sync.engine.FlowSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What each listed sync record is about (issue 23): the subject of run errors, skipped records and pending work, so
 * that an administrator can act on them without looking each one up. A page is read in at most one statement per
 * record type, whatever its size: the store customers and the orders through B2B's {@link StoreCustomerSync}
 * ({@code customerDisplays}, {@code orderDisplays}), the ERP customers through {@link SyncRunRepository} (sync owns
 * {@code erp_customers}). A record deleted since keeps its ids and shows {@code exists: false}.
 */
public final class RecordSubjects {
    private RecordSubjects() {}

    /** A listed record: its type (CUSTOMER, ORDER, ERP_CUSTOMER) and id as {@code sync_run_errors}/{@code sync_pending} keep them. */
    public record Key(String type, String id) {}

    static List<RunErrorView> errors(Connection c, UUID storeId, List<RunErrorView> views) throws SQLException {
        Map<Key, RecordSubject> subjects = read(c, storeId, views.stream().map(v -> new Key(v.recordType(), v.recordId())).toList());
        List<RunErrorView> out = new ArrayList<>(views.size());
        for (RunErrorView v : views) out.add(v.withSubject(subjects.get(new Key(v.recordType(), v.recordId()))));
        return out;
    }

    static List<PendingView> pending(Connection c, UUID storeId, List<PendingView> views) throws SQLException {
        Map<Key, RecordSubject> subjects = read(c, storeId, views.stream().map(v -> new Key(v.recordType(), v.recordId())).toList());
        List<PendingView> out = new ArrayList<>(views.size());
        for (PendingView v : views) out.add(v.withSubject(subjects.get(new Key(v.recordType(), v.recordId()))));
        return out;
    }

    /** The subject of every key (each key answered), in one read per record type present (public for the test that counts them). */
    public static Map<Key, RecordSubject> read(Connection c, UUID storeId, Collection<Key> keys) throws SQLException {
        Set<UUID> customerIds = new LinkedHashSet<>();
        Set<UUID> orderIds = new LinkedHashSet<>();
        Set<String> customerNos = new LinkedHashSet<>();
        Set<UUID> companyIds = new LinkedHashSet<>();
        for (Key k : keys) {
            switch (k.type()) {
                case FlowSupport.CUSTOMER -> addUuid(customerIds, k.id());
                case FlowSupport.ORDER -> addUuid(orderIds, k.id());
                case FlowSupport.ERP_CUSTOMER -> customerNos.add(k.id());
                case FlowSupport.COMPANY -> addUuid(companyIds, k.id());
                default -> { }
            }
        }
        Map<UUID, CustomerDisplay> customers = StoreCustomerSync.customerDisplays(c, storeId, customerIds);
        Map<UUID, OrderDisplay> orders = StoreCustomerSync.orderDisplays(c, storeId, orderIds);
        Map<String, SyncRunRepository.ErpCustomerDisplay> cards = SyncRunRepository.erpCustomerDisplays(c, storeId, customerNos);

        Map<UUID, String> companies = io.merchantdesk.b2b.StoreCompanySync.names(c, storeId, companyIds);
        Map<Key, RecordSubject> out = new HashMap<>();
        for (Key k : keys) {
            if (FlowSupport.COMPANY.equals(k.type())) {
                UUID id = uuid(k.id());
                String name = id == null ? null : companies.get(id);
                out.put(k, new RecordSubject(name != null, null, null, null, null, name, null, null, null, null, id));
            } else {
                out.put(k, subject(k, customers, orders, cards));
            }
        }
        return out;
    }

    private static RecordSubject subject(Key k, Map<UUID, CustomerDisplay> customers, Map<UUID, OrderDisplay> orders,
                                         Map<String, SyncRunRepository.ErpCustomerDisplay> cards) {
        switch (k.type()) {
            case FlowSupport.CUSTOMER -> {
                UUID id = uuid(k.id());
                CustomerDisplay d = id == null ? null : customers.get(id);
                if (d == null) return new RecordSubject(false, id, null, null, null, null, null, null, null, null, null);
                return new RecordSubject(true, id, null, null, null, d.name(), blank(d.email()), blank(d.phone()), null, null, null);
            }
            case FlowSupport.ORDER -> {
                UUID id = uuid(k.id());
                OrderDisplay o = id == null ? null : orders.get(id);
                if (o == null) return new RecordSubject(false, null, id, null, null, null, null, null, null, null, null);
                CustomerDisplay d = o.customer();
                return new RecordSubject(true, d.id(), id, null, null, d.name(), blank(d.email()), blank(d.phone()), o.placedAt(),
                        Money.of(o.total(), o.currency()), null);
            }
            case FlowSupport.ERP_CUSTOMER -> {
                SyncRunRepository.ErpCustomerDisplay e = cards.get(k.id());
                if (e == null) return new RecordSubject(false, null, null, null, k.id(), null, null, null, null, null, null);
                return new RecordSubject(e.exists(), null, null, e.erpCompanyId(), k.id(), blank(e.name()), blank(e.email()),
                        blank(e.phone()), null, null, null);
            }
            default -> {
                return new RecordSubject(false, null, null, null, null, null, null, null, null, null, null);
            }
        }
    }

    private static void addUuid(Set<UUID> ids, String id) {
        UUID u = uuid(id);
        if (u != null) ids.add(u);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
