package io.aitmdefense.simulate;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A simulated tenant written to disk and read back through the product's own readers. */
record GeneratedTenant(SimulationReport report, ReadReport read, List<Event> events, Map<String, Event> byId) {

    static GeneratedTenant generate(SimulationSpec spec) throws IOException {
        SimulationReport report = Simulation.run(spec);
        ConcurrentLinkedQueue<Event> sink = new ConcurrentLinkedQueue<>();
        ReadReport read = new LogReader(2).read(List.of(Simulation.logs(spec.out())), sink::add, Progress.NONE);
        List<Event> events = new ArrayList<>(sink);
        Map<String, Event> byId = new HashMap<>();
        for (Event e : events) byId.put(id(e), e);
        return new GeneratedTenant(report, read, events, byId);
    }

    static String id(Event e) {
        if (e instanceof SignIn s) return s.id().toString();
        if (e instanceof DirectoryAudit a) return a.id().toString();
        if (e instanceof RiskDetection r) return r.id();
        return ((OfficeActivity) e).id().toString();
    }

    static String ip(Event e) {
        if (e instanceof SignIn s) return s.ip();
        if (e instanceof DirectoryAudit a) return a.actor().ip();
        if (e instanceof RiskDetection r) return r.ip();
        return ((OfficeActivity) e).ip();
    }

    List<SignIn> signIns() {
        List<SignIn> out = new ArrayList<>();
        for (Event e : events) if (e instanceof SignIn s) out.add(s);
        return out;
    }
}
