package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.api.AlertSink;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.AlertCodec;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.StableId;
import io.aitmdefense.model.incident.BlastRadius;
import io.aitmdefense.model.incident.Campaign;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.model.incident.IncidentUpdate.Change;
import io.aitmdefense.model.incident.Sighting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Merges alerts into incidents as they arrive, in any order, and says what changed. One user's (tenant and user key)
 * alerts whose spans come within the incident window (default 24 h) of each other are one incident, so a slow attack
 * stays one story while a user phished again next month gets a new one; an alert that bridges two incidents merges them
 * into the older. An incident's id is assigned once, when it is created, from its first alert, and never changes.
 * Alerts that share a session id or an attacker address are one attack however far apart, up to
 * {@code incidents.sameAttackSpan} (default 14 days): one incident per attack, and one for a recurring pattern, never
 * one a day. Groups of only low or info alerts (a lone impossible travel, an admin's planned-looking policy change) are
 * notices, not incidents, until a stronger alert joins them; so is one medium signal alone that a session was reused
 * from a new residential or mobile network ({@link IncidentScore#loneReuse}) with nothing before or after it.
 * <p>
 * After each alert the incidents are linked into campaigns ({@link CampaignLinker}) and each incident that changed is
 * handed to the listener as an {@link IncidentUpdate}: {@code CREATED}, {@code ALERT_ADDED}, {@code SEVERITY_RAISED},
 * {@code STAGE_ADDED}, {@code CAMPAIGN_LINKED}. Events passed to {@link #observe} feed the {@link AttackerAddressWatch}
 * (users seen at attacker addresses, what the account did from them). A batch run is this same path: every alert, then
 * {@link #snapshot}. Thread-safe: engine shards call {@link #accept} while the reader calls {@link #observe}.
 */
public final class IncidentTracker implements AlertSink {
    private static final Comparator<Alert> TIME_ORDER = Comparator.comparing(Alert::start)
            .thenComparing(Alert::end).thenComparing(Alert::detectionId).thenComparing(Alert::explanation)
            .thenComparing(Alert::id);

    private final Duration window;
    private final Duration sameAttack;
    private final Enrichment enrichment;
    private final CampaignLinker linker;
    private static final int CHECKPOINT_VERSION = 1;

    private final IncidentAssembler assembler;
    private final Consumer<IncidentUpdate> updates;

    // guarded by this
    private final Map<String, List<Group>> groups = new TreeMap<>();
    private final Map<String, Published> published = new HashMap<>();
    private AttackerAddressWatch watch;
    private long created;

    /** What the listener last heard of an incident: enough to say what changed since. */
    private record Published(int alerts, Severity severity, List<KillChainStage> stages, BlastRadius blastRadius) {
        static Published of(Incident i) {
            return new Published(i.alerts().size(), i.severity(), i.stages(), i.blastRadius());
        }
    }

    /** One user's alerts that form one incident (or one notice while all are weak). */
    private static final class Group {
        final String id, key;
        final long sequence;
        final List<Alert> alerts = new ArrayList<>();
        final Set<String> alertIds = new HashSet<>();
        /** The session ids and attacker addresses of the alerts: what ties an alert days later to this attack. */
        final Set<String> indicators = new HashSet<>();
        Instant start, reach;
        Incident assembled;
        String countries;

        Group(String id, String key, long sequence) {
            this.id = id;
            this.key = key;
            this.sequence = sequence;
        }

        boolean near(Alert a, Duration window) {
            return !a.start().isAfter(reach.plus(window)) && !start.isAfter(a.end().plus(window));
        }

        boolean sameAttack(Alert a, Set<String> its, Duration span) {
            return !a.start().isAfter(reach.plus(span)) && !start.isAfter(a.end().plus(span))
                    && its.stream().anyMatch(indicators::contains);
        }

        void add(Alert a, Set<String> its) {
            indicators.addAll(its);
            alerts.add(a);
            alertIds.add(a.id());
            start = start == null || a.start().isBefore(start) ? a.start() : start;
            reach = reach == null || a.end().isAfter(reach) ? a.end() : reach;
        }
    }

    public IncidentTracker(DetectConfig config, Enrichment enrichment, Consumer<IncidentUpdate> updates) {
        this.window = config.incidentWindow();
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("incidents.window: must be longer than zero, got " + window);
        }
        this.sameAttack = config.sameAttackSpan();
        this.enrichment = enrichment;
        this.linker = new CampaignLinker(config, enrichment);
        // an alert names its addresses up to a correlation window after the activity, and a campaign looks a window
        // around each incident: three windows of recent addresses cover both
        this.watch = new AttackerAddressWatch(window.multipliedBy(3).plusHours(1));
        // through a lambda: restore replaces the watch
        this.assembler = new IncidentAssembler(enrichment, ip -> watch.country(ip));
        this.updates = updates;
    }

    /** Merges one alert; hands every incident it changed to the listener. Repeats of an alert (same id) change nothing. */
    @Override
    public synchronized void accept(Alert alert) {
        String key = alert.tenant() + "|" + (alert.userKey().isEmpty() ? alert.user() : alert.userKey()).toLowerCase(Locale.ROOT);
        List<Group> userGroups = groups.computeIfAbsent(key, k -> new ArrayList<>());
        List<Group> near = new ArrayList<>();
        Set<String> its = indicators(alert);
        for (Group g : userGroups) {
            if (g.alertIds.contains(alert.id())) return;
            if (g.near(alert, window) || g.sameAttack(alert, its, sameAttack)) near.add(g);
        }
        Group target;
        boolean wasPublished = false;
        if (near.isEmpty()) {
            target = new Group(StableId.of("inc-", key + "|" + alert.id()), key, created++);
            userGroups.add(target);
        } else {
            // the oldest keeps its id; a bridged incident's alerts move into it
            near.sort(Comparator.comparingLong(g -> g.sequence));
            target = near.get(0);
            for (Group other : near.subList(1, near.size())) {
                other.alerts.forEach(a -> addTo(target, a));
                userGroups.remove(other);
                wasPublished |= published.remove(other.id) != null;
            }
        }
        target.add(alert, its);
        target.alerts.sort(TIME_ORDER);
        for (String ip : assembler.attackerAddresses(alert)) watch.watch(ip);
        // a notice changes no incident and no campaign: most alerts of a large tenant are such noise
        if (incident(target) || wasPublished || published.containsKey(target.id)) publish();
    }

    /** Session ids and attacker addresses (never Microsoft's) of an alert. */
    private Set<String> indicators(Alert a) {
        Set<String> its = new HashSet<>();
        for (String s : a.infrastructure().sessionIds()) if (!s.isBlank()) its.add("session:" + s.toLowerCase(Locale.ROOT));
        for (String ip : assembler.attackerAddresses(a)) its.add("ip:" + ip);
        return its;
    }

    private void addTo(Group g, Alert a) {
        g.add(a, indicators(a));
    }

    /** A group that is an incident, not a notice. */
    private boolean incident(Group g) {
        return IncidentScore.severity(g.alerts).compareTo(Severity.MEDIUM) >= 0 && !IncidentScore.loneReuse(g.alerts, enrichment);
    }

    /** Notes an event for the campaign view and attacker activity; a new user at an attacker address may link a campaign. */
    public synchronized void observe(Event event) {
        if (watch.add(event)) publish();
    }

    /** Lets recent addresses older than the retention behind the engine's processed watermark go. */
    public synchronized void expire(Instant processedWatermark) {
        watch.expire(processedWatermark);
    }

    /**
     * Lets go of the incidents (and notices) no alert can reach any more — their last alert ended more than the
     * incident window plus the watch's retention before {@code processedWatermark} — and returns them as they stand,
     * for a live service to keep in its store: its memory then follows the active incidents, not the run's length.
     * A batch run does not call it (its campaigns link across the whole run).
     */
    public synchronized List<Incident> close(Instant processedWatermark) {
        List<Incident> closed = new ArrayList<>();
        if (processedWatermark.equals(Instant.MIN)) return closed;
        Instant horizon = processedWatermark.minus(window).minus(watch.retention());
        for (var it = groups.values().iterator(); it.hasNext(); ) {
            List<Group> gs = it.next();
            for (var g = gs.iterator(); g.hasNext(); ) {
                Group group = g.next();
                if (!group.reach.isBefore(horizon)) continue;
                if (incident(group)) closed.add(incidentOf(group));
                published.remove(group.id);
                g.remove();
            }
            if (gs.isEmpty()) it.remove();
        }
        return closed;
    }

    /** A sighting known from elsewhere, for the campaign view. */
    public synchronized void sighted(Sighting sighting) {
        watch.addSighting(sighting);
    }

    /** The incidents now, with campaigns and attacker activity, and the notices. */
    public synchronized IncidentSet snapshot() {
        IncidentSet linked = linked();
        List<Incident> incidents = linked.incidents().stream().map(i -> i.withAttackerActivity(watch.activityOf(i, window))).toList();
        List<Alert> notices = new ArrayList<>();
        for (List<Group> gs : groups.values()) for (Group g : gs) if (!incident(g)) notices.addAll(g.alerts);
        return new IncidentSet(incidents, linked.campaigns(), notices);
    }

    /** Every group as an incident, the weak ones too, without campaign links; most severe first. */
    public synchronized List<Incident> groups() {
        List<Incident> all = new ArrayList<>();
        groups.values().forEach(gs -> gs.forEach(g -> all.add(incidentOf(g))));
        all.sort(IncidentSet.ORDER);
        return all;
    }

    /**
     * Everything the tracker holds — groups with their alerts, what the listener last heard, the attacker-address
     * watch — in compact binary, so that a service can stop and go on where it was: {@link #restore} then the rest of
     * the stream gives the same updates and incidents as an uninterrupted run.
     */
    public synchronized byte[] checkpoint() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(CHECKPOINT_VERSION);
            out.writeLong(created);
            out.writeInt(groups.size());
            for (Map.Entry<String, List<Group>> e : groups.entrySet()) {
                EventCodec.writeString(e.getKey(), out);
                out.writeInt(e.getValue().size());
                for (Group g : e.getValue()) {
                    EventCodec.writeString(g.id, out);
                    out.writeLong(g.sequence);
                    out.writeInt(g.alerts.size());
                    for (Alert a : g.alerts) AlertCodec.write(a, out);
                }
            }
            out.writeInt(published.size());
            for (Map.Entry<String, Published> e : published.entrySet()) {
                Published p = e.getValue();
                EventCodec.writeString(e.getKey(), out);
                out.writeInt(p.alerts());
                EventCodec.writeString(p.severity().name(), out);
                EventCodec.writeStrings(p.stages().stream().map(Enum::name).toList(), out);
                EventCodec.writeString(p.blastRadius().campaignId(), out);
                EventCodec.writeStrings(p.blastRadius().otherUsers(), out);
                EventCodec.writeStrings(p.blastRadius().alsoSeenUsers(), out);
            }
            watch.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return bytes.toByteArray();
    }

    /** A tracker that goes on from a {@link #checkpoint}, under the same configuration. */
    public static IncidentTracker restore(byte[] checkpoint, DetectConfig config, Enrichment enrichment,
                                          Consumer<IncidentUpdate> updates) throws IOException {
        IncidentTracker t = new IncidentTracker(config, enrichment, updates);
        DataInput in = new DataInputStream(new ByteArrayInputStream(checkpoint));
        int version = in.readInt();
        if (version != CHECKPOINT_VERSION) {
            throw new IOException("incident tracker checkpoint version " + version + ", this build reads " + CHECKPOINT_VERSION);
        }
        t.created = in.readLong();
        for (int k = in.readInt(); k > 0; k--) {
            String key = EventCodec.readString(in);
            List<Group> gs = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                Group g = new Group(EventCodec.readString(in), key, in.readLong());
                for (int a = in.readInt(); a > 0; a--) t.addTo(g, AlertCodec.read(in));
                gs.add(g);
            }
            t.groups.put(key, gs);
        }
        for (int n = in.readInt(); n > 0; n--) {
            String id = EventCodec.readString(in);
            int alerts = in.readInt();
            Severity severity = Severity.valueOf(EventCodec.readString(in));
            List<KillChainStage> stages = EventCodec.readStrings(in).stream().map(KillChainStage::valueOf).toList();
            BlastRadius radius = new BlastRadius(EventCodec.readString(in), EventCodec.readStrings(in), EventCodec.readStrings(in));
            t.published.put(id, new Published(alerts, severity, stages, radius));
        }
        t.watch = AttackerAddressWatch.read(in, t.watch.retention());
        return t;
    }

    /**
     * The group as an incident, assembled again only when it has new alerts or what is known of its addresses (their
     * country) has grown: a tenant without its tenant file has thousands of incidents to relink at each alert.
     */
    private Incident incidentOf(Group g) {
        StringBuilder known = new StringBuilder();
        for (Alert a : g.alerts) for (String ip : a.infrastructure().ips()) known.append(watch.country(ip)).append(',');
        String countries = known.toString();
        if (g.assembled == null || g.assembled.alerts().size() != g.alerts.size() || !countries.equals(g.countries)) {
            g.assembled = assembler.assemble(g.id, g.alerts);
            g.countries = countries;
        }
        return g.assembled;
    }

    private List<Incident> currentIncidents() {
        List<Incident> out = new ArrayList<>();
        for (List<Group> gs : groups.values()) for (Group g : gs) if (incident(g)) out.add(incidentOf(g));
        return out;
    }

    /**
     * The incidents linked into campaigns, after merging what one campaign gave one user twice: a campaign that runs
     * for days must not leave its victim with an incident per day (their alerts are more than a window apart, but the
     * shared attacker infrastructure says it is one story). The older incident keeps its id.
     */
    private IncidentSet linked() {
        IncidentSet linked = linker.link(currentIncidents(), watch.sightings());
        Map<String, Group> byId = new HashMap<>();
        groups.values().forEach(gs -> gs.forEach(g -> byId.put(g.id, g)));
        boolean merged = false;
        for (Campaign c : linked.campaigns()) {
            Map<String, List<Group>> byUser = new TreeMap<>();
            for (String id : c.incidentIds()) {
                Group g = byId.get(id);
                if (g != null) byUser.computeIfAbsent(g.key, k -> new ArrayList<>()).add(g);
            }
            for (List<Group> same : byUser.values()) {
                if (same.size() < 2) continue;
                same.sort(Comparator.comparingLong(g -> g.sequence));
                Group target = same.get(0);
                for (Group other : same.subList(1, same.size())) {
                    other.alerts.forEach(a -> addTo(target, a));
                    groups.get(other.key).remove(other);
                    published.remove(other.id);
                }
                target.alerts.sort(TIME_ORDER);
                merged = true;
            }
        }
        return merged ? linker.link(currentIncidents(), watch.sightings()) : linked;
    }

    /** Links campaigns and tells the listener about each incident that is new or changed since it last heard. */
    private void publish() {
        if (published.isEmpty() && currentIncidents().isEmpty()) return;
        IncidentSet linked = linked();
        for (Incident now : linked.incidents()) {
            Published before = published.get(now.id());
            Set<Change> changes = changes(before, now);
            if (changes.isEmpty()) continue;
            Incident withActivity = now.withAttackerActivity(watch.activityOf(now, window));
            published.put(now.id(), Published.of(now));
            updates.accept(new IncidentUpdate(withActivity, changes));
        }
    }

    private static Set<Change> changes(Published before, Incident now) {
        Set<Change> changes = EnumSet.noneOf(Change.class);
        if (before == null) {
            changes.add(Change.CREATED);
            if (now.blastRadius().inCampaign()) changes.add(Change.CAMPAIGN_LINKED);
            return changes;
        }
        if (now.alerts().size() != before.alerts()) changes.add(Change.ALERT_ADDED);
        if (now.severity().compareTo(before.severity()) > 0) changes.add(Change.SEVERITY_RAISED);
        if (!before.stages().containsAll(now.stages())) changes.add(Change.STAGE_ADDED);
        if (now.blastRadius().inCampaign() && !now.blastRadius().equals(before.blastRadius())) changes.add(Change.CAMPAIGN_LINKED);
        return changes;
    }
}
