package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.EventKind;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.TreeMap;

import static io.aitmdefense.detect.api.StateIo.list;
import static io.aitmdefense.detect.api.StateIo.network;
import static io.aitmdefense.detect.api.StateIo.source;
import static io.aitmdefense.detect.api.StateIo.str;
import static io.aitmdefense.detect.api.StateIo.strings;
import static io.aitmdefense.detect.api.StateIo.varInt;
import static io.aitmdefense.detect.api.StateIo.varLong;

/**
 * The snapshot codecs of the detections' states, one per state class, each at layout version 1. A field added to a
 * state raises its codec's version and teaches {@code read} the older layout (or refuses it, naming both).
 */
final class StateCodecs {
    private static final EventKind[] EVENT_KINDS = EventKind.values();
    private static final UserAgents.Kind[] CLIENT_KINDS = UserAgents.Kind.values();

    private StateCodecs() {
    }

    /** A codec of layout version 1 from a writer and a reader. */
    static <T> StateCodec<T> v1(String name, StateIo.Writer<T> writer, StateIo.Reader<T> reader) {
        return new StateCodec<>() {
            @Override
            public int version() {
                return 1;
            }

            @Override
            public void write(T value, DataOutput out) throws IOException {
                writer.write(value, out);
            }

            @Override
            public T read(DataInput in, int version) throws IOException {
                if (version != 1) throw StateIo.unsupported(name, version, 1);
                return reader.read(in);
            }
        };
    }

    // --- pieces

    static void client(UserAgents.Client c, DataOutput out) throws IOException {
        str(c.deviceId(), out);
        str(c.os(), out);
        str(c.family(), out);
        out.writeByte(c.kind().ordinal());
    }

    static UserAgents.Client client(DataInput in) throws IOException {
        return new UserAgents.Client(str(in), str(in), str(in), StateIo.enumOf(CLIENT_KINDS, in));
    }

    static EventKind eventKind(DataInput in) throws IOException {
        return StateIo.enumOf(EVENT_KINDS, in);
    }

    static void sessionUse(SessionReplayUse u, DataOutput out) throws IOException {
        varLong(u.time(), out);
        source(u.source(), out);
        out.writeByte(u.eventKind().ordinal());
        str(u.session(), out);
        str(u.tokenId().toString(), out);
        out.writeBoolean(u.interactive());
        out.writeBoolean(u.signIn());
        network(u.network(), out);
        str(u.userAgent(), out);
        client(u.client(), out);
        str(u.app(), out);
        out.writeBoolean(u.counted());
        out.writeBoolean(u.handOff());
    }

    static SessionReplayUse sessionUse(DataInput in) throws IOException {
        return new SessionReplayUse(varLong(in), source(in), eventKind(in), str(in), LogId.of(str(in)), in.readBoolean(), in.readBoolean(),
                network(in), str(in), client(in), str(in), in.readBoolean(), in.readBoolean());
    }

    static void longs(HashMap<String, Long> m, DataOutput out) throws IOException {
        StateIo.sortedMap(m, out, (v, o) -> varLong(v, o));
    }

    static HashMap<String, Long> longs(DataInput in) throws IOException {
        return StateIo.map(in, new HashMap<>(), StateIo::varLong);
    }

    // --- states

    static final StateCodec<SessionEpisodes> SESSION_EPISODES = v1("session episodes", (s, out) -> {
        varLong(s.judgedUpTo, out);
        longs(s.episodes, out);
    }, in -> {
        SessionEpisodes s = new SessionEpisodes();
        s.judgedUpTo = varLong(in);
        s.episodes.putAll(longs(in));
        return s;
    });

    static final StateCodec<TokenWithoutMfaHistory<String>> APP_DAYS = v1("app days", (h, out) -> h.write(out, StateIo::str), in -> {
        TokenWithoutMfaHistory<String> h = new TokenWithoutMfaHistory<>(HostingIpSignInDetection.APPS);
        h.read(in, StateIo::str);
        return h;
    });

    static final StateCodec<TreeMap<Long, Long>> DAYS = v1("days", StateIo::longMap, in -> StateIo.longMap(in, new TreeMap<>()));

