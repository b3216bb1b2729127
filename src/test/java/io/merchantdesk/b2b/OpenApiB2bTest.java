package io.merchantdesk.b2b;

import static io.merchantdesk.b2b.B2bFixtures.*;
import static io.merchantdesk.support.Stores.*;
import static io.merchantdesk.openapi.ServedOpenApi.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.merchantdesk.openapi.ServedOpenApi;
import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 15: the B2B part of the OpenAPI document says what validation and the service really do. */
@QuarkusTest
class OpenApiB2bTest {
    private static final Set<String> B2B_TAGS = Set.of("Customers", "Orders", "Companies");

    private static JsonNode schema(String name) {
        return ServedOpenApi.schema(document(), name);
    }

    @Test
    @DisplayName("LineItem.quantity is required in the schema, as validation requires it (a missing quantity is 400 on lineItems[0].quantity)")
    void lineItemQuantityIsRequired() {
        assertTrue(required(schema("LineItem")).contains("quantity"), "LineItem.required lists quantity");
        var alice = Api.user("alice");
        String store = store(alice);
        String ada = customer(alice, store);
        Map<String, Object> body = new HashMap<>(orderBody(ada, null));
        body.put("lineItems", List.of(Map.of("title", "Walnut desk", "unitPrice", "125.50")));
        alice.as().body(body).post("/stores/" + store + "/orders").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("lineItems[0].quantity"));
    }

    @Test
    @DisplayName("every B2B request schema marks as required exactly the fields validation requires (@NotNull, @NotBlank, @NotEmpty), and no primitive hides a minimum")
    void requestSchemasRequireWhatValidationRequires() {
        List<String> defects = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : B2bDtos.class.getDeclaredClasses()) {
            if (!type.isRecord()) continue;
            String name = type.getAnnotation(Schema.class) == null ? type.getSimpleName() : type.getAnnotation(Schema.class).name();
            boolean input = name.endsWith("Request") || Set.of("Address", "LineItem", "LocationRole", "CustomerAddressInput").contains(name);
            if (!input) continue;
            checked++;
            Set<String> expected = new TreeSet<>();
            for (RecordComponent c : type.getRecordComponents()) {
                var accessor = c.getAccessor(); // constraints propagate to the accessor, not to the record component
                if (accessor.isAnnotationPresent(NotNull.class) || accessor.isAnnotationPresent(NotBlank.class)
                        || accessor.isAnnotationPresent(NotEmpty.class)) {
                    expected.add(c.getName());
                }
                Min min = accessor.getAnnotation(Min.class);
                if (c.getType().isPrimitive() && min != null && min.value() > 0) {
                    defects.add(name + "." + c.getName() + ": a primitive with @Min(" + min.value() + ") is required in effect but optional in the schema");
                }
            }
            Set<String> documented = required(schema(name));
            if (!expected.equals(documented)) defects.add(name + ": validation requires " + expected + ", the schema " + documented);
        }
        assertTrue(checked >= 12, "the request records were found (" + checked + ")");
        assertTrue(defects.isEmpty(), String.join("\n", defects));
    }

    @Test
    @DisplayName("every operation of Customers, Orders and Companies has a description")
    void everyB2bOperationHasADescription() {
        List<Operation> b2b = operations(document()).stream().filter(o -> o.taggedAnyOf(B2B_TAGS)).toList();
        List<String> missing = b2b.stream().filter(o -> o.description().isBlank()).map(Operation::where).toList();
        assertEquals(28, b2b.size(), "the B2B operations, including the six of issue 15");
        assertTrue(missing.isEmpty(), "operations without a description:\n" + String.join("\n", missing));
    }

    @Test
    @DisplayName("every B2B enum schema has a description explaining each of its values")
    void everyB2bEnumExplainsItsValues() {
        List<String> defects = enumDefects(document(), List.of("ContactRole", "OrderStatus", "OrderType", "CreatableStatus"),
                (description, value) -> description.contains(value + ":"));
        assertTrue(defects.isEmpty(), String.join("\n", defects));
    }
}
