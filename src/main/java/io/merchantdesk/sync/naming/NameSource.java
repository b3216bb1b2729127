package io.merchantdesk.sync.naming;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The nameSource / name2Source / contactSource settings; each value carries its strategy. */
@RegisterForReflection
@Schema(name = "NameSource", description = "Which store-customer fields fill an ERP name field (nameSource, name2Source, contactSource). "
        + "FIRST_AND_LAST_NAME = \"Ada Lovelace\"; LAST_AND_FIRST_NAME = \"Lovelace Ada\"; COMPANY_NAME = the address's company; "
        + "NONE = the field is left empty.")
public enum NameSource {
    FIRST_AND_LAST_NAME(PersonName.FIRST_NAME_FIRST),
    LAST_AND_FIRST_NAME(PersonName.LAST_NAME_FIRST),
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
