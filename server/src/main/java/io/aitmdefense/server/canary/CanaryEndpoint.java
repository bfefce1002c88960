package io.aitmdefense.server.canary;

import io.aitmdefense.store.CanaryLog;
import io.aitmdefense.store.Database;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /canary/{token}.gif}: the image the tenant's sign-in page CSS loads. Public by design (a victim's browser
 * fetches it), so it exposes nothing but a 1×1 image: an unknown token is a bare 404, no cookie is set, nothing is
 * cached. Each hit is classified by the page that displayed it ({@link PageOrigin}); a foreign page's hit is kept
 * and wakes the pipeline, the others are counted. Abuse is bounded: per tenant a token bucket, per address a few
 * kept hits per ten minutes; the excess is counted as dropped, never stored.
 */
public final class CanaryEndpoint {
    public static final String PATH = "/canary/{file}";
    /** The smallest transparent GIF: 1×1, one colour. */
    static final byte[] PIXEL = {71, 73, 70, 56, 57, 97, 1, 0, 1, 0, -128, 0, 0, 0, 0, 0, -1, -1, -1, 33, -7, 4, 1, 0,
            0, 0, 0, 44, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 68, 1, 0, 59};
    static final int HEADER_LIMIT = 512;
    private static final int PER_ADDRESS = 5;
    private static final long ADDRESS_WINDOW_MS = 600_000;
    private static final int ADDRESSES_TRACKED = 10_000;

    private final CanaryLog log;
    private final Clock clock;
    private final boolean trustForwardedFor;
    private final Runnable onKept;
    private final Map<String, double[]> buckets = new HashMap<>();          // tenant → {tokens, last refill ms}
    private final Map<String, long[]> perAddress = new LinkedHashMap<>(16, 0.75f, true) { // ip → {window start, n}
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > ADDRESSES_TRACKED;
        }
    };

    public CanaryEndpoint(Database db, Clock clock, boolean trustForwardedFor, Runnable onKept) {
        this.log = db.canaries();
        this.clock = clock;
        this.trustForwardedFor = trustForwardedFor;
        this.onKept = onKept;
    }

    /** The public path of a canary's image. */
    public static String path(String token) {
        return "/canary/" + token + ".gif";
    }

    public void handle(Context ctx) {
        String file = ctx.pathParam("file");
        Optional<CanaryLog.Canary> canary = file.endsWith(".gif") && file.length() <= 64
                ? log.byToken(file.substring(0, file.length() - 4)) : Optional.empty();
        ctx.header("Cache-Control", "no-store, max-age=0");
        if (canary.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("");
            return;
        }
        String tenant = canary.get().tenant();
        Instant now = clock.instant();
        String referrer = clip(ctx.header("Referer")), origin = clip(ctx.header("Origin"));
        PageOrigin page = PageOrigin.of(referrer, origin);
        switch (page.kind()) {
            case MICROSOFT -> log.count(tenant, CanaryLog.Tally.MICROSOFT, now);
            case BLANK -> log.count(tenant, CanaryLog.Tally.BLANK, now);
            case FOREIGN -> {
                String ip = address(ctx);
                if (admit(tenant, ip, now.toEpochMilli())) {
                    log.keep(tenant, now, ip, page.domain(), referrer, origin, clip(ctx.header("User-Agent")));
                    onKept.run();
                } else {
                    log.count(tenant, CanaryLog.Tally.DROPPED, now);
                }
            }
        }
        ctx.status(HttpStatus.OK).contentType("image/gif").result(PIXEL);
    }

    /** The visitor's address: the connection's peer, or the first X-Forwarded-For hop behind a trusted reverse proxy. */
    private String address(Context ctx) {
        if (trustForwardedFor) {
            String xff = ctx.header("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                String first = xff.split(",", 2)[0].trim();
                if (first.length() <= 45 && first.matches("[0-9A-Fa-f.:]+")) return first;
            }
        }
        return ctx.ip();
    }

    private synchronized boolean admit(String tenant, String ip, long now) {
        double[] b = buckets.computeIfAbsent(tenant, t -> new double[]{60, now});
        b[0] = Math.min(60, b[0] + (now - b[1]) / 1000.0 * 10); // 10 kept hits a second, bursts of 60
        b[1] = now;
        long[] a = perAddress.computeIfAbsent(ip, k -> new long[]{now, 0});
        if (now - a[0] > ADDRESS_WINDOW_MS) {
            a[0] = now;
            a[1] = 0;
        }
        if (b[0] < 1 || a[1] >= PER_ADDRESS) return false;
        b[0] -= 1;
        a[1]++;
        return true;
    }

    /** Untrusted header text, bounded in length and stripped of control characters before it is stored. */
    static String clip(String header) {
        if (header == null) return "";
        String s = header.length() > HEADER_LIMIT ? header.substring(0, HEADER_LIMIT) : header;
        return s.replaceAll("\\p{Cntrl}", "");
    }
}
