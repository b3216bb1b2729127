package io.merchantdesk.sync.naming;

/**
 * A person's name in one field (SYNC-13), first name first ("Kari Anne Nordmann": the first word is the first name,
 * the rest the last name) or last name first ("Nordmann Kari": the last word is the first name, the rest the last name).
 */
public final class PersonName implements NameStrategy {
    static final PersonName FIRST_NAME_FIRST = new PersonName(false);
    static final PersonName LAST_NAME_FIRST = new PersonName(true);

    private final boolean lastNameFirst;

    private PersonName(boolean lastNameFirst) {
        this.lastNameFirst = lastNameFirst;
    }

    @Override
    public String compose(String firstName, String lastName, String company) {
        return lastNameFirst ? NameStrategy.join(lastName, firstName) : NameStrategy.join(firstName, lastName);
    }

    @Override
    public String[] split(String value) {
        String v = value.trim();
        int space = lastNameFirst ? v.lastIndexOf(' ') : v.indexOf(' ');
        if (space < 0) return new String[] {v, ""};
        String first = lastNameFirst ? v.substring(space + 1) : v.substring(0, space);
        String last = lastNameFirst ? v.substring(0, space) : v.substring(space + 1);
        return new String[] {first, last.trim()};
    }
}
