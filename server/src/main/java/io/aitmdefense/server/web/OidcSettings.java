package io.aitmdefense.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aitmdefense.graph.auth.CertificateFile;
import io.aitmdefense.graph.auth.TokenException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The serve file's {@code oidc:} section: sign-in to the console with Microsoft Entra ID, beside the console tokens.
 * <pre>
 * oidc:
 *   tenant: contoso.onmicrosoft.com        # the directory (tenant id or a verified domain); not common/organizations
 *   clientId: 6731de76-14a6-49ae-97bc-6eba6914391e
 *   certificateFile: aitm-console.pfx      # the app's certificate (+ certificatePasswordFile), or a client secret:
 *                                          # clientSecretEnv: AITM_OIDC_SECRET or clientSecretFile: … (never the secret)
 *   redirectUri: https://aitm.contoso.example/login/oidc/callback
 *   authority: https://login.microsoftonline.us   # optional: a national cloud (default login.microsoftonline.com)
 *   roles:                                 # app role values (the id token's roles claim) or group object ids (groups)
 *     admin: [Aitm.Admin]
 *     responder: [Aitm.Responder]
 *     viewer: [Aitm.Viewer]                # ["*"]: anyone of the tenant who may sign in to the app is a viewer
 * </pre>
 * A user whose token carries none of the listed values is refused: nobody becomes a viewer by default.
 *
 * @param tenant as written: a tenant id (GUID) or a domain
 * @param roles for each role, the app role values and group ids that grant it; the highest matching role wins
 */
