package io.aitmdefense.detect.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent syntax check for the subset of KQL the exports emit: {@code let} statements, tabular sources
 * ({@code union}, tables, parenthesised queries), the pipe operators {@code where extend project project-away
 * summarize join distinct sort/order top take/limit count serialize mv-expand}, scalar expressions with comparison,
 * string ({@code has}, {@code contains}, {@code matches regex} …), set ({@code in}, {@code in~}, {@code !in}) and range
 * ({@code between}) operators, function calls, {@code dynamic} literals, timespans and every string form. It proves the
 * shape, not the meaning: column names and function names are not looked up.
 */
final class KqlSyntax {

    static final class Error extends RuntimeException {
        Error(String message) {
            super(message);
        }
    }

    private enum Kind { IDENT, STRING, NUMBER, TIMESPAN, OP, EOF }

    private record Token(Kind kind, String text, int line, int column) {
        boolean is(String s) {
            return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(s);
        }

        @Override
        public String toString() {
            return kind == Kind.EOF ? "the end of the query" : "'" + text + "'";
        }
    }

    private static final Set<String> HYPHENATED = Set.of("project-away", "project-keep", "project-rename", "project-reorder",
            "mv-expand", "mv-apply", "make-series");
    private static final Set<String> TIMESPAN_UNITS = Set.of("d", "h", "m", "s", "ms", "microsecond", "tick");
    private static final Set<String> RESERVED = Set.of("by", "on", "and", "or", "let", "where", "extend", "project",
            "summarize", "join", "asc", "desc", "between");
    /** Binary string operators; each may also be negated with '!'. */
    private static final Set<String> STRING_OPS = Set.of("has", "has_cs", "hasprefix", "hassuffix", "contains", "contains_cs",
            "startswith", "startswith_cs", "endswith", "endswith_cs", "like");
    private static final Set<String> LIST_OPS = Set.of("in", "in~", "!in", "!in~", "has_any", "has_all");

    private final List<Token> tokens;
    private int pos;

