package io.merchantdesk.sync.naming;

/** "Nordmann Kari": the last word is the first name, the rest the last name (SYNC-13). */
public final class LastAndFirstName implements NameStrategy {
    @Override
    public String compose(String firstName, String lastName, String company) {
        return NameStrategy.join(lastName, firstName);
    }

    @Override
    public String[] split(String value) {
        String v = value.trim();
        int space = v.lastIndexOf(' ');
        return space < 0 ? new String[] {v, ""} : new String[] {v.substring(space + 1), v.substring(0, space).trim()};
    }
}
