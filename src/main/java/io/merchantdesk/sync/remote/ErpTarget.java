package io.merchantdesk.sync.remote;

import io.merchantdesk.sync.engine.Model.Template;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * What a remote adapter needs to open a session with an ERP company's system: where it is, who logs in (the secret
 * opened from its sealed form, in memory only), and the connector's customer templates, which merchantdesk keeps for
 * every kind. Tryton uses endpoint, database, login and secret; Business Central endpoint (the API root), authority
 * (the token service), tenant, environment, remote company id, login (client id) and secret (client secret).
 */
public record ErpTarget(UUID companyId, URI endpoint, String database, String login, String secret, String tenantId,
                        String environment, UUID remoteCompanyId, URI authority, Map<String, Template> templates) {
    @Override
    public String toString() { // never the secret
        return "ErpTarget[" + companyId + " " + endpoint + (database == null ? "" : " db " + database) + " as " + login + "]";
    }
}
