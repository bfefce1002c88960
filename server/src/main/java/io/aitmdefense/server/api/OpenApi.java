package io.aitmdefense.server.api;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's OpenAPI 3.1 document, written by hand beside the code ({@code openapi.json} in this package's resources)
 * and served as it is; {@code OpenApiTest} checks that it names every registered API route and no other.
 */
final class OpenApi {
    static final String RESOURCE = "openapi.json";

    private OpenApi() {
    }

    static String document() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the server's resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void register(RoutesConfig routes) {
        String doc = document();
        routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(doc));
    }
}
