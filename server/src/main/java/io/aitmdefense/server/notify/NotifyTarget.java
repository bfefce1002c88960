package io.aitmdefense.server.notify;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where a notification goes: a generic JSON webhook, a Microsoft Teams or a Slack incoming webhook. The URL of such a
 * webhook is a secret (anyone holding it can post to the channel), so it is read from a file or an environment
 * variable, never written in the serve file, and never printed: {@link #toString} names the target, not its URL.
 * <pre>
 * notify:
 *   - {type: teams, name: soc-channel, urlFile: teams-webhook.txt}
 *   - {type: slack, urlEnv: AITM_SLACK_WEBHOOK}
 *   - {type: webhook, name: soar, urlFile: soar-url.txt}
 * </pre>
 */
public record NotifyTarget(Channel channel, String name, URI url) {
    public enum Channel { WEBHOOK, TEAMS, SLACK }

    private static final Set<String> KEYS = Set.of("type", "name", "urlFile", "urlEnv");

    @Override
    public String toString() {
        return channel.name().toLowerCase(Locale.ROOT) + " " + name;
    }

    /**
     * The serve file's {@code notify:} list.
     *
     * @param base the serve file's folder (a {@code urlFile} is relative to it)
     * @param env environment variables by name
     * @throws IllegalArgumentException naming the file, the entry and the key of the first problem
     */
    public static List<NotifyTarget> parse(JsonNode list, Path base, String file, UnaryOperator<String> env) {
        List<NotifyTarget> out = new ArrayList<>();
        if (list == null || list.isMissingNode() || list.isNull()) return out;
        if (!list.isArray()) throw new IllegalArgumentException(file + ": notify: a list of {type, name, urlFile | urlEnv}");
        int i = 0;
        for (JsonNode n : list) {
            String where = file + ": notify[" + i++ + "]";
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.equals("url")) {
                    throw new IllegalArgumentException(where + ": url: a webhook URL is a secret; put it in a file (urlFile) "
                            + "or an environment variable (urlEnv)");
                }
                if (!KEYS.contains(k)) throw new IllegalArgumentException(where + ": unknown key " + k + " (known: name, type, urlEnv, urlFile)");
            }
            Channel channel;
            try {
                channel = Channel.valueOf(n.path("type").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": type must be webhook, teams or slack");
            }
            String name = n.path("name").asText(channel.name().toLowerCase(Locale.ROOT) + "-" + i);
            String url = url(n, base, where, env);
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": the URL it names is not a URL"); // not echoed: a secret
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(where + ": the URL it names must be http(s)://host/…");
            }
            out.add(new NotifyTarget(channel, name, uri));
        }
        return out;
    }

    public static List<NotifyTarget> parse(JsonNode list, Path base, String file) {
        Map<String, String> env = System.getenv();
        return parse(list, base, file, env::get);
    }

    private static String url(JsonNode n, Path base, String where, UnaryOperator<String> env) {
        boolean hasFile = n.hasNonNull("urlFile");
        boolean hasEnv = n.hasNonNull("urlEnv");
        if (hasFile == hasEnv) throw new IllegalArgumentException(where + ": name the URL by exactly one of urlFile and urlEnv");
        if (hasEnv) {
            String var = n.get("urlEnv").asText();
            String v = env.apply(var);
            if (v == null || v.isBlank()) throw new IllegalArgumentException(where + ": urlEnv: the environment variable " + var + " is not set");
            return v.strip();
        }
        Path f = base.resolve(n.get("urlFile").asText());
        try {
            String v = Files.readString(f).strip();
            if (v.isEmpty()) throw new IllegalArgumentException(where + ": urlFile: " + f + " is empty");
            return v;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": urlFile: cannot read " + f);
        }
    }
}
