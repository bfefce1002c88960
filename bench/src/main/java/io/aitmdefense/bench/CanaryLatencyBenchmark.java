package io.aitmdefense.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.store.AlertRow;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * The sign-in page canary end to end, in one {@code aitm serve} process: (1) seconds from a canary hit (an HTTP GET
 * with a foreign Referer) to its alert in the store, and (2) from a sign-in by the hit's address becoming readable
 * in the watched folder to the alert naming the user at risk. The sign-in is the example tenant's first proxied
 * sign-in (Lara Fischer's), re-stamped to now with a fresh id and a fresh address per run.
 *
 * <pre>java -cp bench/target/aitm-bench.jar io.aitmdefense.bench.CanaryLatencyBenchmark [runs] [pollEvery-ms]</pre>
 */
public final class CanaryLatencyBenchmark {
    static final Path EXAMPLE = Path.of("examples/tenant-contoso");
    static final String TENANT = "90b61727-a375-48ac-b538-7ef348a59291";
    static final String LARA = TENANT + "/lara.fischer@contoso.example";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Duration pollEvery = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 500);
        String record = laraProxiedSignIn();
        Path data = Files.createTempDirectory("aitm-canary-bench");
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        ServeSettings settings = new ServeSettings(data, Optional.empty(), "127.0.0.1", 0, Duration.ofHours(3),
                Duration.ofSeconds(30), pollEvery, Duration.ofMinutes(10), List.of(new ServeSettings.TenantSpec("",
                Optional.of(EXAMPLE.resolve("tenant.yaml")), List.of(ServeSettings.folder(inbox, "bench")), Optional.of(TENANT))))
                .withTrustForwardedFor(true);
        List<Double> toHitAlert = new ArrayList<>(), toAtRisk = new ArrayList<>();
        try (Service service = Service.start(settings, Clock.systemUTC(), u -> { })) {
            Thread loop = service.runInBackground();
            String path = service.canaryPaths().get(TENANT);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i <= runs; i++) { // run 0 warms up
                String ip = "146.70.186." + (10 + i), domain = "login-" + i + ".kit.example";
                long t0 = System.nanoTime();
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                        .header("Referer", "https://" + domain + "/common/oauth2/v2.0/authorize")
                        .header("X-Forwarded-For", ip).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) throw new IllegalStateException("canary answered " + r.statusCode());
                await(service, TENANT, "canary:" + domain, a -> true);
                double hit = (System.nanoTime() - t0) / 1e9;

                String id = UUID.randomUUID().toString();
                String now = Instant.now().toString();
                String signIn = record.replace("ffaa9ace-b693-4ccc-98d2-6582301dc777", id)
                        .replace("146.70.186.172", ip).replaceAll("2026-01-08T18:1[0-9]:[0-9.]+(Z|\\+00:00)", now);
                Path tmp = data.resolve("signin-" + i + ".tmp");
                Files.writeString(tmp, "{\"records\":[" + signIn + "]}\n");
                long t1 = System.nanoTime();
                Files.move(tmp, inbox.resolve("signin-" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
                await(service, TENANT, LARA, a -> a.detection().equals("phishing-page-canary") && a.body().contains(id));
                double atRisk = (System.nanoTime() - t1) / 1e9;
                if (i > 0) {
                    toHitAlert.add(hit);
                    toAtRisk.add(atRisk);
                }
            }
            service.stop();
        }
        System.out.printf(Locale.ROOT, "runs %d, folder pollEvery %d ms%n", runs, pollEvery.toMillis());
        System.out.printf(Locale.ROOT, "canary hit -> alert in store:               median %.3f s  p95 %.3f s  max %.3f s%n",
                q(toHitAlert, 0.5), q(toHitAlert, 0.95), q(toHitAlert, 1));
        System.out.printf(Locale.ROOT, "sign-in readable -> user at risk in store:  median %.3f s  p95 %.3f s  max %.3f s%n",
                q(toAtRisk, 0.5), q(toAtRisk, 0.95), q(toAtRisk, 1));
    }

    private static void await(Service service, String tenant, String key, Predicate<AlertRow> which) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (service.database().alerts().ofUser(tenant, key).stream().noneMatch(which)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no alert for " + key + " within 60 s");
            Thread.sleep(5);
        }
    }

    private static double q(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }

    /** Lara Fischer's sign-in through the kit's proxy, as the example's Event Hubs export holds it. */
    private static String laraProxiedSignIn() throws Exception {
        Path file = EXAMPLE.resolve("logs/eh/insights-logs-signinlogs/2026-01-08.json.gz");
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                for (var r : json.readTree(line).path("records")) {
                    if (r.toString().contains("ffaa9ace-b693-4ccc-98d2-6582301dc777")) return r.toString();
                }
            }
        }
        throw new IllegalStateException(file + ": Lara Fischer's proxied sign-in is not there");
    }
}
