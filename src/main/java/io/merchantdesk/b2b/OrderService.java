package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.*;
import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Orders of a store. Every write to a customer's orders first takes a FOR SHARE lock on the customer row;
 * a migration takes FOR UPDATE on it (see {@link ContactService}), so an order is created, cancelled or
 * deleted either wholly before a migration (and the migration sees it) or wholly after it (and it is
 * not part of it) — never in between.
 */
@ApplicationScoped
public class OrderService {
    @Inject
    EntityManager em;

    @Inject
    AccessService access;

    @Inject
    CustomerService customers;

    @Transactional
    public OrderView create(UUID storeId, CreateOrderRequest r) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        String currency = r.currency() != null ? Money.Currencies.require("currency", r.currency())
                : (String) em.createNativeQuery("SELECT billing_currency FROM stores WHERE id = :s").setParameter("s", storeId).getSingleResult();
        CustomerService.requireCountry("billingAddress", r.billingAddress());
        CustomerService.requireCountry("shippingAddress", r.shippingAddress());
        lockCustomer(storeId, r.customerId(), "customerId");
        if (r.companyLocationId() != null) {
            requireContactAt(storeId, r.customerId(), r.companyLocationId());
        }
        Order o = new Order();
        o.storeId = storeId;
        o.customerId = r.customerId();
        o.companyLocationId = r.companyLocationId();
        o.status = r.status() == CreatableStatus.CLOSED ? Order.Status.CLOSED : Order.Status.OPEN;
        o.currency = currency;
        o.lineItems = r.lineItems();
        o.total = r.lineItems().stream().map(li -> li.unitPrice().multiply(BigDecimal.valueOf(li.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        o.billingAddress = r.billingAddress();
        o.shippingAddress = r.shippingAddress();
        o.placedAt = r.placedAt() != null ? r.placedAt() : Instant.now();
        o.persist();
        em.flush();
        return OrderView.of(o);
    }

    public OrderView get(UUID storeId, UUID orderId) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        return OrderView.of(find(storeId, orderId));
    }

    /** Orders by customer, type and status, newest id last (keyset by id); soft-deleted ones only on request. */
    public Page<OrderView> list(UUID storeId, UUID customerId, Order.Type type, Order.Status status, boolean includeDeleted, PageParams page) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        List<String> after = Cursors.decode(page.cursor, 1);
        StringBuilder sql = new StringBuilder("SELECT o.* FROM orders o WHERE o.store_id = :store");
        if (customerId != null) sql.append(" AND o.customer_id = :customer");
        if (type == Order.Type.B2B) sql.append(" AND o.company_location_id IS NOT NULL");
        if (type == Order.Type.D2C) sql.append(" AND o.company_location_id IS NULL");
        if (status != null) sql.append(" AND o.status = :status");
        if (!includeDeleted) sql.append(" AND o.deleted_at IS NULL");
        if (after != null) sql.append(" AND o.id > :after");
        sql.append(" ORDER BY o.id LIMIT :n");
        var q = em.createNativeQuery(sql.toString(), Order.class).setParameter("store", storeId).setParameter("n", page.limit + 1);
        if (customerId != null) q.setParameter("customer", customerId);
        if (status != null) q.setParameter("status", status.name());
        if (after != null) q.setParameter("after", Cursors.uuid(after.get(0)));
        @SuppressWarnings("unchecked")
        List<Order> rows = q.getResultList();
        return Page.of(rows, page.limit, OrderView::of, o -> Cursors.encode(o.id));
    }

    @Transactional
    public OrderView cancel(UUID storeId, UUID orderId) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        Order o = find(storeId, orderId);
        lockCustomer(storeId, o.customerId, "customerId");
        em.refresh(o);
        if (o.deletedAt != null) throw ProblemException.conflict("ORDER_DELETED", "A deleted order cannot be cancelled");
        if (o.status == Order.Status.CANCELLED) throw ProblemException.conflict("ORDER_ALREADY_CANCELLED", "The order is already cancelled");
        o.status = Order.Status.CANCELLED;
        em.flush();
        return OrderView.of(o);
    }

    /** Soft delete; deleting a deleted order changes nothing. */
    @Transactional
    public void delete(UUID storeId, UUID orderId) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        Order o = find(storeId, orderId);
        lockCustomer(storeId, o.customerId, "customerId");
        em.refresh(o);
        if (o.deletedAt == null) {
            o.deletedAt = Instant.now();
            em.flush();
        }
    }

    Order find(UUID storeId, UUID orderId) {
        Order o = em.find(Order.class, orderId);
        if (o == null || !o.storeId.equals(storeId)) throw ProblemException.notFound("Order " + orderId);
        return o;
    }

    /** FOR SHARE on the customer: order writes wait for a running migration of that customer, and it waits for them. */
    private void lockCustomer(UUID storeId, UUID customerId, String field) {
        List<?> found = em.createNativeQuery("SELECT id FROM customers WHERE id = :c AND store_id = :s FOR SHARE")
                .setParameter("c", customerId).setParameter("s", storeId).getResultList();
        if (found.isEmpty()) {
            throw new ProblemException(404, "NOT_FOUND", "Not found", "Customer " + customerId + " not found",
                    List.of(new FieldError(field, "no such customer in this store")));
        }
    }

    /** A B2B order needs a location of this store whose company has the customer as a contact with a role there. */
    private void requireContactAt(UUID storeId, UUID customerId, UUID locationId) {
        @SuppressWarnings("unchecked")
        List<Object> found = em.createNativeQuery("""
                SELECT EXISTS (SELECT 1 FROM company_contacts c JOIN contact_location_roles r ON r.contact_id = c.id
                               WHERE c.company_id = l.company_id AND c.customer_id = :customer AND r.location_id = l.id)
                FROM company_locations l WHERE l.id = :location AND l.store_id = :store""")
                .setParameter("customer", customerId).setParameter("location", locationId).setParameter("store", storeId)
                .getResultList();
        if (found.isEmpty()) {
            throw new ProblemException(404, "NOT_FOUND", "Not found", "Company location " + locationId + " not found",
                    List.of(new FieldError("companyLocationId", "no such company location in this store")));
        }
        if (!(Boolean) found.get(0)) {
            throw ProblemException.rule("B2B_NOT_A_CONTACT_OF_LOCATION",
                    "A B2B order is placed by a contact with a role at the location; add the customer to the company first",
                    List.of(new FieldError("companyLocationId", "the customer has no role at this location")));
        }
    }
}
