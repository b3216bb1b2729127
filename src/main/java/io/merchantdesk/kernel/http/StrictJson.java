package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.merchantdesk.kernel.text.Text;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Strict JSON for every request body: a duplicate key is an error (not "last one wins"), strings must be
 * storable text, and decimals must fit what a money or quantity column can hold. Failures surface as Jackson
 * exceptions that ProblemMappers turns into 400 problems naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    /** Larger decimals than this are refused at the edge; PostgreSQL numeric columns of the schema hold far less. */
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 12;

    /** A value refused by these rules; carries the problem code ProblemMappers answers with. */
    public static final class RefusedValue extends InvalidFormatException {
        private final String code;

        RefusedValue(JsonParser p, String code, String message, Object value, Class<?> type) {
            super(p, message, value, type);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(64).maxStringLength(1_000_000).build());
        SimpleModule module = new SimpleModule("merchantdesk-strict-json");
        module.addDeserializer(String.class, new CleanString());
        module.addDeserializer(BigDecimal.class, new BoundedDecimal());
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(double.class, new FiniteDouble(double.class, 0.0));
        mapper.registerModule(module);
    }

    static final class CleanString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String problem = Text.problem(value);
            if (problem != null) {
                throw new RefusedValue(p, "INVALID_TEXT", problem, Text.abbreviate(value), String.class);
            }
            return value;
        }
    }

    static final class BoundedDecimal extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null && (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS)) {
                throw new RefusedValue(p, "NUMBER_OUT_OF_RANGE", "must have at most " + MAX_INTEGER_DIGITS
                        + " digits before and " + MAX_FRACTION_DIGITS + " after the decimal point", Text.abbreviate(p.getText()), BigDecimal.class);
            }
            return value;
        }
    }

    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
        FiniteDouble(Class<Double> type, Double empty) {
            super(type, empty);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = super.deserialize(p, ctxt);
            if (value != null && (value.isInfinite() || value.isNaN())) {
                throw new RefusedValue(p, "NUMBER_OUT_OF_RANGE", "must be a finite number", Text.abbreviate(p.getText()), Double.class);
            }
            return value;
        }
    }
}
