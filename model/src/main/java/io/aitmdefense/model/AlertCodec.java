package io.aitmdefense.model;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.codec.EventCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts and evidence in compact binary, for checkpoints of the incident tracker and for handing alerts between
 * processes. Enums travel by name so that adding a constant never changes what an older checkpoint means; the caller
 * versions the stream as a whole.
 */
public final class AlertCodec {
    private AlertCodec() {
    }

    public static void write(Alert a, DataOutput out) throws IOException {
        for (String s : List.of(a.id(), a.tenant(), a.userKey(), a.user(), a.detectionId(), a.title())) {
            EventCodec.writeString(s, out);
        }
        EventCodec.writeString(a.severity().name(), out);
        out.writeDouble(a.confidence());
        writeTime(a.start(), out);
        writeTime(a.end(), out);
        EventCodec.writeString(a.stage().name(), out);
        EventCodec.writeStrings(a.techniques(), out);
        EventCodec.writeString(a.explanation(), out);
        Alert.Infrastructure in = a.infrastructure();
        EventCodec.writeStrings(in.ips(), out);
        out.writeInt(in.asns().size());
        for (int asn : in.asns()) out.writeInt(asn);
        EventCodec.writeStrings(in.userAgents(), out);
        EventCodec.writeStrings(in.sessionIds(), out);
        out.writeInt(a.artifacts().size());
        for (Artifact artifact : a.artifacts()) EventCodec.writeArtifact(artifact, out);
        out.writeInt(a.evidence().size());
        for (Evidence e : a.evidence()) writeEvidence(e, out);
    }

    public static Alert read(DataInput in) throws IOException {
        String id = str(in), tenant = str(in), userKey = str(in), user = str(in), detection = str(in), title = str(in);
        Severity severity = Severity.valueOf(str(in));
        double confidence = in.readDouble();
        Instant start = readTime(in), end = readTime(in);
        KillChainStage stage = KillChainStage.valueOf(str(in));
        List<String> techniques = EventCodec.readStrings(in);
        String explanation = str(in);
        List<String> ips = EventCodec.readStrings(in);
        List<Integer> asns = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) asns.add(in.readInt());
        Alert.Infrastructure infra = new Alert.Infrastructure(ips, List.copyOf(asns), EventCodec.readStrings(in),
                EventCodec.readStrings(in));
        List<Artifact> artifacts = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) artifacts.add(EventCodec.readArtifactValue(in));
        List<Evidence> evidence = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) evidence.add(readEvidence(in));
        return new Alert(id, tenant, userKey, user, detection, title, severity, confidence, start, end, stage, techniques,
                explanation, infra, List.copyOf(artifacts), List.copyOf(evidence));
    }

    public static void writeEvidence(Evidence e, DataOutput out) throws IOException {
        RecordRef r = e.record();
        EventCodec.writeString(r.file(), out);
        out.writeLong(r.line());
        out.writeInt(r.index());
        EventCodec.writeString(r.recordId(), out);
        EventCodec.writeString(r.idKind().name(), out);
        EventCodec.writeString(e.kind().name(), out);
        writeTime(e.time(), out);
        EventCodec.writeString(e.summary(), out);
    }

    public static Evidence readEvidence(DataInput in) throws IOException {
        RecordRef r = new RecordRef(str(in), in.readLong(), in.readInt(), str(in), RecordIdKind.valueOf(str(in)));
        return new Evidence(r, EventKind.valueOf(str(in)), readTime(in), str(in));
    }

    public static void writeTime(Instant t, DataOutput out) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    public static Instant readTime(DataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static String str(DataInput in) throws IOException {
        return EventCodec.readString(in);
    }
}
