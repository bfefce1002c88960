package io.aitmdefense.detect.enrich;

import java.util.Optional;
import java.util.Random;

/**
 * Measures the bundled table's first-use load time and lookup rate (docs/benchmarks.md, "Enrichment"). A main
 * class rather than a test: timings vary by machine and must not fail a build. Run in a fresh JVM so the load is
 * cold: {@code java -cp detect/target/classes:detect/target/test-classes:events/target/classes
 * io.aitmdefense.detect.enrich.AsnLookupBenchmark}
 */
final class AsnLookupBenchmark {
    private AsnLookupBenchmark() {
    }

    public static void main(String[] args) {
        BundledAsnDatabase db = BundledAsnDatabase.instance();
        long t0 = System.nanoTime();
        db.lookup("8.8.8.8");
        long loadNanos = System.nanoTime() - t0;
        System.out.printf("load (first lookup): %.0f ms; %s%n", loadNanos / 1e6, db.describe());

        Random random = new Random(42);
        int n = 2_000_000;
        String[] v4 = new String[n];
        for (int i = 0; i < n; i++) {
            int ip = random.nextInt();
            v4[i] = (ip >>> 24) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
        }
        String[] v6 = new String[n / 4];
        for (int i = 0; i < v6.length; i++) {
            // the /12s the RIRs allocate most from, so that lookups also hit ranges
            int[] firsts = {0x2001, 0x2400, 0x2600, 0x2800, 0x2a00, 0x2c00};
            v6[i] = String.format("%x:%x:%x::%x", firsts[random.nextInt(firsts.length)] + random.nextInt(16),
                    random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000));
        }
        for (int round = 0; round < 3; round++) { // the last round is reported, after the JIT has warmed up
            report("IPv4", db, v4, round == 2);
            report("IPv6", db, v6, round == 2);
        }
    }

    private static void report(String label, AsnDatabase db, String[] ips, boolean print) {
        int found = 0;
        long t0 = System.nanoTime();
        for (String ip : ips) {
            Optional<AsnDatabase.AsnRecord> r = db.lookup(ip);
            if (r.isPresent()) found++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (print) {
            System.out.printf("%s: %,d lookups/s single-threaded (%d random addresses, %.0f%% with an ASN)%n",
                    label, (long) (ips.length / seconds), ips.length, 100.0 * found / ips.length);
        }
    }
}
