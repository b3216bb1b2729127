package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.*;
import io.merchantdesk.kernel.access.AccessService;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.access.Tenancy;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders of a store. Every write to a customer's orders first takes a FOR SHARE lock on the customer row;
 * a migration takes FOR UPDATE on it (see {@link ContactService}), so an order is created, cancelled or
 * deleted either wholly before a migration (and the migration sees it) or wholly after it (and it is
 * not part of it) — never in between. A B2B order also takes {@code FOR SHARE} on its location row, so the
 * location cannot be deleted under it. SQL in {@link OrderRepository}, {@link CustomerRepository} and
 * {@link ContactRepository}; the store's currency comes from {@link Tenancy}.
 */
@ApplicationScoped
public class OrderService {
    @Inject
    OrderRepository orders;

    @Inject
    CustomerRepository customers;

    @Inject
    ContactRepository contacts;

    @Inject
    Tenancy tenancy;

    @Inject
    AccessService access;

    @Transactional
    public OrderView create(UUID storeId, CreateOrderRequest r) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        String currency = r.currency() != null ? Money.Currencies.require("currency", r.currency())
                : tenancy.store(storeId).map(Tenancy.StoreFacts::billingCurrency)
                        .orElseThrow(() -> ProblemException.notFound("Store " + storeId));
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
        orders.persistAndFlush(o);
        return OrderView.of(o);
    }

    public OrderView get(UUID storeId, UUID orderId) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        return OrderView.of(orders.read(storeId, orderId).orElseThrow(() -> ProblemException.notFound("Order " + orderId)));
    }

    /** Orders by customer, type and status, newest id last (keyset by id); soft-deleted ones only on request. */
    public Page<OrderView> list(UUID storeId, UUID customerId, Order.Type type, Order.Status status, boolean includeDeleted, PageParams page) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        List<String> after = Cursors.decode(page.cursor, 1);
        List<Order> rows = orders.list(storeId, customerId, type, status, includeDeleted,
                after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1);
        return Page.of(rows, page.limit, OrderView::of, o -> Cursors.encode(o.id));
    }

    @Transactional
    public OrderView cancel(UUID storeId, UUID orderId) {
        Order o = toChange(storeId, orderId);
        if (o.deletedAt != null) throw ProblemException.conflict("ORDER_DELETED", "A deleted order cannot be cancelled");
        if (o.status == Order.Status.CANCELLED) throw ProblemException.conflict("ORDER_ALREADY_CANCELLED", "The order is already cancelled");
        o.status = Order.Status.CANCELLED;
        orders.flush();
        return OrderView.of(o);
    }

    /** Soft delete; deleting a deleted order changes nothing. */
    @Transactional
    public void delete(UUID storeId, UUID orderId) {
        Order o = toChange(storeId, orderId);
        if (o.deletedAt == null) {
            o.deletedAt = Instant.now();
            orders.flush();
        }
    }

    Order find(UUID storeId, UUID orderId) {
        return orders.inStore(storeId, orderId).orElseThrow(() -> ProblemException.notFound("Order " + orderId));
    }

    /** The order to cancel or delete (MANAGE_ORDERS), read again after its customer is locked {@code FOR SHARE}. */
    private Order toChange(UUID storeId, UUID orderId) {
        access.store(storeId, Permission.MANAGE_ORDERS);
        Order o = find(storeId, orderId);
        lockCustomer(storeId, o.customerId, "customerId");
        orders.refresh(o);
        return o;
    }

    /** FOR SHARE on the customer: order writes wait for a running migration of that customer, and it waits for them. */
    private void lockCustomer(UUID storeId, UUID customerId, String field) {
        if (!customers.lockForShare(storeId, customerId)) {
            throw new ProblemException(404, "NOT_FOUND", "Not found", "Customer " + customerId + " not found",
                    List.of(new FieldError(field, "no such customer in this store")));
        }
    }

    /**
     * A B2B order needs a location of this store whose company has the customer as a contact with a role there;
     * the location stays locked {@code FOR SHARE} until the order commits.
     */
    private void requireContactAt(UUID storeId, UUID customerId, UUID locationId) {
        Optional<Boolean> found = contacts.hasRoleAt(storeId, customerId, locationId);
        if (found.isEmpty()) {
            throw new ProblemException(404, "NOT_FOUND", "Not found", "Company location " + locationId + " not found",
                    List.of(new FieldError("companyLocationId", "no such company location in this store")));
        }
        if (!found.get()) {
            throw ProblemException.rule("B2B_NOT_A_CONTACT_OF_LOCATION",
                    "A B2B order is placed by a contact with a role at the location; add the customer to the company first",
                    List.of(new FieldError("companyLocationId", "the customer has no role at this location")));
        }
    }
}
