package io.merchantdesk.sync.engine;

import io.merchantdesk.sync.Normalize;
import io.merchantdesk.sync.engine.Model.*;
import java.util.*;

/** What the flows share: the record types of their outcomes, the batch's valid links, card data and cards from templates. */
public final class FlowSupport {
    public static final String CUSTOMER = "CUSTOMER";
    public static final String ORDER = "ORDER";
    public static final String ERP_CUSTOMER = "ERP_CUSTOMER";
    public static final String COMPANY = "COMPANY";

    private FlowSupport() {}

    /** The batch's links whose ERP customer still exists; SYNC-5 drops the others. */
    static Map<UUID, String> validLinks(ErpSession erp, Batch b, Settings s, Collection<UUID> customerIds) {
        Map<UUID, String> links = Links.byCustomer(b, s.storeId(), customerIds);
        if (links.isEmpty()) return links;
        Map<String, ErpCard> cards = erp.byNumbers(new HashSet<>(links.values()));
        List<UUID> dangling = new ArrayList<>();
        links.forEach((id, no) -> {
            if (!cards.containsKey(no)) dangling.add(id);
        });
        Links.drop(b, s.storeId(), dangling);
        dangling.forEach(links::remove);
        return links;
    }

    /** SYNC-6: Name, Name 2 and Contact through the three source settings; an empty Name takes Name 2, then Contact. */
    static CardData cardData(Settings s, String firstName, String lastName, Address a, String customerPhone, String email) {
        String first = a != null && !Normalize.blank(a.firstName()) ? a.firstName() : firstName;
        String last = a != null && !Normalize.blank(a.lastName()) ? a.lastName() : lastName;
        String company = a == null ? null : a.company();
        String name = s.nameSource().strategy().compose(first, last, company);
        String name2 = s.name2Source().strategy().compose(first, last, company);
        String contact = s.contactSource().strategy().compose(first, last, company);
        if (Normalize.blank(name)) {
            if (!Normalize.blank(name2)) {
                name = name2;
                name2 = null;
            } else if (!Normalize.blank(contact)) {
                name = contact;
                contact = null;
            }
        }
        String phone = a != null && !Normalize.blank(a.phone()) ? a.phone() : customerPhone;
        if (a == null) {
            return new CardData(name, name2, contact, null, null, null, null, null, null, phone, Normalize.firstEmail(email));
        }
        return new CardData(name, name2, contact, a.address1(), a.address2(), a.city(), a.zip(),
                s.countySource().toErp(a.provinceCode(), a.province()), a.countryCode(), phone, Normalize.firstEmail(email));
    }

    /** A card to create from the template of SYNC-6, or null after reporting why it cannot be (SYNC-6, SYNC-7). */
    static NewCard newCard(Settings s, Map<String, Template> templates, String reference, String firstName, String lastName, Address a,
                            String phone, String email, String type, Object id, BatchOutcome out) {
        if (a == null) {
            out.fail(type, id, "NO_ADDRESS", ORDER.equals(type)
                    ? "SYNC-4: the order has neither a bill-to address (billingAddress) nor a ship-to address (shippingAddress); "
                      + "the ERP customer is created from the order's bill-to address"
                    : "SYNC-6: the store customer has no address (its addresses list is empty); an ERP customer is created only from one");
            return null;
        }
        Settings.CountryRow row = s.row(a.countryCode(), a.provinceCode());
        String code = row != null && row.customerTemplateCode() != null ? row.customerTemplateCode() : s.customerTemplateCode();
        if (code == null) {
            String where = ORDER.equals(type) ? "the order's bill-to address" : "the store customer's address";
            out.fail(type, id, "TEMPLATE_MISSING", "SYNC-6: no customer template: " + (a.countryCode() == null
                    ? where + " has no countryCode"
                    : (row == null ? "no per-country row for " : "the per-country row for ") + a.countryCode()
                      + (row == null ? "" : " has no customerTemplateCode")) + " and the connection's customerTemplateCode is empty");
            return null;
        }
        Template t = templates.get(code);
        if (t == null) {
            out.fail(type, id, "TEMPLATE_NOT_FOUND", "SYNC-6: customer template " + code + " does not exist in the ERP company");
            return null;
        }
        if (!t.missingFields().isEmpty()) {
            out.fail(type, id, "TEMPLATE_INCOMPLETE", "SYNC-7: customer template " + code + " lacks " + String.join(", ", t.missingFields()));
            return null;
        }
        return new NewCard(reference, cardData(s, firstName, lastName, a, phone, email), t,
                row == null ? null : row.vatBusPostingGroup(), row == null ? null : row.taxAreaCode());
    }
}
