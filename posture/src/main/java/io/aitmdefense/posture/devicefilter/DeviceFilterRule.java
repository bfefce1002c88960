package io.aitmdefense.posture.devicefilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Conditional Access device-filter rule: {@code device.<attribute> -<operator> <value>} joined by {@code -and} /
 * {@code -or} with parentheses ({@code -and} binds tighter). Values are quoted strings, bare words ({@code True}) or
 * lists {@code ["a","b"]}. Bare {@code and}/{@code or} are accepted because Microsoft's own articles write them.
 * Attribute names and values compare case-insensitively.
 */
public final class DeviceFilterRule {

    /** Entra rejects longer rules. */
    public static final int MAX_LENGTH = 3072;

    private final String text;
    private final FilterExpression expression;

    private DeviceFilterRule(String text, FilterExpression expression) {
        this.text = text;
        this.expression = expression;
    }

    public static DeviceFilterRule parse(String rule) throws DeviceFilterSyntaxException {
        if (rule.length() > MAX_LENGTH) {
            throw new DeviceFilterSyntaxException("rule longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        Parser p = new Parser(rule);
        FilterExpression e = p.or();
        p.skipSpace();
        if (!p.end()) throw new DeviceFilterSyntaxException("unexpected text '" + p.rest() + "'", p.pos);
        return new DeviceFilterRule(rule, e);
    }

    /** Properties by attribute name; a missing attribute is null (an unregistered device has none). */
    public boolean matches(Map<String, List<String>> properties) {
        return expression.matches(properties);
    }

    public FilterExpression expression() {
        return expression;
    }

    public String text() {
        return text;
    }

    /** Every comparison in the rule, left to right (for lints such as user-modifiable attributes). */
    public List<FilterExpression.Comparison> comparisons() {
        List<FilterExpression.Comparison> out = new ArrayList<>();
        collect(expression, out);
        return out;
    }

    private static void collect(FilterExpression e, List<FilterExpression.Comparison> out) {
        if (e instanceof FilterExpression.Comparison c) out.add(c);
        else if (e instanceof FilterExpression.And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (e instanceof FilterExpression.Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        FilterExpression or() throws DeviceFilterSyntaxException {
            FilterExpression left = and();
            while (keyword("or")) left = new FilterExpression.Or(left, and());
            return left;
        }

        FilterExpression and() throws DeviceFilterSyntaxException {
            FilterExpression left = primary();
            while (keyword("and")) left = new FilterExpression.And(left, primary());
            return left;
        }

        FilterExpression primary() throws DeviceFilterSyntaxException {
            skipSpace();
            if (peek() == '(') {
                pos++;
                FilterExpression inner = or();
                skipSpace();
                if (peek() != ')') throw new DeviceFilterSyntaxException("missing ')'", pos);
                pos++;
                return inner;
            }
            return comparison();
        }

        FilterExpression.Comparison comparison() throws DeviceFilterSyntaxException {
            skipSpace();
            int start = pos;
            String word = word();
            if (word.isEmpty()) throw new DeviceFilterSyntaxException("expected device.<attribute>", start);
            String property = word.toLowerCase(Locale.ROOT).startsWith("device.") ? word.substring(7) : word;
            DeviceAttribute attribute = DeviceAttribute.parse(property).orElseThrow(() ->
                    new DeviceFilterSyntaxException("unknown device attribute '" + property + "'", start));
            skipSpace();
            int opStart = pos;
            String opText = word();
            FilterOperator op = FilterOperator.parse(opText).orElseThrow(() ->
                    new DeviceFilterSyntaxException("unknown operator '" + opText + "'", opStart));
            if (!attribute.allows(op)) {
                throw new DeviceFilterSyntaxException("operator " + op.token() + " is not allowed on "
                        + attribute.attributeName(), opStart);
            }
            skipSpace();
            List<String> values = new ArrayList<>();
            if (peek() == '[') {
                pos++;
                while (true) {
                    skipSpace();
                    if (peek() == ']') {
                        pos++;
                        break;
                    }
                    values.add(value());
                    skipSpace();
                    if (peek() == ',') pos++;
                    else if (peek() != ']') throw new DeviceFilterSyntaxException("expected ',' or ']'", pos);
                }
                if (!op.takesList()) {
                    throw new DeviceFilterSyntaxException(op.token() + " takes one value, not a list", opStart);
                }
            } else {
                values.add(value());
            }
            if (values.isEmpty()) throw new DeviceFilterSyntaxException("empty value list", pos);
            return new FilterExpression.Comparison(attribute, property, op, values);
        }

        String value() throws DeviceFilterSyntaxException {
            skipSpace();
            char q = peek();
            if (q == '"' || q == '\'') {
                int start = pos++;
                StringBuilder b = new StringBuilder();
                while (!end() && peek() != q) b.append(s.charAt(pos++));
                if (end()) throw new DeviceFilterSyntaxException("unterminated string", start);
                pos++;
                return b.toString();
            }
            int start = pos;
            while (!end() && !Character.isWhitespace(peek()) && peek() != ')' && peek() != ',' && peek() != ']') pos++;
            if (start == pos) throw new DeviceFilterSyntaxException("expected a value", start);
            return s.substring(start, pos);
        }

        /** Consumes {@code -and}/{@code and} (or {@code or}) when it is next, as a whole word. */
        boolean keyword(String kw) {
            skipSpace();
            int save = pos;
            if (peek() == '-') pos++;
            String w = word();
            if (w.equalsIgnoreCase(kw)) return true;
            pos = save;
            return false;
        }

        String word() {
            int start = pos;
            while (!end() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_'
                    || (peek() == '-' && pos == start))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        void skipSpace() {
            while (!end() && Character.isWhitespace(peek())) pos++;
        }

        char peek() {
            return end() ? '\0' : s.charAt(pos);
        }

        boolean end() {
            return pos >= s.length();
        }

        String rest() {
            return s.substring(pos, Math.min(s.length(), pos + 30));
        }
    }

    /** Parses, returning empty instead of throwing (for callers that report the reason separately). */
    public static Optional<DeviceFilterRule> tryParse(String rule) {
        try {
            return Optional.of(parse(rule));
        } catch (DeviceFilterSyntaxException e) {
            return Optional.empty();
        }
    }
}
