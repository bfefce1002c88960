package io.aitmdefense.detect.enrich;

import io.aitmdefense.model.NetworkKind;

import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.codec.StringPool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Enrichment from the curated ASN classification ({@code asn-classes.tsv}), an IP→ASN database and the tenant's
 * context. The ASN in the log wins over the database; the tenant's allow-list wins over the classification.
 */
public final class CuratedEnrichment implements Enrichment {
    private static final String CLASSES_FILE = "asn-classes.tsv";
    private static final CuratedList LIST = CuratedList.load();
    private static final Map<Integer, Classified> CLASSES = LIST.classes();
    private static final String VERSION = LIST.version();

    private final TenantContext tenant;
    private final AsnDatabase database;
    private final CidrSet trustedCidrs;
    /**
     * Recent answers, by address and logged ASN: every detection asks about every sign-in's address. A fixed table
     * where a newcomer replaces its slot's entry (racy but safe: entries are immutable, a miss only costs a lookup),
     * so a tenant's hundreds of thousands of addresses cost no more memory than the table.
     */
    private static final int CACHE_SLOTS = 1 << 15;
    private final Cached[] cache = new Cached[CACHE_SLOTS];

    private record Cached(String ip, int loggedAsn, Network network) {
    }

    /** One view per listed tenant, built once: each has its own trusted networks and therefore its own cache. */
    private final Map<String, CuratedEnrichment> perTenant;

    /** One tenant's context for every record, whatever tenant it names. */
    public CuratedEnrichment(TenantContext tenant, AsnDatabase database) {
        this(Tenants.single(tenant), database);
    }


    /** Each record's tenant answers for it ({@link #forTenant}); records of unlisted tenants get the fallback. */
    public CuratedEnrichment(Tenants tenants, AsnDatabase database) {
        this.tenant = tenants.fallback();
        this.database = database;
        this.trustedCidrs = CidrSet.parse(tenant.trustedCidrs());
        Map<String, CuratedEnrichment> views = new HashMap<>();
        tenants.byId().forEach((id, t) -> views.put(id, new CuratedEnrichment(t, database)));
        this.perTenant = Map.copyOf(views);
    }

    @Override
    public TenantContext tenant() {
        return tenant;
    }

    @Override
    public Enrichment forTenant(String tenantId) {
        if (perTenant.isEmpty() || tenantId.isEmpty()) return this;
        CuratedEnrichment view = perTenant.get(tenantId.toLowerCase(Locale.ROOT));
        return view == null ? this : view;
    }

    @Override
    public Network network(String ip, int loggedAsn) {
        int h = (ip.hashCode() * 31 + loggedAsn) * 0x9E3779B9;
        int slot = h >>> (32 - Integer.numberOfTrailingZeros(CACHE_SLOTS));
        Cached cached = cache[slot];
        if (cached != null && cached.loggedAsn() == loggedAsn && cached.ip().equals(ip)) return cached.network();
        Network n = resolve(ip, loggedAsn);
        cache[slot] = new Cached(ip, loggedAsn, n);
        return n;
    }

    private Network resolve(String ip, int loggedAsn) {
        int asn = loggedAsn;
        String owner = "";
        if (asn > 0) {
            owner = database.ownerOf(asn).orElse("");
        } else if (!ip.isEmpty()) {
            Optional<AsnDatabase.AsnRecord> r = database.lookup(ip);
            if (r.isPresent()) {
                asn = r.get().asn();
                owner = r.get().owner();
            }
        }
        Classified c = CLASSES.get(asn);
        NetworkKind kind = c == null ? NetworkKind.OTHER : c.kind;
        if (c != null) owner = c.owner;
        boolean trusted = (asn > 0 && tenant.trustedAsns().contains(asn)) || trustedCidrs.contains(ip);
        // pooled: detections keep blocks in every user's network history
        String block = StringPool.of(asn > 0 ? "AS" + asn : IpAddress.network(ip));
        return new Network(ip, Math.max(asn, 0), owner, kind, trusted, block);
    }

    /** The classification of an ASN from the curated list, if listed. */
    public static Optional<NetworkKind> classify(int asn) {
        Classified c = CLASSES.get(asn);
        return c == null ? Optional.empty() : Optional.of(c.kind);
    }

    /** Every listed ASN of one kind, in ascending order: rule exports name the hosting networks the way the list does. */
    public static java.util.List<Integer> asns(NetworkKind kind) {
        return CLASSES.entrySet().stream().filter(e -> e.getValue().kind == kind).map(Map.Entry::getKey).sorted().toList();
    }

    /** The {@code # version:} line of the curated list, for reports that must say which list judged them. */
    public static String classesVersion() {
        return VERSION;
    }

    private record Classified(NetworkKind kind, String owner) {
    }

    private record CuratedList(Map<Integer, Classified> classes, String version) {

        /** Reads the list; a malformed line is a build defect, so it fails naming the line. */
        static CuratedList load() {
            Map<Integer, Classified> m = new HashMap<>();
            String version = "";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    CuratedEnrichment.class.getResourceAsStream(CLASSES_FILE), StandardCharsets.UTF_8))) {
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.startsWith("# version:")) version = line.substring("# version:".length()).trim();
                    if (line.isBlank() || line.startsWith("#")) continue;
                    String[] f = line.split("\t");
                    String where = CLASSES_FILE + ":" + lineNo + ": ";
                    if (f.length < 2) throw new IllegalStateException(where + "expected asn<TAB>kind<TAB>owner");
                    NetworkKind kind = switch (f[1].trim().toLowerCase(Locale.ROOT)) {
                        case "hosting" -> NetworkKind.HOSTING;
                        case "sase" -> NetworkKind.SASE_VPN;
                        case "microsoft" -> NetworkKind.MICROSOFT;
                        case "mobile" -> NetworkKind.MOBILE;
                        default -> throw new IllegalStateException(where + "unknown kind '" + f[1] + "'");
                    };
                    Classified previous = m.put(Integer.parseInt(f[0].trim()), new Classified(kind, f.length > 2 ? f[2].trim() : ""));
                    if (previous != null) throw new IllegalStateException(where + "AS" + f[0].trim() + " is listed twice");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new CuratedList(Map.copyOf(m), version);
        }
    }
}
