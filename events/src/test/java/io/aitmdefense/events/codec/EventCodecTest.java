package io.aitmdefense.events.codec;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    static Stream<Arguments> eventTypesAndSeeds() {
        List<Arguments> args = new ArrayList<>();
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            for (long seed = 1; seed <= 25; seed++) args.add(Arguments.of(type.getSimpleName(), type, seed));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("eventTypesAndSeeds")
    void everyEventTypeWithRandomValuesInEveryComponentDecodesEqual(String name, Class<? extends Event> type, long seed)
            throws IOException {
        Event event = new RandomRecords(seed).of(type);

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    static Stream<Arguments> artifactTypesAndSeeds() {
        List<Arguments> args = new ArrayList<>();
        for (Class<?> type : Artifact.class.getPermittedSubclasses()) {
            for (long seed = 1; seed <= 10; seed++) args.add(Arguments.of(type.getSimpleName(), type, seed));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("artifactTypesAndSeeds")
    void everyArtifactOnAuditsAndOfficeActivityDecodesEqual(String name, Class<? extends Artifact> type, long seed)
            throws IOException {
        RandomRecords random = new RandomRecords(seed);
        Artifact artifact = random.of(type);
        DirectoryAudit audit = withArtifact(random.of(DirectoryAudit.class), artifact);
        OfficeActivity office = withArtifact(random.of(OfficeActivity.class), artifact);

        assertThat(roundTrip(audit)).isEqualTo(audit);
        assertThat(roundTrip(office)).isEqualTo(office);
    }

    /**
     * Guards the round trips above: two records that differ in any one component must encode differently, else
     * the codec skipped that component (equals after decode would still hold for a field generated at its default).
     */
    static Stream<Arguments> eventTypesAndFewSeeds() {
        return eventTypesAndSeeds().filter(a -> (long) a.get()[2] <= 3);
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("eventTypesAndFewSeeds")
    void changingAnySingleComponentChangesTheBytes(String name, Class<? extends Event> type, long seed) throws Exception {
        Event base = new RandomRecords(seed).of(type);
        RandomRecords other = new RandomRecords(seed + 1000);
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Object[] values = values((Record) base);
            Object replacement;
            do {
                replacement = components[i].getAccessor().invoke(other.of(type));
            } while (replacement.equals(values[i]));
            values[i] = replacement;
            Event changed = construct(type, values);
            assertThat(EventCodec.encode(changed))
                    .as("%s.%s must be encoded", type.getSimpleName(), components[i].getName())
                    .isNotEqualTo(EventCodec.encode(base));
        }
    }

    @Test
    void defaultsAndEmptyValuesOfTheSampleBuildersDecodeEqual() throws IOException {
        List<Event> samples = List.of(SampleEvents.signIn().build(), SampleEvents.signIn().satisfiedByToken().build(),
                SampleEvents.audit("Add member to role").build(), SampleEvents.office("New-InboxRule").build(),
                SampleEvents.risk("anomalousToken").build());
        for (Event e : samples) assertThat(roundTrip(e)).isEqualTo(e);
    }

    @Test
    void theStandardDataStreamsReadWhatTheByteArrayOutputWrites() throws IOException {
        Event event = new RandomRecords(7).of(SignIn.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventCodec.write(event, new DataOutputStream(bytes));

        assertThat(bytes.toByteArray()).isEqualTo(EventCodec.encode(event));
        assertThat(EventCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))).isEqualTo(event);
    }

    /**
     * The codec writes ASCII strings straight from their chars and everything else through {@link String#getBytes}:
     * both must give the UTF-8 bytes {@link DataOutputStream} gets, at the ASCII boundary and past it (Latin-1,
     * other planes, an unpaired surrogate, which UTF-8 spells '?').
     */
    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5})
    void stringsEncodeToTheirUtf8BytesWhateverTheirChars(long seed) throws IOException {
        java.util.Random rnd = new java.util.Random(seed);
        String chars = "az09 ~\u007f\u0080é\u00ff€中\ud834\udd1e\ud800";
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(i % 50 == 0 ? 400 : 40);
            boolean ascii = rnd.nextBoolean();
            for (int k = 0; k < n; k++) b.append(chars.charAt(rnd.nextInt(ascii ? 6 : chars.length())));
            String text = b.toString();
            ByteArrayOutputStream standard = new ByteArrayOutputStream();
            EventCodec.writeString(text, new DataOutputStream(standard));
            ByteArrayOutput fast = new ByteArrayOutput(16);
            fast.writeInt(42); // written after other bytes, as in a frame
            EventCodec.writeString(text, fast);

            assertThat(Arrays.copyOfRange(fast.array(), 4, fast.size())).isEqualTo(standard.toByteArray());
            String back = EventCodec.readString(new ByteArrayInput(fast.array(), 4, fast.size() - 4));
            assertThat(back).isEqualTo(new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * A sign-in's repeating parts are decoded once and shared: decoding the same bytes again gives the same part
     * instances, and sign-ins that differ only in one part share the others and decode that one as their own.
     */
    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
    void repeatingPartsOfSignInsAreDecodedOnceAndShared(long seed) throws Exception {
        SignIn first = new RandomRecords(seed).of(SignIn.class);
        SignIn other = new RandomRecords(seed + 500).of(SignIn.class);
        SignIn a = (SignIn) roundTrip(first), b = (SignIn) roundTrip(first);

        assertThat(b).isEqualTo(first);
        for (String part : List.of("device", "geo", "authSteps", "caPolicies", "risk", "token")) {
            java.lang.reflect.Method get = SignIn.class.getMethod(part);
            assertThat(get.invoke(b)).as(part).isSameAs(get.invoke(a));
            Object[] values = values(first);
            int i = Arrays.asList(SignIn.class.getRecordComponents()).stream().map(RecordComponent::getName).toList().indexOf(part);
            values[i] = get.invoke(other);
            SignIn changed = construct(SignIn.class, values);
            SignIn decoded = (SignIn) roundTrip(changed);
            assertThat(decoded).as("only %s changed", part).isEqualTo(changed);
            assertThat(get.invoke(decoded)).isEqualTo(get.invoke(other)).isNotSameAs(get.invoke(a));
        }
    }

    @Test
    void eventsWrittenBackToBackAreReadBackInOrder() throws IOException {
        RandomRecords random = new RandomRecords(99);
        List<Event> events = new ArrayList<>();
        ByteArrayOutput out = new ByteArrayOutput(16);
        for (int i = 0; i < 200; i++) {
            Class<?>[] types = Event.class.getPermittedSubclasses();
            Event e = (Event) random.of(types[i % types.length]);
            events.add(e);
            EventCodec.write(e, out);
        }
        ByteArrayInput in = new ByteArrayInput(out.array(), 0, out.size());
        List<Event> back = new ArrayList<>();
        while (in.position() < out.size()) back.add(EventCodec.read(in));

        assertThat(back).isEqualTo(events);
    }

    @Test
    void bytesThatAreNotAnEventAreRejected() {
        assertThatThrownBy(() -> EventCodec.decode(new byte[]{42, 0, 0}, 0, 3))
                .hasMessageContaining("not an encoded event");
        byte[] cut = EventCodec.encode(SampleEvents.signIn().build());
        assertThatThrownBy(() -> EventCodec.decode(cut, 0, cut.length / 2)).isInstanceOf(IOException.class);
    }

    private static Event roundTrip(Event e) throws IOException {
        byte[] bytes = EventCodec.encode(e);
        return EventCodec.decode(bytes, 0, bytes.length);
    }

    private static Object[] values(Record r) throws ReflectiveOperationException {
        RecordComponent[] cs = r.getClass().getRecordComponents();
        Object[] v = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) v[i] = cs[i].getAccessor().invoke(r);
        return v;
    }

    private static <T> T construct(Class<T> type, Object[] values) throws ReflectiveOperationException {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static DirectoryAudit withArtifact(DirectoryAudit a, Artifact artifact) {
        return new DirectoryAudit(a.time(), a.source(), a.tenantId(), a.id(), a.correlationId(), a.operation(),
                a.category(), a.service(), a.operationType(), a.result(), a.resultReason(), a.actor(), a.targets(),
                a.details(), a.sessionId(), a.uniqueTokenId(), Optional.of(artifact));
    }

    private static OfficeActivity withArtifact(OfficeActivity o, Artifact artifact) {
        return new OfficeActivity(o.time(), o.source(), o.tenantId(), o.id(), o.workload(), o.operation(),
                o.recordType(), o.userId(), o.mailboxOwner(), o.ip(), o.clientInfo(), o.userAgent(), o.appId(),
                o.clientAppId(), o.sessionId(), o.uniqueTokenId(), o.logonType(), o.success(), o.itemCount(),
                o.subject(), o.objectId(), Optional.of(artifact));
    }
}
