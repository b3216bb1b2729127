package io.merchantdesk.sync.naming;

/** "Kari Anne Nordmann": the first word is the first name, the rest the last name (SYNC-13). */
public final class FirstAndLastName implements NameStrategy {
    @Override
    public String compose(String firstName, String lastName, String company) {
        return NameStrategy.join(firstName, lastName);
    }

    @Override
    public String[] split(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        return space < 0 ? new String[] {v, ""} : new String[] {v.substring(0, space), v.substring(space + 1).trim()};
    }
}
