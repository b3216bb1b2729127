package io.merchantdesk.sync;

import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.kernel.security.Roles;
import io.merchantdesk.sync.SyncDtos.*;
import io.merchantdesk.sync.run.SyncRunService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores/{storeId}/sync-runs")
@Authenticated
@Tag(name = "ERP sync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SyncRunResource {
    @Inject
    SyncRunService runs;

    @Inject
    SyncAccess access;

    @Inject
    CurrentUser currentUser;

    @POST
    @Operation(operationId = "startSyncRun",
            summary = "Start a sync run (by hand or from a CronJob with the sync-operator role); it executes in the background",
            description = """
                    Starts a CUSTOMERS or ORDERS run of the store (SYNC-17, SYNC-18) and answers 202 at once; poll the Location for the end.
                    INCREMENTAL (default) evaluates exactly the changes committed since the last successful run (a change committed a
                    moment before the request is included; none is missed or evaluated twice) plus the pending records whose retry is due;
                    when the previous run of this kind did not finish it is resumed instead (resumedFrom). FULL evaluates every record
                    again, e.g. after a settings change that should reach records which did not change. At most one run per store and kind
                    runs at a time across all replicas: a second start gets 409 SYNC_RUN_IN_PROGRESS with the running run's id. A run ends
                    SUCCEEDED, SUCCEEDED_WITH_ERRORS (some records failed: see /errors; they are retried by later runs) or FAILED (resumed
                    by the next start). Needs MANAGE_ERP_SYNC on the store or the sync-operator role.""")
    @APIResponse(responseCode = "202", description = "The run, accepted and running (poll its Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "SYNC_RUN_IN_PROGRESS: a run of this kind is going for the store; resourceId is its id")
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection")
    public Response start(@PathParam("storeId") UUID storeId, @Valid @NotNull StartRunRequest request) {
        access.runs(storeId);
        String trigger = currentUser.hasRole(Roles.SYNC_OPERATOR) ? "OPERATOR" : "MANUAL";
        RunView run = runs.start(storeId, request.kind(), request.mode(), trigger, request.batchSize(), currentUser.id());
        return Response.accepted(run).location(URI.create("/stores/" + storeId + "/sync-runs/" + run.id())).build();
    }

    @GET
    @Operation(operationId = "listSyncRuns", summary = "The store's sync runs, newest first",
            description = "Every run of the store (optionally of one kind) with status, counters and skip reasons, newest first, keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunPage.class)))
    public Page<RunView> list(@PathParam("storeId") UUID storeId, @Parameter(description = "Only this kind") @QueryParam("kind") SyncKind kind,
                              @BeanParam @Valid PageParams page) {
        access.runs(storeId);
        return runs.list(storeId, kind, page);
    }

    @GET
    @Path("/{runId}")
    @Operation(operationId = "getSyncRun", summary = "A sync run: status, progress, counters and the first per-record errors",
            description = """
                    One run: status (stale: RUNNING without a heartbeat, its process died), phase, counters (processed, created, updated,
                    linked, skipped, failed), skipped records counted by reason code, records per second and the first 50 per-record
                    errors. All errors: /errors; every skipped record with its reason: /records?outcome=SKIPPED.""")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    public RunView get(@PathParam("storeId") UUID storeId, @PathParam("runId") UUID runId) {
        access.runs(storeId);
        return runs.get(storeId, runId);
    }

    @GET
    @Path("/{runId}/errors")
    @Operation(operationId = "listSyncRunErrors", summary = "All per-record errors of a sync run",
            description = """
                    The records of the run that failed, each with its code, a message naming the rule and the missing field or setting,
                    and its subject (the customer's, order's or ERP customer's name and e-mail and the ids to open it); keyset-paged.""")
    @APIResponse(responseCode = "200", description = "A page of errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunErrorPage.class)))
    public Page<RunErrorView> errors(@PathParam("storeId") UUID storeId, @PathParam("runId") UUID runId, @BeanParam @Valid PageParams page) {
        access.runs(storeId);
        return runs.records(storeId, runId, RecordOutcome.FAILED, page);
    }

    @GET
    @Path("/{runId}/records")
    @Operation(operationId = "listSyncRunRecords", summary = "The failed or the skipped records of a sync run, with their reason codes",
            description = """
                    outcome=SKIPPED (default) lists every record the run left out on purpose, each with its reason code (NOT_LINKED, NO_MATCH,
                    UPDATE_OFF, NO_VALID_EMAIL, IMPORT_OFF), the setting that decided it and its subject (name, e-mail and the ids to open
                    the record); outcome=FAILED lists the errors (as /errors).
                    Skipped and failed records stay pending work of the store (GET /stores/{storeId}/sync-pending) until evaluated cleanly.""")
    @APIResponse(responseCode = "200", description = "A page of records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunErrorPage.class)))
    public Page<RunErrorView> records(@PathParam("storeId") UUID storeId, @PathParam("runId") UUID runId,
                                      @Parameter(description = "FAILED or SKIPPED (default)") @QueryParam("outcome") RecordOutcome outcome,
                                      @BeanParam @Valid PageParams page) {
        access.runs(storeId);
        return runs.records(storeId, runId, outcome == null ? RecordOutcome.SKIPPED : outcome, page);
    }
}
