package io.aitmdefense.posture.devicefilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsed device-filter rule tree. */
public sealed interface FilterExpression {

    boolean matches(Map<String, List<String>> properties);

    /** {@code device.<attribute> <operator> <value(s)>}; {@code property} keeps the written name (extensionAttribute7). */
    record Comparison(DeviceAttribute attribute, String property, FilterOperator operator, List<String> values)
            implements FilterExpression {

        public Comparison {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(Map<String, List<String>> properties) {
            List<String> actual = lookup(properties, property);
            if (actual == null || actual.isEmpty()) return !operator.positive();
            if (attribute.collection()) {
                boolean any = actual.stream().anyMatch(a -> values.stream().anyMatch(a::equalsIgnoreCase));
                return operator.positive() == any;
            }
            String a = actual.get(0).toLowerCase(Locale.ROOT);
            String v = values.get(0).toLowerCase(Locale.ROOT);
            return switch (operator) {
                case EQ -> a.equals(v);
                case NE -> !a.equals(v);
                case STARTS_WITH -> a.startsWith(v);
                case NOT_STARTS_WITH -> !a.startsWith(v);
                case ENDS_WITH -> a.endsWith(v);
                case NOT_ENDS_WITH -> !a.endsWith(v);
                case CONTAINS -> a.contains(v);
                case NOT_CONTAINS -> !a.contains(v);
                case IN -> values.stream().anyMatch(x -> x.equalsIgnoreCase(a));
                case NOT_IN -> values.stream().noneMatch(x -> x.equalsIgnoreCase(a));
            };
        }

        private static List<String> lookup(Map<String, List<String>> properties, String name) {
            List<String> direct = properties.get(name);
            if (direct != null) return direct;
            for (Map.Entry<String, List<String>> e : properties.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
            }
            return null;
        }
    }

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean matches(Map<String, List<String>> properties) {
            return left.matches(properties) && right.matches(properties);
        }
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean matches(Map<String, List<String>> properties) {
            return left.matches(properties) || right.matches(properties);
        }
    }
}
