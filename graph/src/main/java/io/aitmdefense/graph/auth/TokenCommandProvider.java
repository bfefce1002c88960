package io.aitmdefense.graph.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command that prints an access token, e.g.
 * {@code az account get-access-token --resource-type ms-graph --query accessToken -o tsv}. No shell is involved;
 * {@code {resource}} in an argument becomes the scope's resource ({@code https://outlook.office365.com}), so
 * {@code az account get-access-token --resource {resource} --query accessToken -o tsv} serves every API.
 */
public final class TokenCommandProvider implements TokenProvider {
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final List<String> command;
    private final Clock clock;

    public TokenCommandProvider(List<String> command, Clock clock) {
        this.command = List.copyOf(command);
        this.clock = clock;
    }

    @Override
    public AccessToken token(String scope) {
        String resource = scope.endsWith("/.default") ? scope.substring(0, scope.length() - "/.default".length()) : scope;
        List<String> args = command.stream().map(a -> a.replace("{resource}", resource)).toList();
        String name = "accessTokenCommand '" + args.get(0) + "'";
        Process p;
        try {
            p = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new TokenException(name + ": cannot start it (" + e.getMessage() + ")");
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TokenException(name + ": no answer within " + TIMEOUT.toSeconds() + " s");
            }
            String value = new String(out.get(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new TokenException(name + ": exit code " + p.exitValue() + firstLine(new String(err.get(), StandardCharsets.UTF_8)));
            }
            if (value.isEmpty() || value.contains("\n")) {
                throw new TokenException(name + ": expected exactly one line (the token) on its output, got "
                        + (value.isEmpty() ? "nothing" : value.lines().count() + " lines"));
            }
            Instant expires = JwtExpiry.of(value, clock);
            if (!expires.isAfter(clock.instant())) {
                throw new TokenException(name + ": printed a token that expired at " + expires);
            }
            return new AccessToken(value, expires);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TokenException(name + ": interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new TokenException(name + ": cannot read its output");
        }
    }

    /** The first line of the command's error output: what went wrong ("Please run 'az login'"), never its stdout. */
    private static String firstLine(String stderr) {
        String line = stderr.strip().lines().findFirst().orElse("");
        if (line.isEmpty()) return "";
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
