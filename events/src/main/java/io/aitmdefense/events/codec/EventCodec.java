package io.aitmdefense.events.codec;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.AuthStep;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.Geo;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.Risk;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SecurityAlert;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.TokenContext;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compact binary form of every {@link Event}, for holding many events in memory or in temporary files during one
 * run (not a storage format: there is no version, and the bytes change with the event model). Strings are a varint
 * byte count and UTF-8, counts and small ints are varints, enums their ordinal. The decoded event equals the encoded
 * one; {@code EventCodecTest} fails if a record component is left out.
 */
public final class EventCodec {
    private static final int SIGN_IN = 1, DIRECTORY_AUDIT = 2, RISK_DETECTION = 3, OFFICE_ACTIVITY = 4,
            SECURITY_ALERT = 5;
    private static final int NO_ARTIFACT = 0, INBOX_RULE = 1, MAIL_FORWARDING = 2, MAILBOX_DELEGATION = 3,
            APP_CONSENT = 4, MFA_METHOD_CHANGE = 5, DEVICE_REGISTRATION = 6, POLICY_CHANGE = 7;

    private static final SignIn.Category[] CATEGORIES = SignIn.Category.values();
    private static final Artifact.PolicyChange.Kind[] POLICY_KINDS = Artifact.PolicyChange.Kind.values();

    private EventCodec() {
    }

    public static void write(Event event, DataOutput out) throws IOException {
        if (event instanceof SignIn s) {
            out.writeByte(SIGN_IN);
            writeSignIn(s, out);
        } else if (event instanceof DirectoryAudit a) {
            out.writeByte(DIRECTORY_AUDIT);
            writeAudit(a, out);
        } else if (event instanceof RiskDetection r) {
            out.writeByte(RISK_DETECTION);
            writeRisk(r, out);
        } else if (event instanceof SecurityAlert a) {
            out.writeByte(SECURITY_ALERT);
            writeSecurityAlert(a, out);
        } else {
            out.writeByte(OFFICE_ACTIVITY);
            writeOffice((OfficeActivity) event, out);
        }
    }

