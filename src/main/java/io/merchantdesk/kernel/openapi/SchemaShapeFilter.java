package io.merchantdesk.kernel.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Keeps a {@code $ref} alone with its annotations: the scanner writes {@code "type": "string"} beside the
 * reference when a {@code UUID} or {@code Instant} field carries a description, and generators then clear the
 * type with a warning ("Type(s) cleared"). The referenced schema says the type; the reference keeps its
 * description, examples and default. Runs at build time, so the stored {@code target/openapi} document has it too.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class SchemaShapeFilter implements OASFilter {
    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getRef() != null) {
            schema.setType(null);
            schema.setFormat(null);
            schema.setPattern(null);
        }
        return schema;
    }
}
