package io.aitmdefense.posture.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a device-filter rule ({@code device.isCompliant -eq True -and device.deviceOwnership -eq "Company"})
 * against one of our {@link DeviceState}s. Null attributes follow Entra: positive operators do not match, negative
 * operators ({@code -ne}, {@code -notContains} …) do. A rule it cannot parse counts as not matching.
 */
final class DeviceFilterMatch {

    private final List<String> tokens;
    private final DeviceState device;
    private int pos;

    private DeviceFilterMatch(String rule, DeviceState device) {
        this.tokens = tokenize(rule);
        this.device = device;
    }

    static boolean matches(String rule, DeviceState device) {
        DeviceFilterMatch m = new DeviceFilterMatch(rule, device);
        try {
            boolean result = m.or();
            return m.pos == m.tokens.size() && result;
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private boolean or() {
        boolean v = and();
        while (peekIs("-or", "or")) {
            pos++;
            v = and() | v;
        }
        return v;
    }

    private boolean and() {
        boolean v = term();
        while (peekIs("-and", "and")) {
            pos++;
            v = term() & v;
        }
        return v;
    }

    private boolean term() {
        if (peekIs("(")) {
            pos++;
            boolean v = or();
            expect(")");
            return v;
        }
        if (peekIs("-not", "not")) {
            pos++;
            return !term();
        }
        String attribute = tokens.get(pos++);
        if (!attribute.toLowerCase(Locale.ROOT).startsWith("device.")) throw new IllegalStateException(attribute);
        String operator = tokens.get(pos++).toLowerCase(Locale.ROOT).replaceFirst("^-", "");
        List<String> values = value();
        Optional<List<String>> actual = device.attribute(attribute.substring("device.".length()));
        boolean negative = operator.startsWith("not") || operator.equals("ne");
        if (actual.isEmpty()) return negative;
        String positive = negative ? positiveOf(operator) : operator;
        boolean hit = actual.get().stream().anyMatch(a -> values.stream().anyMatch(v -> compare(positive, a, v)));
        return negative != hit;
    }

    private static String positiveOf(String operator) {
        return operator.equals("ne") ? "eq" : operator.substring(3);
    }

    private static boolean compare(String operator, String actual, String expected) {
        String a = actual.toLowerCase(Locale.ROOT);
        String e = expected.toLowerCase(Locale.ROOT);
        return switch (operator) {
            case "eq", "in" -> a.equals(e);
            case "startswith" -> a.startsWith(e);
            case "endswith" -> a.endsWith(e);
            case "contains" -> a.contains(e);
            default -> throw new IllegalStateException(operator);
        };
    }

    private List<String> value() {
        if (peekIs("[")) {
            pos++;
            List<String> list = new ArrayList<>();
            while (!peekIs("]")) {
                String t = tokens.get(pos++);
                if (!t.equals(",")) list.add(unquote(t));
            }
            pos++;
            return list;
        }
        return List.of(unquote(tokens.get(pos++)));
    }

    private static String unquote(String t) {
        return t.length() >= 2 && (t.startsWith("\"") || t.startsWith("'")) ? t.substring(1, t.length() - 1) : t;
    }

    private boolean peekIs(String... options) {
        if (pos >= tokens.size()) return false;
        for (String o : options) if (tokens.get(pos).equalsIgnoreCase(o)) return true;
        return false;
    }

    private void expect(String token) {
        if (!peekIs(token)) throw new IllegalStateException("expected " + token);
        pos++;
    }

    private static List<String> tokenize(String rule) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < rule.length()) {
            char c = rule.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                int end = rule.indexOf(c, i + 1);
                if (end < 0) end = rule.length() - 1;
                out.add(rule.substring(i, end + 1));
                i = end + 1;
            } else {
                int start = i;
                while (i < rule.length() && !Character.isWhitespace(rule.charAt(i)) && "()[],\"'".indexOf(rule.charAt(i)) < 0) i++;
                out.add(rule.substring(start, i));
            }
        }
        return out;
    }
}