    private KqlSyntax(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws Error naming the line, column and what was expected */
    static void check(String query) {
        KqlSyntax p = new KqlSyntax(tokenize(query));
        p.query();
    }

    // ------------------------------------------------------------------ tokens

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0, line = 1, lineStart = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (c == '"' || c == '\'' || (c == '@' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\''))) {
                boolean verbatim = c == '@';
                int start = i;
                char q = verbatim ? s.charAt(i + 1) : c;
                i += verbatim ? 2 : 1;
                while (true) {
                    if (i >= s.length() || s.charAt(i) == '\n') throw new Error(line + ":" + col + ": unterminated string");
                    char d = s.charAt(i);
                    if (!verbatim && d == '\\') {
                        i += 2;
                    } else if (d == q) {
                        if (verbatim && i + 1 < s.length() && s.charAt(i + 1) == q) i += 2;
                        else {
                            i++;
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                out.add(new Token(Kind.STRING, s.substring(start, i), line, col));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || (s.charAt(i) == '.' && i + 1 < s.length()
                        && Character.isDigit(s.charAt(i + 1))))) i++;
                int unitStart = i;
                while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
                String unit = s.substring(unitStart, i);
                if (unit.isEmpty()) out.add(new Token(Kind.NUMBER, s.substring(start, i), line, col));
                else if (TIMESPAN_UNITS.contains(unit)) out.add(new Token(Kind.TIMESPAN, s.substring(start, i), line, col));
                else throw new Error(line + ":" + col + ": '" + s.substring(start, i) + "' is neither a number nor a timespan");
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) i++;
                String word = s.substring(start, i);
                for (String h : HYPHENATED) {
                    if (h.startsWith(word + "-") && s.startsWith(h, start)) {
                        i = start + h.length();
                        word = h;
                    }
                }
                if (word.equals("in") && i < s.length() && s.charAt(i) == '~') {
                    i++;
                    word = "in~";
                }
                out.add(new Token(Kind.IDENT, word, line, col));
            } else if (c == '!' && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
                int start = i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                if (i < s.length() && s.charAt(i) == '~') i++;
                out.add(new Token(Kind.OP, s.substring(start, i), line, col));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", "=~", "!~", "<=", ">=", "..").contains(two)) {
                    out.add(new Token(Kind.OP, two, line, col));
                    i += 2;
                } else if ("=<>+-*/%()[]{},;|.:".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OP, String.valueOf(c), line, col));
                    i++;
                } else {
                    throw new Error(line + ":" + col + ": unexpected character '" + c + "'");
                }
            }
        }
        out.add(new Token(Kind.EOF, "", line, i - lineStart + 1));
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean accept(String s) {
        if (peek().is(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private Token expect(String s) {
        if (!peek().is(s)) throw error("expected '" + s + "'");
        return next();
    }

    private String name() {
        Token t = peek();
        if (t.kind() != Kind.IDENT || RESERVED.contains(t.text())) throw error("expected a name");
        return next().text();
    }

    private Error error(String what) {
        Token t = peek();
        return new Error(t.line() + ":" + t.column() + ": " + what + ", found " + t);
    }

    // ------------------------------------------------------------------ statements

    private void query() {
        boolean tabular = false;
        while (peek().kind() != Kind.EOF) {
            if (accept("let")) {
                name();
                expect("=");
                tabularOrScalar();
            } else {
                tabular();
                tabular = true;
            }
            if (!accept(";") && peek().kind() != Kind.EOF) throw error("expected ';' or a pipe '|'");
        }
        if (!tabular) throw error("expected a query after the let statements");
    }

    private void tabularOrScalar() {
        if (peek().is("union") || peek().is("(") && looksTabular()) {
            tabular();
            return;
        }
        expr();
        pipes();
    }

    /** '(' followed by a name and a pipe: a parenthesised query rather than an expression. */
    private boolean looksTabular() {
        return peek(1).kind() == Kind.IDENT && peek(2).is("|");
    }

    private void tabular() {
        source();
        pipes();
    }

    private void source() {
        if (accept("union")) {
            union();
        } else if (accept("(")) {
            tabular();
            expect(")");
        } else {
            name();
            if (accept("(")) args();
        }
    }

    private void union() {
        while (peek().kind() == Kind.IDENT && peek(1).is("=") && !RESERVED.contains(peek().text())) {
            String p = next().text();
            if (!Set.of("kind", "withsource", "isfuzzy").contains(p)) throw error("unknown union parameter '" + p + "'");
            expect("=");
            name();
        }
        do {
            if (accept("(")) {
                tabular();
                expect(")");
            } else {
                name();
            }
        } while (accept(","));
    }

    private void pipes() {
        while (accept("|")) operator();
    }

    private void operator() {
        Token op = peek();
        if (op.kind() != Kind.IDENT) throw error("expected a tabular operator after '|'");
        pos++;
        switch (op.text()) {
            case "where", "filter" -> expr();
            case "extend", "project", "serialize" -> {
                if (op.text().equals("serialize") && (peek().is("|") || peek().is(";") || peek().kind() == Kind.EOF)) return;
                assignments();
            }
            case "project-away", "project-keep", "project-reorder" -> {
                do name(); while (accept(","));
            }
            case "project-rename" -> {
                do {
                    name();
                    expect("=");
                    name();
                } while (accept(","));
            }
            case "summarize" -> summarize();
            case "join", "lookup" -> join();
            case "distinct" -> {
                do expr(); while (accept(","));
            }
            case "sort", "order" -> {
                expect("by");
                sortList();
            }
            case "top" -> {
                expr();
                expect("by");
                sortList();
            }
            case "take", "limit" -> expr();
            case "count" -> {
            }
            case "mv-expand" -> assignments();
            case "as" -> name();
            case "union" -> union();
            default -> {
                pos--;
                throw error("unknown tabular operator");
            }
        }
    }

    private void summarize() {
        boolean any = false;
        if (!peek().is("by")) {
            assignments();
            any = true;
        }
        if (accept("by")) {
            assignments();
            any = true;
        }
        if (!any) throw error("summarize needs aggregations or a 'by' clause");
    }

    private void join() {
        while (peek().kind() == Kind.IDENT && peek(1).is("=") && !peek().is("on")) {
            String p = next().text();
            if (!p.equals("kind") && !p.startsWith("hint")) throw error("unknown join parameter '" + p + "'");
            expect("=");
            name();
        }
        if (accept("(")) {
            tabular();
            expect(")");
        } else {
            name();
        }
        expect("on");
        do expr(); while (accept(","));
    }

    private void sortList() {
        do {
            expr();
            if (!accept("asc")) accept("desc");
            if (accept("nulls") && !accept("first")) expect("last");
        } while (accept(","));
    }

    private void assignments() {
        do {
            if (peek().kind() == Kind.IDENT && peek(1).is("=") && !RESERVED.contains(peek().text())) {
                pos += 2;
            }
            expr();
        } while (accept(","));
    }

    // ------------------------------------------------------------------ expressions

    private void expr() {
        and();
        while (accept("or")) and();
    }

    private void and() {
        comparison();
        while (accept("and")) comparison();
    }

    private void comparison() {
        additive();
        Token t = peek();
        if (t.kind() == Kind.OP && List.of("==", "!=", "=~", "!~", "<", "<=", ">", ">=").contains(t.text())) {
            pos++;
            additive();
        } else if (LIST_OPS.contains(t.text()) && (t.kind() == Kind.IDENT || t.kind() == Kind.OP)) {
            pos++;
            expect("(");
            if (peek().is(")")) throw error("an empty list");
            do expr(); while (accept(","));
            expect(")");
        } else if (t.is("between") || t.is("!between")) {
            pos++;
            expect("(");
            expr();
            expect("..");
            expr();
            expect(")");
        } else if (t.is("matches")) {
            pos++;
            expect("regex");
            additive();
        } else if ((t.kind() == Kind.IDENT && STRING_OPS.contains(t.text()))
                || (t.kind() == Kind.OP && t.text().startsWith("!") && STRING_OPS.contains(t.text().substring(1)))) {
            pos++;
            additive();
        }
    }

    private void additive() {
        multiplicative();
        while (peek().is("+") || peek().is("-")) {
            pos++;
            multiplicative();
        }
    }

    private void multiplicative() {
        unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            pos++;
            unary();
        }
    }

    private void unary() {
        if (peek().is("-") || peek().is("+")) pos++;
        primary();
        while (true) {
            if (accept(".")) {
                name();
            } else if (accept("[")) {
                expr();
                expect("]");
            } else {
                return;
            }
        }
    }

    private void primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER, STRING, TIMESPAN -> pos++;
            case IDENT -> {
                if (t.is("dynamic")) {
                    pos++;
                    expect("(");
                    json();
                    expect(")");
                } else if (peek(1).is("(")) {
                    pos += 2;
                    args();
                } else {
                    name();
                }
            }
            case OP -> {
                if (!accept("(")) throw error("expected an expression");
                expr();
                expect(")");
            }
            default -> throw error("expected an expression");
        }
    }

    /** Call arguments after '(' up to and including ')': expressions, '*' or nothing. */
    private void args() {
        if (accept(")")) return;
        do {
            if (!accept("*")) expr();
        } while (accept(","));
        expect(")");
    }

    private void json() {
        if (accept("[")) {
            if (accept("]")) return;
            do json(); while (accept(","));
            expect("]");
        } else if (accept("{")) {
            if (accept("}")) return;
            do {
                if (peek().kind() != Kind.STRING) throw error("expected a string key");
                pos++;
                expect(":");
                json();
            } while (accept(","));
            expect("}");
        } else if (peek().kind() == Kind.STRING || peek().kind() == Kind.NUMBER || peek().is("true") || peek().is("false")
                || peek().is("null")) {
            pos++;
        } else if (peek().is("-") && peek(1).kind() == Kind.NUMBER) {
            pos += 2;
        } else {
            throw error("expected a JSON value in dynamic()");
        }
    }
}