    /** @throws IOException also when the bytes are not an encoded event (an unknown tag) */
    public static Event read(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case SIGN_IN -> readSignIn(in);
            case DIRECTORY_AUDIT -> readAudit(in);
            case RISK_DETECTION -> readRisk(in);
            case OFFICE_ACTIVITY -> readOffice(in);
            case SECURITY_ALERT -> readSecurityAlert(in);
            default -> throw new IOException("not an encoded event: tag " + tag);
        };
    }

    /** The event's bytes, for callers that hold events as byte arrays. */
    public static byte[] encode(Event event) {
        ByteArrayOutput out = new ByteArrayOutput(512);
        try {
            write(event, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory buffer does not fail
        }
        return out.toByteArray();
    }

    public static Event decode(byte[] bytes, int offset, int length) throws IOException {
        return read(new ByteArrayInput(bytes, offset, length));
    }

    /**
     * Where an encoded event sorts, read from its first bytes without decoding the rest: its time and source. The
     * fields are overwritten by each {@link #readHead}, so one instance serves a whole pass over many events.
     */
    public static final class Head {
        public long seconds;
        public int nanos;
        /** The source file, one instance for equal names while they stay pooled. */
        public String file;
        public long line;
        public int index;
    }

    /** Reads the time and source of the event encoded at {@code offset} into {@code into}. */
    public static void readHead(byte[] bytes, int offset, int length, Head into) throws IOException {
        ByteArrayInput in = new ByteArrayInput(bytes, offset, length);
        int tag = in.readUnsignedByte();
        if (tag < SIGN_IN || tag > SECURITY_ALERT) throw new IOException("not an encoded event: tag " + tag);
        into.seconds = in.readLong();
        into.nanos = varInt(in);
        into.file = str(in);
        into.line = varLong(in);
        into.index = varInt(in);
    }

    // --- events

    private static void writeSignIn(SignIn s, DataOutput out) throws IOException {
        writeHead(s.time(), s.source(), s.tenantId(), out);
        id(s.id(), out);
        id(s.correlationId(), out);
        str(s.sessionId(), out);
        id(s.uniqueTokenId(), out);
        str(s.userId(), out);
        str(s.userPrincipalName(), out);
        str(s.userType(), out);
        out.writeByte(s.category().ordinal());
        str(s.ip(), out);
        varInt(s.asn(), out);
        str(s.userAgent(), out);
        Device d = s.device();
        str(d.id(), out);
        str(d.name(), out);
        str(d.operatingSystem(), out);
        str(d.browser(), out);
        str(d.trustType(), out);
        out.writeBoolean(d.compliant());
        out.writeBoolean(d.managed());
        writeGeo(s.geo(), out);
        strings(s.namedLocations(), out);
        out.writeBoolean(s.trustedLocation());
        str(s.appId(), out);
        str(s.appName(), out);
        str(s.resourceId(), out);
        str(s.resourceName(), out);
        str(s.clientApp(), out);
        str(s.authRequirement(), out);
        varInt(s.authSteps().size(), out);
        for (AuthStep a : s.authSteps()) {
            str(a.method(), out);
            str(a.methodDetail(), out);
            out.writeBoolean(a.succeeded());
            str(a.resultDetail(), out);
            str(a.requirement(), out);
        }
        varInt(s.errorCode(), out);
        str(s.failureReason(), out);
        str(s.statusDetail(), out);
        str(s.caStatus(), out);
        varInt(s.caPolicies().size(), out);
        for (CaResult c : s.caPolicies()) {
            str(c.id(), out);
            str(c.displayName(), out);
            str(c.result(), out);
            strings(c.grantControls(), out);
            strings(c.sessionControls(), out);
        }
        Risk r = s.risk();
        str(r.levelDuringSignIn(), out);
        str(r.levelAggregated(), out);
        str(r.state(), out);
        str(r.detail(), out);
        strings(r.eventTypes(), out);
        TokenContext t = s.token();
        str(t.incomingTokenType(), out);
        str(t.issuerType(), out);
        str(t.transferMethod(), out);
        str(t.protocol(), out);
        str(t.protectionStatus(), out);
        varInt(t.protectionCode(), out);
        out.writeBoolean(t.cae());
    }

    private static SignIn readSignIn(DataInput in) throws IOException {
        Instant time = readTime(in);
        Source source = readSource(in);
        String tenantId = str(in);
        LogId id = id(in), correlationId = id(in);
        String sessionId = str(in);
        LogId uniqueTokenId = id(in);
        String userId = str(in), upn = str(in), userType = str(in);
        SignIn.Category category = CATEGORIES[in.readUnsignedByte()];
        String ip = str(in);
        int asn = varInt(in);
        String userAgent = str(in);
        Device device = part(in, DEVICE);
        Geo geo = part(in, PLACE);
        List<String> namedLocations = strings(in);
        boolean trusted = in.readBoolean();
        String appId = str(in), appName = str(in), resourceId = str(in), resourceName = str(in), clientApp = str(in);
        String authRequirement = str(in);
        List<AuthStep> steps = part(in, AUTH_STEPS);
        int errorCode = varInt(in);
        String failureReason = str(in), statusDetail = str(in), caStatus = str(in);
        List<CaResult> ca = part(in, POLICIES);
        Risk risk = part(in, RISK);
        TokenContext token = part(in, TOKEN);
        return new SignIn(time, source, tenantId, id, correlationId, sessionId, uniqueTokenId, userId, upn, userType,
                category, ip, asn, userAgent, device, geo, namedLocations, trusted, appId, appName, resourceId,
                resourceName, clientApp, authRequirement, steps, errorCode, failureReason, statusDetail,
                caStatus, ca, risk, token);
    }

    private static Device readDevice(DataInput in) throws IOException {
        return new Device(str(in), str(in), str(in), str(in), str(in), in.readBoolean(), in.readBoolean());
    }

    private static List<AuthStep> readAuthSteps(DataInput in) throws IOException {
        AuthStep[] steps = new AuthStep[varInt(in)];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = new AuthStep(str(in), str(in), in.readBoolean(), str(in), str(in));
        }
        return List.of(steps);
    }

    private static List<CaResult> readPolicies(DataInput in) throws IOException {
        CaResult[] ca = new CaResult[varInt(in)];
        for (int i = 0; i < ca.length; i++) {
            ca[i] = new CaResult(str(in), str(in), str(in), strings(in), strings(in));
        }
        return List.of(ca);
    }

    // --- parts of a sign-in that repeat from event to event, decoded once while their bytes stay memoized

    /**
     * A part of a sign-in that repeats — a device, a place, the auth steps, the policies, the risk, the token: how it
     * is read, the layout its writer gives it (so its end is found without decoding it), and the parts already read.
     * Each is decoded once and shared (the values are immutable): one lookup of its bytes instead of a pooled-string
     * lookup, with its hashing and likely cache miss, for each of its strings. {@link #part} checks on every read that
     * the reader ended where the layout said, so a layout that drifts from its writer fails the first decode.
     *
     * @param shape a letter per item — S a string, L a list of strings, V a varint, B a byte, D eight bytes — and a
     *              leading * for a count followed by that many of the rest
     */
    private record Part<T>(String shape, Reader<T> reader, ValueMemo<T> memo) {
    }

    private interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    // sized for the distinct values of a large tenant: devices are the most varied
    private static final Part<Device> DEVICE = new Part<>("SSSSSBB", EventCodec::readDevice, new ValueMemo<>(1 << 14));
    private static final Part<Geo> PLACE = new Part<>("SSSDD", EventCodec::readGeo, new ValueMemo<>(1 << 12));
    private static final Part<List<AuthStep>> AUTH_STEPS = new Part<>("*SSBSS", EventCodec::readAuthSteps, new ValueMemo<>(1 << 12));
    private static final Part<List<CaResult>> POLICIES = new Part<>("*SSSLL", EventCodec::readPolicies, new ValueMemo<>(1 << 10));
    private static final Part<Risk> RISK = new Part<>("SSSSL",
            in -> new Risk(str(in), str(in), str(in), str(in), strings(in)), new ValueMemo<>(1 << 8));
    private static final Part<TokenContext> TOKEN = new Part<>("SSSSSVB",
            in -> new TokenContext(str(in), str(in), str(in), str(in), str(in), varInt(in), in.readBoolean()), new ValueMemo<>(1 << 10));

    /**
     * The part encoded next: found by its bytes in its memo, else read and kept there. Only an in-memory input can be
     * looked at before it is read; any other is just read.
     */
    private static <T> T part(DataInput in, Part<T> part) throws IOException {
        if (!(in instanceof ByteArrayInput fast)) return part.reader.read(in);
        byte[] b = fast.array();
        int from = fast.position();
        skip(fast, part.shape);
        int to = fast.position();
        T known = part.memo.get(b, from, to);
        if (known != null) return known;
        fast.moveTo(from);
        T value = part.reader.read(fast);
        if (fast.position() != to) throw new IOException("a part of shape " + part.shape + " read to " + fast.position() + ", not " + to);
        part.memo.put(b, from, to, value);
        return value;
    }

    /** Steps over the part of this shape encoded next, reading only its lengths and counts. */
    private static void skip(ByteArrayInput in, String shape) throws IOException {
        if (shape.charAt(0) == '*') {
            for (long n = varLong(in); n > 0; n--) skipItems(in, shape, 1);
        } else {
            skipItems(in, shape, 0);
        }
    }

    private static void skipItems(ByteArrayInput in, String shape, int from) throws IOException {
        for (int k = from; k < shape.length(); k++) {
            switch (shape.charAt(k)) {
                case 'S' -> in.skipExactly(varLong(in));
                case 'L' -> {
                    for (long n = varLong(in); n > 0; n--) in.skipExactly(varLong(in));
                }
                case 'V' -> varLong(in);
                case 'B' -> in.skipExactly(1);
                case 'D' -> in.skipExactly(8);
                default -> throw new IllegalArgumentException("shape " + shape);
            }
        }
    }

    private static void writeAudit(DirectoryAudit a, DataOutput out) throws IOException {
        writeHead(a.time(), a.source(), a.tenantId(), out);
        id(a.id(), out);
        id(a.correlationId(), out);
        str(a.operation(), out);
        str(a.category(), out);
        str(a.service(), out);
        str(a.operationType(), out);
        str(a.result(), out);
        str(a.resultReason(), out);
        DirectoryAudit.Actor actor = a.actor();
        str(actor.userId(), out);
        str(actor.userPrincipalName(), out);
        str(actor.appId(), out);
        str(actor.appName(), out);
        str(actor.ip(), out);
        varInt(a.targets().size(), out);
        for (DirectoryAudit.Target t : a.targets()) {
            str(t.id(), out);
            str(t.displayName(), out);
            str(t.type(), out);
            str(t.userPrincipalName(), out);
            varInt(t.changes().size(), out);
            for (DirectoryAudit.Change c : t.changes()) {
                str(c.name(), out);
                str(c.oldValue(), out);
                str(c.newValue(), out);
            }
        }
        varInt(a.details().size(), out);
        for (Map.Entry<String, String> e : a.details().entrySet()) {
            str(e.getKey(), out);
            str(e.getValue(), out);
        }
        str(a.sessionId(), out);
        id(a.uniqueTokenId(), out);
        writeArtifact(a.artifact(), out);
    }

    private static DirectoryAudit readAudit(DataInput in) throws IOException {
        Instant time = readTime(in);
        Source source = readSource(in);
        String tenantId = str(in);
        LogId id = id(in), correlationId = id(in);
        String operation = str(in), category = str(in), service = str(in), operationType = str(in), result = str(in),
                resultReason = str(in);
        DirectoryAudit.Actor actor = new DirectoryAudit.Actor(str(in), str(in), str(in), str(in), str(in));
        DirectoryAudit.Target[] targets = new DirectoryAudit.Target[varInt(in)];
        for (int i = 0; i < targets.length; i++) {
            String tid = str(in), name = str(in), type = str(in), upn = str(in);
            DirectoryAudit.Change[] changes = new DirectoryAudit.Change[varInt(in)];
            for (int j = 0; j < changes.length; j++) changes[j] = new DirectoryAudit.Change(str(in), str(in), str(in));
            targets[i] = new DirectoryAudit.Target(tid, name, type, upn, List.of(changes));
        }
        int detailCount = varInt(in);
        Map<String, String> details;
        if (detailCount == 0) {
            details = Map.of();
        } else {
            // insertion order kept: evidence lists details as logged
            LinkedHashMap<String, String> m = new LinkedHashMap<>(detailCount * 2);
            for (int i = 0; i < detailCount; i++) m.put(str(in), str(in));
            details = Collections.unmodifiableMap(m);
        }
        String sessionId = str(in);
        LogId uniqueTokenId = id(in);
        Optional<Artifact> artifact = readArtifact(in);
        return new DirectoryAudit(time, source, tenantId, id, correlationId, operation, category, service,
                operationType, result, resultReason, actor, List.of(targets), details, sessionId, uniqueTokenId, artifact);
    }

    private static void writeRisk(RiskDetection r, DataOutput out) throws IOException {
        writeHead(r.time(), r.source(), r.tenantId(), out);
        str(r.id(), out);
        str(r.requestId(), out);
        str(r.correlationId(), out);
        str(r.userId(), out);
        str(r.userPrincipalName(), out);
        str(r.riskEventType(), out);
        str(r.riskLevel(), out);
        str(r.riskState(), out);
        str(r.riskDetail(), out);
        str(r.timing(), out);
        str(r.detectionSource(), out);
        str(r.activity(), out);
        str(r.ip(), out);
        writeGeo(r.geo(), out);
        str(r.userAgent(), out);
    }

    private static RiskDetection readRisk(DataInput in) throws IOException {
        Instant time = readTime(in);
        Source source = readSource(in);
        String tenantId = str(in);
        String id = unique(in), requestId = unique(in), correlationId = unique(in), userId = str(in), upn = str(in),
                type = str(in), level = str(in), state = str(in), detail = str(in), timing = str(in),
                detectionSource = str(in), activity = str(in), ip = str(in);
        Geo geo = readGeo(in);
        return new RiskDetection(time, source, tenantId, id, requestId, correlationId, userId, upn, type, level, state,
                detail, timing, detectionSource, activity, ip, geo, str(in));
    }

    private static void writeOffice(OfficeActivity o, DataOutput out) throws IOException {
        writeHead(o.time(), o.source(), o.tenantId(), out);
        id(o.id(), out);
        str(o.workload(), out);
        str(o.operation(), out);
        varInt(o.recordType(), out);
        str(o.userId(), out);
        str(o.mailboxOwner(), out);
        str(o.ip(), out);
        str(o.clientInfo(), out);
        str(o.userAgent(), out);
        str(o.appId(), out);
        str(o.clientAppId(), out);
        str(o.sessionId(), out);
        id(o.uniqueTokenId(), out);
        varInt(o.logonType(), out);
        out.writeBoolean(o.success());
        varInt(o.itemCount(), out);
        str(o.subject(), out);
        str(o.objectId(), out);
        writeArtifact(o.artifact(), out);
    }

    private static OfficeActivity readOffice(DataInput in) throws IOException {
        Instant time = readTime(in);
        Source source = readSource(in);
        String tenantId = str(in);
        LogId id = id(in);
        String workload = str(in), operation = str(in);
        int recordType = varInt(in);
        String userId = str(in), owner = str(in), ip = str(in), clientInfo = str(in), userAgent = str(in),
                appId = str(in), clientAppId = str(in), sessionId = str(in);
        LogId uniqueTokenId = id(in);
        int logonType = varInt(in);
        boolean success = in.readBoolean();
        int itemCount = varInt(in);
        String subject = str(in), objectId = str(in);
        return new OfficeActivity(time, source, tenantId, id, workload, operation, recordType, userId, owner, ip,
                clientInfo, userAgent, appId, clientAppId, sessionId, uniqueTokenId, logonType, success, itemCount,
                subject, objectId, readArtifact(in));
    }

    private static void writeSecurityAlert(SecurityAlert a, DataOutput out) throws IOException {
        writeHead(a.time(), a.source(), a.tenantId(), out);
        str(a.id(), out);
        str(a.provider(), out);
        str(a.title(), out);
        str(a.category(), out);
        str(a.severity(), out);
        str(a.status(), out);
        str(a.classification(), out);
        str(a.userId(), out);
        str(a.userPrincipalName(), out);
        strings(a.ips(), out);
        strings(a.techniques(), out);
        str(a.link(), out);
    }

    private static SecurityAlert readSecurityAlert(DataInput in) throws IOException {
        Instant time = readTime(in);
        Source source = readSource(in);
        String tenantId = str(in);
        String id = unique(in), provider = str(in), title = str(in), category = str(in), severity = str(in),
                status = str(in), classification = str(in), userId = str(in), upn = str(in);
        List<String> ips = strings(in), techniques = strings(in);
        return new SecurityAlert(time, source, tenantId, id, provider, title, category, severity, status, classification,
                userId, upn, ips, techniques, unique(in));
    }

    // --- parts

    private static void writeHead(Instant time, Source source, String tenantId, DataOutput out) throws IOException {
        out.writeLong(time.getEpochSecond());
        varInt(time.getNano(), out);
        str(source.file(), out);
        varLong(source.line(), out);
        varInt(source.index(), out);
        str(tenantId, out);
    }

    private static Instant readTime(DataInput in) throws IOException {
        long seconds = in.readLong();
        return Instant.ofEpochSecond(seconds, varInt(in));
    }

    private static Source readSource(DataInput in) throws IOException {
        return new Source(str(in), varLong(in), varInt(in));
    }

    private static void writeGeo(Geo g, DataOutput out) throws IOException {
        str(g.city(), out);
        str(g.state(), out);
        str(g.country(), out);
        out.writeDouble(g.latitude());
        out.writeDouble(g.longitude());
    }

    private static Geo readGeo(DataInput in) throws IOException {
        return new Geo(str(in), str(in), str(in), in.readDouble(), in.readDouble());
    }

    private static void writeArtifact(Optional<Artifact> artifact, DataOutput out) throws IOException {
        if (artifact.isEmpty()) {
            out.writeByte(NO_ARTIFACT);
            return;
        }
        Artifact a = artifact.get();
        if (a instanceof Artifact.InboxRule r) {
            out.writeByte(INBOX_RULE);
            str(r.operation(), out);
            str(r.name(), out);
            out.writeBoolean(r.enabled());
            str(r.conditions(), out);
            strings(r.forwardTo(), out);
            strings(r.redirectTo(), out);
            strings(r.forwardAsAttachmentTo(), out);
            out.writeBoolean(r.deletes());
            out.writeBoolean(r.marksRead());
            str(r.moveToFolder(), out);
            out.writeBoolean(r.stopsProcessing());
            str(r.mailbox(), out);
            str(r.ruleId(), out);
        } else if (a instanceof Artifact.MailForwarding f) {
            out.writeByte(MAIL_FORWARDING);
            str(f.operation(), out);
            str(f.mailbox(), out);
            strings(f.addresses(), out);
            out.writeBoolean(f.keepsCopy());
        } else if (a instanceof Artifact.MailboxDelegation d) {
            out.writeByte(MAILBOX_DELEGATION);
            str(d.operation(), out);
            str(d.mailbox(), out);
            str(d.grantee(), out);
            str(d.rights(), out);
        } else if (a instanceof Artifact.AppConsent c) {
            out.writeByte(APP_CONSENT);
            str(c.appId(), out);
            str(c.appName(), out);
            strings(c.scopes(), out);
            str(c.consentType(), out);
            out.writeBoolean(c.adminConsent());
            str(c.servicePrincipalId(), out);
            strings(c.grantIds(), out);
        } else if (a instanceof Artifact.MfaMethodChange m) {
            out.writeByte(MFA_METHOD_CHANGE);
            str(m.method(), out);
            out.writeBoolean(m.added());
            out.writeBoolean(m.byAdmin());
            str(m.methodId(), out);
        } else if (a instanceof Artifact.DeviceRegistration d) {
            out.writeByte(DEVICE_REGISTRATION);
            str(d.deviceId(), out);
            str(d.displayName(), out);
            str(d.operatingSystem(), out);
            str(d.osVersion(), out);
            str(d.trustType(), out);
        } else {
            Artifact.PolicyChange p = (Artifact.PolicyChange) a;
            out.writeByte(POLICY_CHANGE);
            out.writeByte(p.kind().ordinal());
            str(p.operation(), out);
            str(p.policyId(), out);
            str(p.policyName(), out);
            str(p.oldValue(), out);
            str(p.newValue(), out);
        }
    }

    private static Optional<Artifact> readArtifact(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        Artifact a = switch (tag) {
            case NO_ARTIFACT -> null;
            case INBOX_RULE -> new Artifact.InboxRule(str(in), str(in), in.readBoolean(), str(in), strings(in),
                    strings(in), strings(in), in.readBoolean(), in.readBoolean(), str(in), in.readBoolean(), str(in), str(in));
            case MAIL_FORWARDING -> new Artifact.MailForwarding(str(in), str(in), strings(in), in.readBoolean());
            case MAILBOX_DELEGATION -> new Artifact.MailboxDelegation(str(in), str(in), str(in), str(in));
            case APP_CONSENT -> new Artifact.AppConsent(str(in), str(in), strings(in), str(in), in.readBoolean(), str(in),
                    strings(in));
            case MFA_METHOD_CHANGE -> new Artifact.MfaMethodChange(str(in), in.readBoolean(), in.readBoolean(), str(in));
            case DEVICE_REGISTRATION -> new Artifact.DeviceRegistration(str(in), str(in), str(in), str(in), str(in));
            case POLICY_CHANGE -> new Artifact.PolicyChange(POLICY_KINDS[in.readUnsignedByte()], str(in), str(in),
                    str(in), str(in), str(in));
            default -> throw new IOException("not an encoded artifact: tag " + tag);
        };
        return Optional.ofNullable(a);
    }

    // --- primitives

    private static void str(String s, DataOutput out) throws IOException {
        if (s.isEmpty()) {
            out.writeByte(0);
            return;
        }
        if (out instanceof ByteArrayOutput fast) {
            // ASCII: as many UTF-8 bytes as chars, written straight from the string
            int mark = fast.size();
            varInt(s.length(), out);
            if (fast.writeAscii(s)) return;
            fast.truncate(mark);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varInt(b.length, out);
        out.write(b);
    }

    private static String str(DataInput in) throws IOException {
        int n = varInt(in);
        if (n == 0) return "";
        if (in instanceof ByteArrayInput fast) return fast.readUtf8(n);
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * An id that is new on almost every row, written as its text (so the bytes are those of a string) and read without
     * a string for the common shapes ({@link LogId}); never pooled: a million distinct ids would only push the users,
     * addresses and agents that do repeat out of the {@link StringPool}.
     */
    private static void id(LogId id, DataOutput out) throws IOException {
        str(id.toString(), out);
    }

    private static LogId id(DataInput in) throws IOException {
        int n = varInt(in);
        if (n == 0) return LogId.NONE;
        if (in instanceof ByteArrayInput fast) return fast.readId(n);
        byte[] b = new byte[n];
        in.readFully(b);
        return LogId.utf8(b, 0, n);
    }

    /** A row's own string that is not a {@link LogId} (a risk detection's or alert's ids): not pooled either. */
    private static String unique(DataInput in) throws IOException {
        int n = varInt(in);
        if (n == 0) return "";
        if (in instanceof ByteArrayInput fast) return fast.readUnpooledUtf8(n);
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void strings(List<String> list, DataOutput out) throws IOException {
        varInt(list.size(), out);
        for (String s : list) str(s, out);
    }

    private static List<String> strings(DataInput in) throws IOException {
        int n = varInt(in);
        if (n == 0) return List.of();
        String[] a = new String[n];
        for (int i = 0; i < n; i++) a[i] = str(in);
        return List.of(a);
    }

    /** Zig-zag, so that the -1 of an unknown token-protection code stays one byte. */
    private static void varInt(int v, DataOutput out) throws IOException {
        varLong(v, out);
    }

    private static int varInt(DataInput in) throws IOException {
        return (int) varLong(in);
    }

    private static void varLong(long v, DataOutput out) throws IOException {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.writeByte((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.writeByte((int) z);
    }

    private static long varLong(DataInput in) throws IOException {
        long z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (z >>> 1) ^ -(z & 1);
        }
        throw new IOException("malformed varint");
    }

    // --- parts other codecs reuse: alerts and incident checkpoints carry artifacts and text the way events do

    public static void writeArtifact(Artifact artifact, DataOutput out) throws IOException {
        writeArtifact(Optional.of(artifact), out);
    }

    public static Artifact readArtifactValue(DataInput in) throws IOException {
        return readArtifact(in).orElseThrow(() -> new IOException("an artifact was expected, found none"));
    }

    /** Any length of text (unlike {@link DataOutput#writeUTF}, which stops at 64 KB). */
    public static void writeString(String s, DataOutput out) throws IOException {
        str(s, out);
    }

    public static String readString(DataInput in) throws IOException {
        return str(in);
    }

    public static void writeStrings(List<String> list, DataOutput out) throws IOException {
        strings(list, out);
    }

    public static List<String> readStrings(DataInput in) throws IOException {
        return strings(in);
    }
}
