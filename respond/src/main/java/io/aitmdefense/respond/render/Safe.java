package io.aitmdefense.respond.render;

/**
 * Values from logs (a rule named with an escape sequence, an app called {@code <script>}) made harmless for a
 * terminal and for HTML. Kept here until the report module's escaper is shared with respond.
 */
final class Safe {
    private Safe() {
    }

    static String terminal(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) && c != '\n' ? '?' : c);
        }
        return b.toString();
    }

    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(Character.isISOControl(c) && c != '\n' ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}
