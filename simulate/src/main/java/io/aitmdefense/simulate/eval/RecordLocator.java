package io.aitmdefense.simulate.eval;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.EventSink;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learns, while the detector reads, which file:line holds which attacker record: alert evidence points at
 * file:line, truth.json names record ids, and this joins the two. Only attacker ids are kept, so memory follows the
 * number of attacker records, not the size of the logs.
 */
public final class RecordLocator implements EventSink {
    private final Set<String> wanted;
    private final Map<Source, String> found = new ConcurrentHashMap<>();

    public RecordLocator(Set<String> attackerRecordIds) {
        this.wanted = Set.copyOf(attackerRecordIds);
    }

    @Override
    public void accept(Event event) {
        String id = id(event);
        if (!id.isEmpty() && wanted.contains(id)) found.put(event.source(), id);
    }

    /** The attacker record id at this file:line, if the line holds one. */
    public Optional<String> recordAt(Source source) {
        return Optional.ofNullable(found.get(source));
    }

    private static String id(Event e) {
        if (e instanceof SignIn s) return s.id().toString();
        if (e instanceof DirectoryAudit a) return a.id().toString();
        if (e instanceof RiskDetection r) return r.id();
        if (e instanceof OfficeActivity o) return o.id().toString();
        return "";
    }
}
