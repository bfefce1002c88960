package io.aitmdefense.posture.devicefilter;

import java.util.Locale;
import java.util.Optional;

/**
 * Device-filter operators. Positive operators are false on a null attribute and negative ones true: that is the
 * documented rule for unregistered devices (every attribute null), and for registered devices lacking an attribute.
 */
public enum FilterOperator {
    EQ("-eq", true), NE("-ne", false),
    STARTS_WITH("-startsWith", true), NOT_STARTS_WITH("-notStartsWith", false),
    ENDS_WITH("-endsWith", true), NOT_ENDS_WITH("-notEndsWith", false),
    CONTAINS("-contains", true), NOT_CONTAINS("-notContains", false),
    IN("-in", true), NOT_IN("-notIn", false);

    private final String token;
    private final boolean positive;

    FilterOperator(String token, boolean positive) {
        this.token = token;
        this.positive = positive;
    }

    public String token() {
        return token;
    }

    public boolean positive() {
        return positive;
    }

    public boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    static Optional<FilterOperator> parse(String token) {
        for (FilterOperator op : values()) {
            if (op.token.toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) return Optional.of(op);
        }
        return Optional.empty();
    }
}
