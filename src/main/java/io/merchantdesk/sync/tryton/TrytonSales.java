package io.merchantdesk.sync.tryton;

import static io.merchantdesk.sync.tryton.TrytonRpc.clause;

import io.merchantdesk.sync.engine.ErpRejectedException;
import io.merchantdesk.sync.engine.Model.NewOrder;
import io.merchantdesk.sync.engine.Model.OrderLine;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Store orders as draft {@code sale.sale} records, exactly once: a sale carries the store order's id in its
 * {@code reference} (Tryton's field for the customer's own reference of a sale, searchable), and only the orders
 * without such a sale are created, in one call. merchantdesk does not sync products, so the lines are comment lines
 * ({@code type: comment}, which need no product, unit or price) reading "quantity x text @ unit price", closed by a
 * comment with the order's total. A draft sale has no number yet (Tryton numbers a sale when it is quoted), so the
 * document answered is the sale's id.
 */
final class TrytonSales {
    private final TrytonRpc rpc;
    private final TrytonParties lookups;

    TrytonSales(TrytonRpc rpc, TrytonParties lookups) {
        this.rpc = rpc;
        this.lookups = lookups;
    }

    /** Store order reference → the id of its sale, placed now or before. */
    Map<String, String> place(List<NewOrder> orders) {
        Map<String, String> out = new HashMap<>();
        if (orders.isEmpty()) return out;
        List<String> references = orders.stream().map(NewOrder::reference).distinct().toList();
        TrytonParties.chunked(references, chunk -> {
            for (Map<String, Object> r : rpc.searchRead("sale.sale", List.of(clause("reference", "in", chunk)), 0, null,
                    List.of(TrytonRpc.Order.asc("id")), List.of("reference"))) {
                out.putIfAbsent((String) r.get("reference"), Long.toString(TrytonParties.id(r.get("id"))));
            }
            return List.of();
        });
        Map<String, NewOrder> missing = new LinkedHashMap<>();
        for (NewOrder o : orders) if (!out.containsKey(o.reference())) missing.putIfAbsent(o.reference(), o);
        if (missing.isEmpty()) return out;

        Map<String, TrytonParty> parties = new HashMap<>();
        for (TrytonParty p : lookups.byCodes(missing.values().stream().map(NewOrder::customerNo).toList())) parties.put(p.code(), p);
        Map<String, Long> currencies = lookups.idsBy("currency.currency", "code", missing.values().stream().map(NewOrder::currency).toList());
        TreeSet<String> unknownParties = new TreeSet<>();
        TreeSet<String> unknownCurrencies = new TreeSet<>();
        for (NewOrder o : missing.values()) {
            if (!parties.containsKey(o.customerNo())) unknownParties.add(o.customerNo());
            if (!currencies.containsKey(o.currency())) unknownCurrencies.add(String.valueOf(o.currency()));
        }
        if (!unknownParties.isEmpty() || !unknownCurrencies.isEmpty()) {
            throw new ErpRejectedException("Tryton cannot take these orders:"
                    + (unknownParties.isEmpty() ? "" : " no party with code " + String.join(", ", unknownParties) + ";")
                    + (unknownCurrencies.isEmpty() ? "" : " no currency " + String.join(", ", unknownCurrencies)
                    + " (add it in Tryton: Currency › Currencies)"), null);
        }
        List<Map<String, Object>> values = new ArrayList<>();
        for (NewOrder o : missing.values()) {
            TrytonParty party = parties.get(o.customerNo());
            Map<String, Object> sale = new LinkedHashMap<>();
            sale.put("party", party.id());
            if (party.address() != null) {
                sale.put("invoice_address", party.address().id());
                sale.put("shipment_address", party.address().id());
            }
            sale.put("currency", currencies.get(o.currency()));
            if (o.placedAt() != null) sale.put("sale_date", o.placedAt().atZone(ZoneOffset.UTC).toLocalDate());
            sale.put("reference", o.reference());
            sale.put("comment", "merchantdesk store order " + o.reference());
            List<Map<String, Object>> lines = new ArrayList<>();
            for (OrderLine l : o.lines()) lines.add(comment(describe(l, o.currency())));
            if (o.total() != null) lines.add(comment("Total " + money(o.total()) + " " + o.currency()));
            if (!lines.isEmpty()) sale.put("lines", List.of(List.of("create", lines)));
            values.add(sale);
        }
        List<Long> ids = rpc.create("sale.sale", values);
        int i = 0;
        for (String reference : missing.keySet()) out.put(reference, Long.toString(ids.get(i++)));
        return out;
    }

    private static Map<String, Object> comment(String text) {
        return Map.of("type", "comment", "description", text);
    }

    /** "2 x Tent @ 1999.00 NOK". */
    static String describe(OrderLine l, String currency) {
        String quantity = l.quantity() == null ? "?" : l.quantity().stripTrailingZeros().toPlainString();
        String price = l.unitPrice() == null ? "?" : money(l.unitPrice());
        return quantity + " x " + Objects.requireNonNullElse(l.description(), "") + " @ " + price + (currency == null ? "" : " " + currency);
    }

    /** At least two decimals, no trailing zeros beyond them: 1999.0000 → 1999.00, 0.1250 → 0.125. */
    private static String money(BigDecimal n) {
        BigDecimal stripped = n.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }
}
