package io.merchantdesk.sync.naming;

/** The field holds the company name of the address. */
public final class CompanyName implements NameStrategy {
    @Override
    public String compose(String firstName, String lastName, String company) {
        return company == null || company.isBlank() ? null : company.trim();
    }

    @Override
    public String[] split(String value) {
        return null;
    }

    @Override
    public boolean holdsCompany() {
        return true;
    }
}
