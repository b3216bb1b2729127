package io.merchantdesk.sync.naming;

/** The field is not mapped. */
public final class NoName implements NameStrategy {
    @Override
    public String compose(String firstName, String lastName, String company) {
        return null;
    }

    @Override
    public String[] split(String value) {
        return null;
    }
}
