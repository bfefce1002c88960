package io.aitmdefense.respond.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query-string values as Graph expects them ({@code %20} for a space, not {@code +}). */
public final class Query {
    private Query() {
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String seg(String pathSegment) {
        return enc(pathSegment).replace("%40", "@");
    }
}