public record OidcSettings(String tenant, String clientId, ClientCredential credential, URI redirectUri, URI authority,
                           Map<Role, Set<String>> roles) {
    public static final URI GLOBAL_AUTHORITY = URI.create("https://login.microsoftonline.com");
    /** The callback path; the app registration's redirect URI must end with it. */
    public static final String CALLBACK = "/login/oidc/callback";
    /** In a role's list: every user of the tenant who gets a token for the app. */
    public static final String ANYONE = "*";

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,63}");
    private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");
    private static final Set<String> KEYS = Set.of("tenant", "clientId", "clientSecretEnv", "clientSecretFile",
            "certificateFile", "certificatePasswordFile", "redirectUri", "authority", "roles");
    private static final List<String> CREDENTIALS = List.of("certificateFile", "clientSecretFile", "clientSecretEnv");

    /** How the console proves to Entra that it is the app when it redeems a code. */
    public sealed interface ClientCredential {
    }

    /** A client secret; never printed. */
    public record Secret(String value) implements ClientCredential {
        @Override
        public String toString() {
            return "[secret]";
        }
    }

    /** The app's certificate and its private key (Microsoft's recommendation over a secret): signs a client assertion. */
    public record Certificate(CertificateFile file) implements ClientCredential {
        @Override
        public String toString() {
            return file.toString();
        }
    }

    public OidcSettings {
        EnumMap<Role, Set<String>> copy = new EnumMap<>(Role.class);
        roles.forEach((r, values) -> copy.put(r, Set.copyOf(values)));
        roles = Collections.unmodifiableMap(copy);
    }

    /** The tenant id when the settings name it by id; empty when they name a domain (the discovery document says it). */
    public Optional<String> tenantId() {
        return GUID.matcher(tenant).matches() ? Optional.of(tenant.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * The role a signed-in user gets from the {@code roles} and {@code groups} claims of their id token: the highest
     * role one of whose values they carry; empty when none.
     */
    public Optional<Role> roleOf(List<String> appRoles, List<String> groups) {
        for (Role r : List.of(Role.ADMIN, Role.RESPONDER, Role.VIEWER)) {
            for (String v : roles.getOrDefault(r, Set.of())) {
                if (v.equals(ANYONE) || appRoles.contains(v) || groups.stream().anyMatch(v::equalsIgnoreCase)) return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The serve file's {@code oidc:} section.
     *
     * @param base the serve file's folder (a {@code clientSecretFile} is relative to it)
     * @param env environment variables by name
     * @throws IllegalArgumentException naming the file and the key of the first problem
     */
    public static Optional<OidcSettings> parse(JsonNode node, Path base, String file, UnaryOperator<String> env) {
        if (node == null || node.isMissingNode() || node.isNull()) return Optional.empty();
        String at = file + ": oidc.";
        if (!node.isObject()) throw new IllegalArgumentException(file + ": oidc: a section with tenant, clientId, certificateFile "
                + "or clientSecretFile or clientSecretEnv, redirectUri and roles");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals("clientSecret")) {
                throw new IllegalArgumentException(at + "clientSecret: a client secret is a secret; put it in a file "
                        + "(clientSecretFile) or an environment variable (clientSecretEnv), or use a certificate (certificateFile)");
            }
            if (!KEYS.contains(k)) throw new IllegalArgumentException(at + k + ": unknown key (known: "
                    + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
        String tenant = text(node, "tenant", at);
        if (MULTI_TENANT.contains(tenant.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(at + "tenant: '" + tenant + "' would let any organisation's users sign in; name "
                    + "your own tenant (its id or a verified domain such as contoso.onmicrosoft.com)");
        }
        if (!GUID.matcher(tenant).matches() && !DOMAIN.matcher(tenant).matches()) {
            throw new IllegalArgumentException(at + "tenant: '" + tenant + "' is neither a tenant id (a GUID) nor a domain");
        }
        String clientId = text(node, "clientId", at);
        if (!GUID.matcher(clientId).matches()) {
            throw new IllegalArgumentException(at + "clientId: '" + clientId + "' is not an application (client) id (a GUID)");
        }
        URI redirect = uri(node, "redirectUri", at);
        if (!redirect.getPath().endsWith(CALLBACK)) {
            throw new IllegalArgumentException(at + "redirectUri: must end with " + CALLBACK + " (got " + redirect + ")");
        }
        URI authority = node.has("authority") ? uri(node, "authority", at) : GLOBAL_AUTHORITY;
        if (authority.getPath() != null && !authority.getPath().isEmpty() && !authority.getPath().equals("/")) {
            throw new IllegalArgumentException(at + "authority: the host only, e.g. https://login.microsoftonline.us (got " + authority + ")");
        }
        authority = URI.create(authority.getScheme() + "://" + authority.getRawAuthority());
        return Optional.of(new OidcSettings(tenant, clientId.toLowerCase(Locale.ROOT), credential(node, base, at, env), redirect,
                authority, roles(node.get("roles"), at)));
    }

    public static Optional<OidcSettings> parse(JsonNode node, Path base, String file) {
        Map<String, String> env = System.getenv();
        return parse(node, base, file, env::get);
    }

    @Override
    public String toString() {
        return "oidc " + tenant + " app " + clientId;
    }

    private static Map<Role, Set<String>> roles(JsonNode node, String at) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException(at + "roles: required: for admin, responder and viewer, the app role values "
                    + "(or group ids) that grant it; a user matching none is refused");
        }
        Map<Role, Set<String>> out = new EnumMap<>(Role.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Role role;
            try {
                role = Role.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(at + "roles." + e.getKey() + ": unknown role (known: admin, responder, viewer)");
            }
            JsonNode list = e.getValue().isTextual()
                    ? JsonNodeFactory.instance.arrayNode().add(e.getValue()) : e.getValue();
            if (!list.isArray() || list.isEmpty()) {
                throw new IllegalArgumentException(at + "roles." + e.getKey() + ": a list of app role values or group ids");
            }
            Set<String> values = new LinkedHashSet<>();
            for (JsonNode v : list) {
                String s = v.asText("").strip();
                if (s.isEmpty() || !v.isValueNode()) throw new IllegalArgumentException(at + "roles." + e.getKey() + ": an empty or non-text entry");
                values.add(s);
            }
            out.put(role, values);
        }
        return out;
    }

    private static ClientCredential credential(JsonNode node, Path base, String at, UnaryOperator<String> env) {
        List<String> named = CREDENTIALS.stream().filter(node::hasNonNull).toList();
        if (named.size() != 1) throw new IllegalArgumentException(at + String.join("/", CREDENTIALS) + ": name the app's "
                + "credential by exactly one of them" + (named.isEmpty() ? "" : " (got " + String.join(", ", named) + ")"));
        if (node.has("certificatePasswordFile") && !named.get(0).equals("certificateFile")) {
            throw new IllegalArgumentException(at + "certificatePasswordFile: only with certificateFile");
        }
        switch (named.get(0)) {
            case "certificateFile" -> {
                Optional<Path> password = node.hasNonNull("certificatePasswordFile")
                        ? Optional.of(base.resolve(node.get("certificatePasswordFile").asText())) : Optional.empty();
                try {
                    return new Certificate(CertificateFile.load(base.resolve(node.get("certificateFile").asText()), password));
                } catch (TokenException e) {
                    throw new IllegalArgumentException(at + "certificateFile: " + e.getMessage());
                }
            }
            case "clientSecretEnv" -> {
                String var = node.get("clientSecretEnv").asText();
                String v = env.apply(var);
                if (v == null || v.isBlank()) throw new IllegalArgumentException(at + "clientSecretEnv: the environment variable " + var + " is not set");
                return new Secret(v.strip());
            }
            default -> {
                Path f = base.resolve(node.get("clientSecretFile").asText());
                try {
                    String v = Files.readString(f).strip();
                    if (v.isEmpty()) throw new IllegalArgumentException(at + "clientSecretFile: " + f + " is empty");
                    return new Secret(v);
                } catch (IOException e) {
                    throw new IllegalArgumentException(at + "clientSecretFile: cannot read " + f);
                }
            }
        }
    }

    private static String text(JsonNode node, String key, String at) {
        String v = node.path(key).asText("").strip();
        if (v.isEmpty()) throw new IllegalArgumentException(at + key + ": required");
        return v;
    }

    /** An https address; http only on this machine's loopback, for a local stand-in. */
    private static URI uri(JsonNode node, String key, String at) {
        String v = text(node, key, at);
        URI u;
        try {
            u = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(at + key + ": '" + v + "' is not a URL");
        }
        if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()) && loopback(u.getHost()))) {
            throw new IllegalArgumentException(at + key + ": must be https://host/… (http only for localhost), got '" + v + "'");
        }
        return u;
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }
}
