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
            summary = "Start a sync run (by hand or from a CronJob with the sync-operator role); it executes in the background")
    @APIResponse(responseCode = "202", description = "The run, accepted and running (poll its Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "SYNC_RUN_IN_PROGRESS: a run of this kind is going for the store; resourceId is its id")
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection")
    public Response start(@PathParam("storeId") UUID storeId, @Valid @NotNull StartRunRequest request) {
        access.runs(storeId);
        String trigger = currentUser.hasRole(Roles.SYNC_OPERATOR) ? "OPERATOR" : "MANUAL";
        RunView run = runs.start(storeId, request.kind(), trigger, request.batchSize(), currentUser.id());
        return Response.accepted(run).location(URI.create("/stores/" + storeId + "/sync-runs/" + run.id())).build();
    }

    @GET
    @Operation(operationId = "listSyncRuns", summary = "The store's sync runs, newest first")
    @APIResponse(responseCode = "200", description = "A page of runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunPage.class)))
    public Page<RunView> list(@PathParam("storeId") UUID storeId, @Parameter(description = "Only this kind") @QueryParam("kind") SyncKind kind,
                              @BeanParam @Valid PageParams page) {
        access.runs(storeId);
        return runs.list(storeId, kind, page);
    }

    @GET
    @Path("/{runId}")
    @Operation(operationId = "getSyncRun", summary = "A sync run: status, progress, counters and the first per-record errors")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    public RunView get(@PathParam("storeId") UUID storeId, @PathParam("runId") UUID runId) {
        access.runs(storeId);
        return runs.get(storeId, runId);
    }

    @GET
    @Path("/{runId}/errors")
    @Operation(operationId = "listSyncRunErrors", summary = "All per-record errors of a sync run")
    @APIResponse(responseCode = "200", description = "A page of errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunErrorPage.class)))
    public Page<RunErrorView> errors(@PathParam("storeId") UUID storeId, @PathParam("runId") UUID runId, @BeanParam @Valid PageParams page) {
        access.runs(storeId);
        return runs.errors(storeId, runId, page);
    }
}
