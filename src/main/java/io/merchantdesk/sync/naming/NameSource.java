package io.merchantdesk.sync.naming;

/** The nameSource / name2Source / contactSource settings; each value carries its strategy. */
public enum NameSource {
    FIRST_AND_LAST_NAME(new FirstAndLastName()),
    LAST_AND_FIRST_NAME(new LastAndFirstName()),
    COMPANY_NAME(new CompanyName()),
    NONE(new NoName());

    private final NameStrategy strategy;

    NameSource(NameStrategy strategy) {
        this.strategy = strategy;
    }

    public NameStrategy strategy() {
        return strategy;
    }
}
