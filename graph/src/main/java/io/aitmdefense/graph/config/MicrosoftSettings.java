package io.aitmdefense.graph.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant file's {@code microsoft:} section: which tenant, which app, how it authenticates, and which cloud.
 * docs/microsoft.md lists every key.
 *
 * @param clientId empty only with an access-token credential (the token names its own app)
 * @param publisherIdentifier sent on every Management Activity API request (its throttling quota); defaults to the tenant
 */
public record MicrosoftSettings(String tenantId, Optional<String> clientId, Credential credential, Cloud cloud,
                                Endpoints endpoints, String publisherIdentifier) {

    private static final Set<String> KEYS = Set.of("tenantId", "clientId", "certificateFile", "certificatePasswordFile",
            "clientSecretFile", "accessTokenFile", "accessTokenCommand", "cloud", "endpoints", "publisherIdentifier");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("certificateFile", "clientSecretFile", "accessTokenFile",
            "accessTokenCommand");
    private static final Set<String> ENDPOINT_KEYS = Set.of("login", "graph", "exchange", "management");
    /** Keys that would put a secret in the tenant file itself; each is refused with the file-based key to use instead. */
    private static final Map<String, String> INLINE_SECRETS = Map.of("clientSecret", "clientSecretFile",
            "certificatePassword", "certificatePasswordFile", "accessToken", "accessTokenFile");

    /**
     * Reads the section. Relative file names are resolved against the tenant file's folder.
     *
     * @param section the {@code microsoft:} node of the tenant file
     * @param file the tenant file, named in every message
     * @throws SettingsException listing every problem at once
     */
    public static MicrosoftSettings parse(JsonNode section, Path file) {
        Reader r = new Reader(section, file);
        MicrosoftSettings s = r.read();
        if (!r.problems.isEmpty()) throw new SettingsException(r.problems);
        return s;
    }

    /**
     * Reads the {@code microsoft:} section of a tenant file: the one way every command and the service connect.
     *
     * @throws SettingsException when the file is missing, is not YAML, has no such section, or the section is wrong
     */
    public static MicrosoftSettings load(Path tenantFile) {
        if (!Files.isRegularFile(tenantFile)) throw new SettingsException(List.of(tenantFile + ": no such file"));
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(tenantFile.toFile());
        } catch (IOException e) {
            throw new SettingsException(List.of(tenantFile + ": not valid YAML: " + e.getMessage()));
        }
        JsonNode section = root == null ? null : root.get("microsoft");
        if (section == null || !section.isObject()) {
            throw new SettingsException(List.of(tenantFile
                    + ": no microsoft: section (tenant id, app id, certificate; see docs/microsoft.md)"));
        }
        return parse(section, tenantFile);
    }

    /** The {@code /.default} scope of an API in the configured cloud. */
    public String scope(Api api) {
        return cloud.scope(api);
    }

    /** The token endpoint, {@code {login}/{tenant}/oauth2/v2.0/token}. */
    public URI tokenEndpoint() {
        return URI.create(endpoints.login() + "/" + tenantId + "/oauth2/v2.0/token");
    }

    private static final class Reader {
        final JsonNode node;
        final Path file;
        final Path folder;
        final List<String> problems = new ArrayList<>();

        Reader(JsonNode node, Path file) {
            this.node = node;
            this.file = file;
            Path parent = file.toAbsolutePath().getParent();
            this.folder = parent == null ? Path.of("") : parent;
        }

        MicrosoftSettings read() {
            if (node == null || !node.isObject()) {
                problems.add(file + ": microsoft: expected a section with tenantId, clientId and one credential");
                return null;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (INLINE_SECRETS.containsKey(key)) {
                    problems.add(file + ": microsoft." + key + ": a secret is never written in the tenant file; put it"
                            + " in a file readable only by you and name that file with " + INLINE_SECRETS.get(key));
                } else if (!KEYS.contains(key)) {
                    problems.add(file + ": microsoft." + key + ": unknown key; known: " + sorted(KEYS));
                }
            }
            String tenant = text("tenantId", true);
            Optional<String> clientId = Optional.ofNullable(text("clientId", false));
            Cloud cloud = Cloud.GLOBAL;
            String cloudWord = text("cloud", false);
            if (cloudWord != null) {
                try {
                    cloud = Cloud.parse(cloudWord);
                } catch (IllegalArgumentException e) {
                    problems.add(file + ": microsoft.cloud: " + e.getMessage());
                }
            }
            Endpoints endpoints = endpoints(cloud.endpoints());
            Credential credential = credential();
            if (credential instanceof Credential.Certificate || credential instanceof Credential.ClientSecret) {
                if (clientId.isEmpty()) {
                    problems.add(file + ": microsoft.clientId: required with " + credential.key()
                            + " (the application (client) id of the app registration)");
                }
            }
            if (!(credential instanceof Credential.Certificate) && node.has("certificatePasswordFile")) {
                problems.add(file + ": microsoft.certificatePasswordFile: only meaningful with certificateFile");
            }
            String publisher = Optional.ofNullable(text("publisherIdentifier", false)).orElse(tenant);
            if (!problems.isEmpty()) return null;
            return new MicrosoftSettings(tenant, clientId, credential, cloud, endpoints, publisher);
        }

        private Credential credential() {
            List<String> given = new ArrayList<>();
            for (String k : CREDENTIAL_KEYS) if (node.has(k)) given.add(k);
            given.sort(null);
            if (given.isEmpty()) {
                if (INLINE_SECRETS.keySet().stream().noneMatch(node::has)) {
                    problems.add(file + ": microsoft: no credential; give exactly one of certificateFile (preferred),"
                            + " clientSecretFile, accessTokenFile or accessTokenCommand");
                }
                return null;
            }
            if (given.size() > 1) {
                problems.add(file + ": microsoft: " + String.join(" and ", given) + " are both given; keep exactly one"
                        + " credential");
                return null;
            }
            String key = given.get(0);
            return switch (key) {
                case "certificateFile" -> {
                    Path cert = path(key);
                    String pw = text("certificatePasswordFile", false);
                    yield cert == null ? null
                            : new Credential.Certificate(cert, Optional.ofNullable(pw).map(folder::resolve));
                }
                case "clientSecretFile" -> {
                    Path p = path(key);
                    yield p == null ? null : new Credential.ClientSecret(p);
                }
                case "accessTokenFile" -> {
                    Path p = path(key);
                    yield p == null ? null : new Credential.AccessTokenFile(p);
                }
                default -> command();
            };
        }

        private Credential command() {
            JsonNode v = node.get("accessTokenCommand");
            List<String> args = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(a -> args.add(a.asText()));
            } else if (v.isTextual()) {
                args.addAll(CommandLine.split(v.asText()));
            }
            if (args.isEmpty() || args.stream().anyMatch(String::isBlank)) {
                problems.add(file + ": microsoft.accessTokenCommand: expected a command, as one line or a list of"
                        + " arguments (run without a shell)");
                return null;
            }
            return new Credential.AccessTokenCommand(args);
        }

        private Endpoints endpoints(Endpoints preset) {
            JsonNode e = node.get("endpoints");
            if (e == null || e.isNull()) return preset;
            if (!e.isObject()) {
                problems.add(file + ": microsoft.endpoints: expected login, graph, exchange and/or management URLs");
                return preset;
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!ENDPOINT_KEYS.contains(key)) {
                    problems.add(file + ": microsoft.endpoints." + key + ": unknown key; known: " + sorted(ENDPOINT_KEYS));
                }
            }
            return new Endpoints(url(e, "login", preset.login()), url(e, "graph", preset.graph()),
                    url(e, "exchange", preset.exchange()), url(e, "management", preset.management()));
        }

        private URI url(JsonNode e, String key, URI preset) {
            JsonNode v = e.get(key);
            if (v == null || v.isNull()) return preset;
            String where = file + ": microsoft.endpoints." + key + ": ";
            String text = v.asText().trim();
            while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
            try {
                URI u = new URI(text);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                    problems.add(where + "'" + text + "' is not an http(s) URL with a host");
                } else if (scheme.equals("http") && !isLoopback(u.getHost())) {
                    problems.add(where + "'" + text + "': plain http is only allowed to this machine (127.0.0.1,"
                            + " localhost), for tests; tokens must not cross the network unencrypted");
                } else if (u.getQuery() != null || u.getFragment() != null) {
                    problems.add(where + "'" + text + "' must not have a query or fragment");
                } else {
                    return u;
                }
            } catch (URISyntaxException ex) {
                problems.add(where + "'" + text + "' is not a URL: " + ex.getReason());
            }
            return preset;
        }

        private String text(String key, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                if (required) problems.add(file + ": microsoft." + key + ": required");
                return null;
            }
            if (!v.isValueNode()) {
                problems.add(file + ": microsoft." + key + ": expected a single value");
                return null;
            }
            return v.asText().trim();
        }

        private Path path(String key) {
            String t = text(key, true);
            return t == null ? null : folder.resolve(t);
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]");
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