    static final StateCodec<TokenWithoutMfaDetection.TokenWithoutMfaState> TOKEN_WITHOUT_MFA = v1("token-without-mfa history", (s, out) -> {
        s.networks.write(out, StateIo::network);
        s.devices.write(out, StateIo::str);
        s.pending.write(out, (c, o) -> {
            varLong(c.time(), o);
            source(c.source(), o);
            network(c.network(), o);
            str(c.deviceId(), o);
            str(c.deviceName(), o);
            client(c.client(), o);
            str(c.userAgent(), o);
            str(c.app(), o);
            str(c.session(), o);
            strings(c.mfaPolicies(), o);
            str(c.authRequirement(), o);
            o.writeBoolean(c.hosting());
        });
        varLong(s.trimmedAt, out);
    }, in -> {
        TokenWithoutMfaDetection.TokenWithoutMfaState s = new TokenWithoutMfaDetection.TokenWithoutMfaState();
        s.networks.read(in, StateIo::network);
        s.devices.read(in, StateIo::str);
        s.pending.read(in, i -> new TokenWithoutMfaDetection.Candidate(varLong(i), source(i), network(i), str(i), str(i),
                client(i), str(i), str(i), str(i), strings(i), str(i), i.readBoolean()));
        s.trimmedAt = varLong(in);
        return s;
    });

    static final StateCodec<Pending<SignInThenPersistenceDetection.Change>> PERSISTENCE = v1("pending persistence", (s, out) -> {
        s.write(out, (c, o) -> {
            varLong(c.time(), o);
            source(c.source(), o);
            o.writeByte(c.kind().ordinal());
            PersistenceChange p = c.change();
            str(p.kind(), o);
            str(p.what(), o);
            strings(p.external(), o);
            str(p.ip(), o);
            str(p.session(), o);
            StateIo.artifact(p.artifact(), o);
        });
    }, in -> {
        Pending<SignInThenPersistenceDetection.Change> s = new Pending<>();
        s.read(in, i -> new SignInThenPersistenceDetection.Change(varLong(i), source(i), eventKind(i),
                new PersistenceChange(str(i), str(i), strings(i), str(i), str(i), StateIo.artifact(i))));
        return s;
    });

    static final StateCodec<MassMailAccessDetection.MassMailAccessState> MASS_MAIL = v1("mail reads", (s, out) -> {
        s.accesses.write(out, (a, o) -> {
            varLong(a.time(), o);
            source(a.source(), o);
            network(a.network(), o);
            str(a.session(), o);
            varInt(a.items(), o);
            str(a.client(), o);
        });
        s.itemsByHour.write(out);
    }, in -> {
        MassMailAccessDetection.MassMailAccessState s = new MassMailAccessDetection.MassMailAccessState();
        s.accesses.read(in, i -> new MassMailAccessDetection.Access(varLong(i), source(i), network(i), str(i), varInt(i), str(i)));
        s.itemsByHour.read(in);
        return s;
    });

    static final StateCodec<Pending<BecSendDetection.Sent>> BEC_SEND = v1("sent mail", (s, out) -> {
        s.write(out, (m, o) -> {
            varLong(m.time(), o);
            source(m.source(), o);
            str(m.operation(), o);
            network(m.network(), o);
            str(m.session(), o);
            str(m.subject(), o);
            str(m.client(), o);
        });
    }, in -> {
        Pending<BecSendDetection.Sent> s = new Pending<>();
        s.read(in, i -> new BecSendDetection.Sent(varLong(i), source(i), str(i), network(i), str(i), str(i), str(i)));
        return s;
    });

    static final StateCodec<Pending<CaTamperingDetection.Change>> CA_TAMPERING = v1("pending policy changes", (s, out) -> {
        s.write(out, (c, o) -> {
            varLong(c.time(), o);
            source(c.source(), o);
            str(c.actorIp(), o);
            network(c.network(), o);
            str(c.what(), o);
            o.writeBoolean(c.weakens());
            StateIo.artifact(c.policy(), o);
        });
    }, in -> {
        Pending<CaTamperingDetection.Change> s = new Pending<>();
        s.read(in, i -> new CaTamperingDetection.Change(varLong(i), source(i), str(i), network(i), str(i), i.readBoolean(),
                (io.aitmdefense.events.Artifact.PolicyChange) StateIo.artifact(i)));
        return s;
    });

    static final StateCodec<Pending<RiskAnomalousTokenDetection.Hit>> RISK = v1("risk detections", (s, out) -> {
        s.write(out, (h, o) -> {
            varLong(h.time(), o);
            source(h.source(), o);
            str(h.type(), o);
            str(h.level(), o);
            str(h.timing(), o);
            network(h.network(), o);
            str(h.userAgent(), o);
            o.writeBoolean(h.alone());
        });
    }, in -> {
        Pending<RiskAnomalousTokenDetection.Hit> s = new Pending<>();
        s.read(in, i -> new RiskAnomalousTokenDetection.Hit(varLong(i), source(i), str(i), str(i), str(i), network(i), str(i),
                i.readBoolean()));
        return s;
    });

    private static void row(DeviceCodePhishDetection.Row r, DataOutput o) throws IOException {
        varLong(r.time(), o);
        source(r.source(), o);
        o.writeByte(r.kind().ordinal());
        network(r.network(), o);
        str(r.session(), o);
        str(r.userAgent(), o);
        client(r.client(), o);
        str(r.what(), o);
        o.writeBoolean(r.hosting());
    }

