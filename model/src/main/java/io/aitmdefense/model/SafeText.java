package io.aitmdefense.model;

/**
 * How text from logs and tenant exports is made safe for the outputs people read. Log fields (user agents, display
 * names, rule names, subjects) and policy names are attacker- or tenant-controlled: in HTML they could inject markup,
 * on a terminal an escape sequence could clear the screen, hide text or rewrite a line.
 *
 * <p>The project's one HTML escaper and one terminal filter. They live in model because every module that prints
 * (posture, report, respond, harden, cli) depends on it.
 */
public final class SafeText {
    private SafeText() {
    }

    /**
     * Escapes text for HTML element content and quoted attribute values alike. Control characters other than newline
     * and tab become U+FFFD so that a stray byte from a log never changes how the page renders.
     */
    public static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c != '\n' && c != '\t' && unsafe(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * Text as it may reach a terminal: every control character except newline and tab (ESC and the CSI/OSC sequences
     * it starts, carriage return and backspace that overwrite what was printed, bell, the C1 range) and every
     * bidirectional override becomes {@code ?}. Used by every printer for any value that came from an input; applied
     * to whole printed blocks too, since it keeps their line breaks.
     */
    public static String terminal(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\t' && unsafe(c)) {
                if (b == null) b = new StringBuilder(s.length()).append(s, 0, i);
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** C0, DEL and C1 controls, and the bidirectional embedding, override and isolate controls ("Trojan Source"). */
    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
