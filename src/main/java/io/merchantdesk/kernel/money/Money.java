package io.merchantdesk.kernel.money;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.merchantdesk.kernel.error.ProblemException;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An amount with its ISO 4217 currency; the amount travels as a decimal string so no client rounds it. */
@RegisterForReflection
@Schema(name = "Money", description = "Money as a decimal string and an ISO 4217 currency")
public record Money(
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        @Schema(type = SchemaType.STRING, format = "decimal", examples = "12.50") BigDecimal amount,
        @Schema(examples = "USD") String currency) {

    /** Rounds to the currency's minor unit (at least two decimals shown). */
    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(Math.max(2, Currencies.digits(currency)), RoundingMode.HALF_EVEN), currency);
    }

    /** ISO 4217 codes known to the JDK. */
    public static final class Currencies {
        private Currencies() {}

        public static boolean isValid(String code) {
            if (code == null || !code.matches("[A-Z]{3}")) return false;
            try {
                Currency.getInstance(code);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        public static String require(String field, String code) {
            if (!isValid(code)) {
                throw ProblemException.invalidField(field, "'" + code + "' is not an ISO 4217 currency code");
            }
            return code;
        }

        static int digits(String code) {
            return isValid(code) ? Math.max(0, Currency.getInstance(code).getDefaultFractionDigits()) : 2;
        }
    }
}
