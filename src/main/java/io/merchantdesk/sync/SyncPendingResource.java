package io.merchantdesk.sync;

import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.merchantdesk.sync.run.SyncRunService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores/{storeId}/sync-pending")
@Authenticated
@Tag(name = "ERP sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncPendingResource {
    @Inject
    SyncRunService runs;

    @Inject
    SyncAccess access;

    @GET
    @Operation(operationId = "listSyncPending", summary = "The store's pending sync work: failed records waiting for a retry, skipped ones waiting for a settings change",
            description = """
                    A record whose last evaluation failed is retried by later runs of its kind with a doubling backoff
                    (merchantdesk.sync.retry-backoff), at most merchantdesk.sync.retry-max-attempts times (then nextAttemptAt is null).
                    A skipped record waits for a settings change. Changing the ERP connection, a per-country row or a template of the
                    ERP company makes every pending record due at once; a FULL run takes them all. A record evaluated cleanly leaves
                    the list. Each record carries its subject: the store customer's, order's (with its customer) or ERP customer's
                    name, e-mail and phone and the ids to open it (exists false: deleted since). Ordered by record type and id,
                    keyset-paged.""")
    @APIResponse(responseCode = "200", description = "A page of pending records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PendingPage.class)))
    public Page<PendingView> list(@PathParam("storeId") UUID storeId,
                                  @Parameter(description = "Only FAILED or only SKIPPED records") @QueryParam("outcome") RecordOutcome outcome,
                                  @BeanParam @Valid PageParams page) {
        access.runs(storeId);
        return runs.pending(storeId, outcome, page);
    }
}