    private static DeviceCodePhishDetection.Row row(DataInput i) throws IOException {
        return new DeviceCodePhishDetection.Row(varLong(i), source(i), eventKind(i), network(i), str(i), str(i), client(i), str(i),
                i.readBoolean());
    }

    static final StateCodec<DeviceCodePhishDetection.DeviceCodePhishState> DEVICE_CODE = v1("device-code flows", (s, out) -> {
        s.flows.write(out, StateCodecs::row);
        list(s.mail, out, StateCodecs::row);
    }, in -> {
        DeviceCodePhishDetection.DeviceCodePhishState s = new DeviceCodePhishDetection.DeviceCodePhishState();
        s.flows.read(in, StateCodecs::row);
        s.mail.addAll(list(in, StateCodecs::row));
        return s;
    });

    static final StateCodec<HostingIpSignInDetection.HostingIpSignInState> HOSTING = v1("hosting sign-ins", (s, out) -> {
        list(s.hits, out, (h, o) -> {
            varLong(h.time(), o);
            source(h.source(), o);
            network(h.network(), o);
            str(h.userAgent(), o);
            client(h.client(), o);
            str(h.app(), o);
            o.writeBoolean(h.interactive());
            o.writeBoolean(h.mfaPerformed());
            o.writeBoolean(h.satisfiedByToken());
            o.writeBoolean(h.script());
            str(h.session(), o);
            o.writeBoolean(h.ownDevice());
            str(h.thirdPartyApp(), o);
        });
        varLong(s.judgedUpTo, out);
        longs(s.openSince, out);
    }, in -> {
        HostingIpSignInDetection.HostingIpSignInState s = new HostingIpSignInDetection.HostingIpSignInState();
        s.hits.addAll(list(in, i -> new HostingIpSignInDetection.Hit(varLong(i), source(i), network(i), str(i), client(i), str(i),
                i.readBoolean(), i.readBoolean(), i.readBoolean(), i.readBoolean(), str(i), i.readBoolean(), str(i))));
        s.judgedUpTo = varLong(in);
        s.openSince.putAll(longs(in));
        return s;
    });

    static final StateCodec<ImpossibleTravelDetection.ImpossibleTravelState> TRAVEL = v1("sign-in places", (s, out) -> {
        list(s.places, out, (p, o) -> {
            varLong(p.time(), o);
            source(p.source(), o);
            o.writeDouble(p.latitude());
            o.writeDouble(p.longitude());
            str(p.where(), o);
            network(p.network(), o);
            client(p.client(), o);
            str(p.userAgent(), o);
            str(p.app(), o);
            o.writeBoolean(p.interactive());
            str(p.session(), o);
            str(p.country(), o);
        });
        varLong(s.judgedUpTo, out);
        varLong(s.lastAlert, out);
    }, in -> {
        ImpossibleTravelDetection.ImpossibleTravelState s = new ImpossibleTravelDetection.ImpossibleTravelState();
        s.places.addAll(list(in, i -> new ImpossibleTravelDetection.Place(varLong(i), source(i), i.readDouble(), i.readDouble(), str(i),
                network(i), client(i), str(i), str(i), i.readBoolean(), str(i), str(i))));
        s.judgedUpTo = varLong(in);
        s.lastAlert = varLong(in);
        return s;
    });

    static final StateCodec<TokenProtectionFailureDetection.TokenProtectionFailureState> TOKEN_PROTECTION = v1("binding failures", (s, out) -> {
        list(s.failures, out, (f, o) -> {
            varLong(f.time(), o);
            source(f.source(), o);
            network(f.network(), o);
            str(f.userAgent(), o);
            client(f.client(), o);
            str(f.app(), o);
            strings(f.policies(), o);
            o.writeBoolean(f.enforced());
            o.writeBoolean(f.blocked());
            str(f.status(), o);
            varInt(f.code(), o);
            o.writeBoolean(f.suspicious());
        });
        varLong(s.judgedUpTo, out);
        varLong(s.openSince, out);
    }, in -> {
        TokenProtectionFailureDetection.TokenProtectionFailureState s = new TokenProtectionFailureDetection.TokenProtectionFailureState();
        s.failures.addAll(list(in, i -> new TokenProtectionFailureDetection.Failure(varLong(i), source(i), network(i), str(i), client(i),
                str(i), strings(i), i.readBoolean(), i.readBoolean(), str(i), varInt(i), i.readBoolean())));
        s.judgedUpTo = varLong(in);
        s.openSince = varLong(in);
        return s;
    });
}
