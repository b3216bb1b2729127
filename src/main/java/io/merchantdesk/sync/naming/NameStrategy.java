package io.merchantdesk.sync.naming;

/** How one ERP name field (Name, Name 2, Contact) relates to a store customer's names: composing and splitting. */
public interface NameStrategy {
    /** The ERP field from a person's names and company (import, SYNC-6); null when this source fills nothing. */
    String compose(String firstName, String lastName, String company);

    /** First and last name read from the ERP field (export, SYNC-13); null when this source does not hold a person's name. */
    String[] split(String value);

    /** Whether the field holds the company name (SYNC-14). */
    default boolean holdsCompany() {
        return false;
    }

    static String join(String a, String b) {
        String x = a == null ? "" : a.trim();
        String y = b == null ? "" : b.trim();
        String joined = (x + " " + y).trim();
        return joined.isEmpty() ? null : joined;
    }
}
