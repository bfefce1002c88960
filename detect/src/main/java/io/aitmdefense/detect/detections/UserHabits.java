package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;

import java.time.Duration;
import java.time.Instant;

/**
 * What one user normally does, as far as the replay tradecraft detections ask: the networks, registered devices,
 * applications and resources of their successful sign-ins, each by UTC day over {@code historyDays}, and when the logs
 * first showed them. "A network the user never used" is only said when the logs hold at least a day of the user before
 * it: early in an export every network is new. One value per user, shared by the detections that ask (each hands in
 * the sign-ins it sees; the first records them); answers are about times strictly before the one asked, so they do not
 * depend on arrival order once the watermark has passed that time.
 */
final class UserHabits {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final int historyDays;
    private final TokenWithoutMfaHistory<Network> networks = new TokenWithoutMfaHistory<>(256);
    private final TokenWithoutMfaHistory<String> devices = new TokenWithoutMfaHistory<>(64);
    private final TokenWithoutMfaHistory<String> apps = new TokenWithoutMfaHistory<>(128);
    private final TokenWithoutMfaHistory<String> resources = new TokenWithoutMfaHistory<>(128);
    private long firstSignIn = Long.MAX_VALUE;
    private long lastTime;
    private Source lastSource;
    private long lastTrim = Long.MIN_VALUE;

    UserHabits(int historyDays) {
        this.historyDays = historyDays;
    }

    /** The user's habits, shared by every detection with this {@code historyDays}. */
    static StateDescriptor<UserHabits> state(int historyDays) {
        return StateDescriptor.shared("user-habits/" + historyDays + "d", () -> new UserHabits(historyDays),
                Duration.ofDays(historyDays + 2L), CODEC);
    }

    /** Whether a sign-in shapes the habits: a successful sign-in of a person. */
    static boolean relevant(SignIn s) {
        return s.success() && !s.workload();
    }

    /** Records a {@link #relevant} sign-in once, however many detections hand it in. */
    static void record(Context ctx, StateDescriptor<UserHabits> state, SignIn s, Network n) {
        ValueState<UserHabits> v = ctx.state(state);
        UserHabits h = v.value();
        long t = s.time().toEpochMilli();
        if (t == h.lastTime && s.source().equals(h.lastSource)) return;
        h.lastTime = t;
        h.lastSource = s.source();
        h.firstSignIn = Math.min(h.firstSignIn, t);
        if (!n.ip().isEmpty()) h.networks.record(n.block(), n, t);
        if (!s.device().id().isEmpty()) h.devices.record(s.device().id(), s.device().id(), t);
        if (!s.appId().isEmpty()) h.apps.record(s.appId().toLowerCase(java.util.Locale.ROOT), s.appId(), t);
        if (!s.resourceId().isEmpty()) h.resources.record(s.resourceId().toLowerCase(java.util.Locale.ROOT), s.resourceId(), t);
        long watermark = ctx.watermark() == Instant.MIN ? Long.MIN_VALUE : ctx.watermark().toEpochMilli();
        // a self-trim at most daily keeps a user no timer ever visits small
        if (watermark != Long.MIN_VALUE && (h.lastTrim == Long.MIN_VALUE || watermark - h.lastTrim > DAY)) h.trim(watermark);
        v.update(h);
    }

    /** Whether the logs hold at least {@code held} of the user's sign-ins before {@code time}. */
    boolean holdsHistory(long time, Duration held) {
        return firstSignIn != Long.MAX_VALUE && time - firstSignIn >= held.toMillis();
    }

    /** The user signed in from this network (same ASN, or /16 or /48 without one) in the history before {@code time}. */
    boolean knownNetwork(Network n, long time) {
        return knownNetwork(networks, n, time, historyDays);
    }

    /**
     * Whether {@code networks} (by block) holds a network that is not {@link SignInSignals#differentNetworks different}
     * from {@code n}, seen strictly before {@code time} and within {@code days}: the question every network history
     * answers. {@code n}'s own block (its ASN, or without one the /16 or /48 it is named by) is never a different network,
     * so it is asked first: one lookup answers most questions, where comparing every network of the user answers all.
     */
    static boolean knownNetwork(TokenWithoutMfaHistory<Network> networks, Network n, long time, int days) {
        return networks.seenBefore(n.block(), time, days)
                || networks.anySeenBefore(time, days, known -> !SignInSignals.differentNetworks(known, n));
    }

    boolean knownDevice(String deviceId, long time) {
        return !deviceId.isEmpty() && devices.seenBefore(deviceId, time, historyDays);
    }

    boolean knownApp(String appId, long time) {
        return apps.seenBefore(appId.toLowerCase(java.util.Locale.ROOT), time, historyDays);
    }

    boolean knownResource(String resourceId, long time) {
        return resources.seenBefore(resourceId.toLowerCase(java.util.Locale.ROOT), time, historyDays);
    }

    /** "in 14 days", or how much the logs hold before {@code time} when that is less. */
    String held(long time) {
        long held = time - firstSignIn;
        if (held >= historyDays * DAY) return "in " + historyDays + " days";
        return "in the " + (held < 2 * DAY ? held / HOUR + " hours" : held / DAY + " days") + " of the user's sign-ins the logs hold";
    }

    /** Forgets days no window ending at or after {@code now} needs. */
    static void trim(Context ctx, StateDescriptor<UserHabits> state, long now) {
        ValueState<UserHabits> v = ctx.state(state);
        UserHabits h = v.value();
        h.trim(now);
        if (h.networks.isEmpty() && h.devices.isEmpty() && h.apps.isEmpty() && h.resources.isEmpty()) v.clear();
        else v.update(h);
    }

    private void trim(long now) {
        lastTrim = now;
        // a row still waiting to be judged lies at most a correlation window (under a day) before the watermark
        long oldestAsked = now - DAY;
        networks.forgetBefore(oldestAsked, historyDays);
        devices.forgetBefore(oldestAsked, historyDays);
        apps.forgetBefore(oldestAsked, historyDays);
        resources.forgetBefore(oldestAsked, historyDays);
    }

    static final StateCodec<UserHabits> CODEC = StateCodecs.v1("user habits", (h, out) -> {
        StateIo.varInt(h.historyDays, out);
        h.networks.write(out, StateIo::network);
        h.devices.write(out, StateIo::str);
        h.apps.write(out, StateIo::str);
        h.resources.write(out, StateIo::str);
        StateIo.varLong(h.firstSignIn, out);
        StateIo.varLong(h.lastTime, out);
        out.writeBoolean(h.lastSource != null);
        if (h.lastSource != null) StateIo.eventSource(h.lastSource, out);
        StateIo.varLong(h.lastTrim, out);
    }, in -> {
        UserHabits h = new UserHabits(StateIo.varInt(in));
        h.networks.read(in, StateIo::network);
        h.devices.read(in, StateIo::str);
        h.apps.read(in, StateIo::str);
        h.resources.read(in, StateIo::str);
        h.firstSignIn = StateIo.varLong(in);
        h.lastTime = StateIo.varLong(in);
        if (in.readBoolean()) h.lastSource = StateIo.eventSource(in);
        h.lastTrim = StateIo.varLong(in);
        return h;
    });
}
