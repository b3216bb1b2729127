package io.merchantdesk.sync.naming;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** SYNC-15: whether the ERP county field holds the state/province code or its name. */
@RegisterForReflection
@Schema(name = "CountySource", description = "What the ERP card's county field holds (SYNC-15). CODE = the address's state/province "
        + "code (e.g. CA); NAME = the state/province name (e.g. California).")
public enum CountySource {
    CODE {
        @Override public String toErp(String provinceCode, String province) { return blankToNull(provinceCode); }
        @Override public String[] toStore(String county) { return new String[] {blankToNull(county), null}; }
    },
    NAME {
        @Override public String toErp(String provinceCode, String province) { return blankToNull(province); }
        @Override public String[] toStore(String county) { return new String[] {null, blankToNull(county)}; }
    };

    /** The ERP county from a store address. */
    public abstract String toErp(String provinceCode, String province);

    /** {provinceCode, province} of a store address from the ERP county. */
    public abstract String[] toStore(String county);

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
