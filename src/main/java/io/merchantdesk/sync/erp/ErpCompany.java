package io.merchantdesk.sync.erp;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * An ERP company, owned by a user the way a store is. BUILT_IN: a customer register in merchantdesk's schema;
 * TRYTON: a Tryton database with its connection (the password only as a {@code kernel.secrets.Secrets}
 * ciphertext bound to this row's id; V33). BUSINESS_CENTRAL: a BC company, with endpoint = the API root, login = the app
 * registration's client id and the sealed password = its client secret (V34).
 */
@Entity
@Table(name = "erp_companies")
public class ErpCompany extends BaseEntity {
    public String name;
    public UUID ownerId;
    public String customerNoPrefix = "C";
    public int customerNoWidth = 5;

    /** Next number of the customer number series; reserved in blocks by an UPDATE ... RETURNING. */
    public long nextCustomerNo = 10;

    @Enumerated(EnumType.STRING)
    public ErpKind kind = ErpKind.BUILT_IN;

    /** TRYTON: trytond's base URL (JSON-RPC at {@code <endpoint>/<databaseName>/}). */
    public String endpoint;
    public String databaseName;
    public String login;
    /** TRYTON: the password sealed by {@code Secrets} with this row's id as associated data; never answered. */
    public byte[] passwordCiphertext;
    /** The keyset key that sealed {@link #passwordCiphertext} (rotation: rows still on an old key). */
    public Long credentialsKeyId;

    /** BUSINESS_CENTRAL (V34): the Entra tenant, the BC environment, the company's id in BC, the token service's base URL. */
    public String tenantId;
    public String environment;
    public UUID remoteCompanyId;
    public String authority;

    @Override
    public String toString() { // never the ciphertext (nor anything derived from the password)
        return "ErpCompany[" + id + " " + kind + "]";
    }
}
