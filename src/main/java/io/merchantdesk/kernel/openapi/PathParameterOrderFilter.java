package io.merchantdesk.kernel.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Lists path parameters in the order of the path template ({@code /stores/{storeId}/orders/{orderId}} gives
 * {@code storeId, orderId}); the scanner sorts them by name. Generated SDKs take parameters in document order, so
 * without this {@code getOrder(orderId, storeId)} would invite swapping two UUIDs. Other parameters keep their order
 * after the path ones. Runs at build time, so the stored {@code target/openapi} document has it too.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PathParameterOrderFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Operation op : item.getOperations().values()) {
                reorder(path, op);
            }
        });
    }

    private static void reorder(String path, Operation op) {
        List<Parameter> params = op.getParameters();
        if (params == null || params.size() < 2) {
            return;
        }
        List<Parameter> pathParams = new ArrayList<>(params.stream().filter(p -> p.getIn() == Parameter.In.PATH).toList());
        pathParams.sort(Comparator.comparingInt(p -> {
            int at = path.indexOf("{" + p.getName() + "}");
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        List<Parameter> ordered = new ArrayList<>(pathParams);
        params.stream().filter(p -> p.getIn() != Parameter.In.PATH).forEach(ordered::add);
        op.setParameters(ordered);
    }
}
