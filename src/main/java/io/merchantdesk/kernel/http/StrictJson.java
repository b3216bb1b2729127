package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.regex.Pattern;

/**
 * Strict JSON for every request body: a duplicate key is an error (not "last one wins"), strings must be
 * storable text, and decimals must fit what a money or quantity column can hold. Failures surface as Jackson
 * exceptions that ProblemMappers turns into 400 problems naming the field. Decimals travel as strings both ways
 * ({@code "19.99"}), as the document says: a JSON number for a decimal is refused, since a client that sends one
 * has already rounded it through a binary float.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    /** Larger decimals than this are refused at the edge; PostgreSQL numeric columns of the schema hold far less. */
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 12;
    /** Plain decimal notation (no exponent, no NaN): what the document's Decimal schema allows, bounds checked after. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

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

    /**
     * Refuses a value: while a request body is read the refusal is recorded and reading goes on
     * ({@link BodyFieldProblems}, every offending field in one answer); elsewhere it throws at once.
     */
    static <T> T refuse(JsonParser p, String code, String message, Object value, Class<?> type) throws RefusedValue {
        if (BodyFieldProblems.recording()) {
            BodyFieldProblems.record(p, code, message);
            return null;
        }
        throw new RefusedValue(p, code, message, value, type);
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(64).maxStringLength(1_000_000).build());
        SimpleModule module = new SimpleModule("merchantdesk-strict-json");
        module.addDeserializer(String.class, new CleanString());
        module.addDeserializer(BigDecimal.class, new BoundedDecimal());
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(double.class, new FiniteDouble(double.class, 0.0));
        mapper.registerModule(module);
        mapper.addHandler(new BodyFieldProblems.Handler());
    }

    static final class CleanString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // Jackson would turn 42 or true into "42"/"true"; in a request body text must be a JSON string, as documented.
            if (BodyFieldProblems.recording() && p.currentToken() != null && p.currentToken().isScalarValue()
                    && p.currentToken() != JsonToken.VALUE_STRING && p.currentToken() != JsonToken.VALUE_NULL) {
                return refuse(p, "INVALID_FIELD_TYPE", "expected string", Text.abbreviate(p.getText()), String.class);
            }
            String value = super.deserialize(p, ctxt);
            String problem = Text.problem(value);
            if (problem != null) {
                return refuse(p, "INVALID_TEXT", problem, Text.abbreviate(value), String.class);
            }
            return value;
        }
    }

    static final class BoundedDecimal extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // Only a request body must write decimals as strings: JSON stored by Hibernate's own mapper (line items)
            // holds them as numbers, and reading it must not fail.
            if (BodyFieldProblems.recording() && p.currentToken() != JsonToken.VALUE_STRING) {
                if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) p.skipChildren();
                return refuse(p, "INVALID_FIELD_TYPE", "must be a decimal written as a string, e.g. \"19.99\"",
                        Text.abbreviate(p.getText()), BigDecimal.class);
            }
            String text = p.getText();
            if (p.currentToken() == JsonToken.VALUE_STRING && !DECIMAL.matcher(text).matches()) {
                return refuse(p, "INVALID_FIELD_VALUE", "must be a decimal such as \"19.99\"", Text.abbreviate(text), BigDecimal.class);
            }
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null && (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS)) {
                return refuse(p, "NUMBER_OUT_OF_RANGE", "must have at most " + MAX_INTEGER_DIGITS
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
                return refuse(p, "NUMBER_OUT_OF_RANGE", "must be a finite number", Text.abbreviate(p.getText()), Double.class);
            }
            return value;
        }
    }
}
