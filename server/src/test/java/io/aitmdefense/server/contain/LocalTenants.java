package io.aitmdefense.server.contain;

import io.aitmdefense.respond.Contoso;
import io.aitmdefense.respond.LocalTenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tenant files whose {@code microsoft:} section points at respond's local tenant, with a ready token in a file. */
public final class LocalTenants {
    private LocalTenants() {
    }

    /**
     * Writes {@code dir/name}: the detection context of the bundled example, the connection to {@code tenant}, and the
     * automatic-containment policy given ({@code ""} for none).
     */
    public static Path tenantFile(Path dir, String name, LocalTenant tenant, String tenantId, String respond) throws IOException {
        Files.createDirectories(dir);
        Path token = dir.resolve(name + ".token");
        Files.writeString(token, Contoso.TOKEN);
        String example = Files.readString(Path.of("examples/tenant-contoso/tenant.yaml"));
        Path file = dir.resolve(name);
        Files.writeString(file, example + """

                microsoft:
                  tenantId: %s
                  clientId: 11111111-2222-3333-4444-555555555555
                  accessTokenFile: %s
                  endpoints: {login: %s, graph: %s, exchange: %s}
                %s""".formatted(tenantId, token.getFileName(), tenant.url(), tenant.url(), tenant.url(), respond));
        return file;
    }

    /** The rules in a mailbox as the local tenant lists them through Graph. */
    public static String rules(LocalTenant tenant, String userId) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(tenant.url() + "/v1.0/users/" + userId
                + "/mailFolders/inbox/messageRules")).header("Authorization", "Bearer " + Contoso.TOKEN).build();
        return http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
