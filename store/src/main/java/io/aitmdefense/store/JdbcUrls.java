package io.aitmdefense.store;

import java.util.regex.Pattern;

/** JDBC URLs carry passwords ({@code ?password=…}, {@code ;PASSWORD=…}); messages and logs get them blanked. */
final class JdbcUrls {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*=)[^&;\\s]*");

    private JdbcUrls() {
    }

    static String redact(String text) {
        return text == null ? "" : PASSWORD.matcher(text).replaceAll("$1***");
    }
}
