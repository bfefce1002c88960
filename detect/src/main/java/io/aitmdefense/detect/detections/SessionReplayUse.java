package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Evidence;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.events.codec.StringPool;

import java.util.Locale;

/**
 * One use of an Entra session, kept instead of the whole row: a successful user sign-in, or a Microsoft 365
 * activity record that names the session (AppAccessContext.AADSessionId, Graph C_Sid) or the token. Shared by
 * session-replay and client-mismatch, which both judge pairs of uses of one session.
 *
 * @param session    lower-cased Entra session id, or ""
 * @param tokenId    unique token identifier (case-sensitive), or none
 * @param counted    false when the row cannot speak for where the client was: a trusted network (the tenant vouches
 *                   for it), Microsoft's own network (services acting for the user), or an authentication-transfer
 *                   hand-over (a documented move of the session to the user's phone)
 * @param handOff    a sign-in of a client the session is handed to on the person's own machine (device code, Azure CLI,
 *                   PowerShell, the broker): see {@link SignInSignals#handOffClient}
 */
record SessionReplayUse(long time, RecordRef source, EventKind eventKind, String session, LogId tokenId,
                        boolean interactive, boolean signIn, Network network, String userAgent,
                        UserAgents.Client client, String app, boolean counted, boolean handOff) implements Timed {

    /**
     * The use an event represents, or null when it is not a successful use by a person. Rows naming neither a
     * session nor a token are kept only when {@code withoutSession} (a scripting agent is telling on its own).
     */
    static SessionReplayUse of(Event event, Enrichment enrichment, boolean withoutSession) {
        if (event instanceof SignIn s) {
            if (!s.success() || s.workload() || s.ip().isEmpty()) return null;
            if (!withoutSession && s.sessionId().isEmpty() && s.uniqueTokenId().isEmpty()) return null;
            Network n = SignInSignals.network(s, enrichment);
            boolean counted = !SignInSignals.trusted(s, n, enrichment.tenant()) && n.kind() != NetworkKind.MICROSOFT
                    && !s.token().transferMethod().equalsIgnoreCase("authenticationTransfer");
            String app = s.appName().isEmpty() ? s.appId() : s.appName();
            if (!s.resourceName().isEmpty() && !s.resourceName().equals(app)) app = StringPool.of(app + " → " + s.resourceName());
            return new SessionReplayUse(s.time().toEpochMilli(), RecordRef.of(s), EventKind.SIGN_IN,
                    s.sessionId().toLowerCase(Locale.ROOT), s.uniqueTokenId(), s.interactive(), true, n,
                    s.userAgent(), UserAgents.client(s.userAgent(), s.device()), app, counted, SignInSignals.handOffClient(s));
        }
        if (event instanceof OfficeActivity o) {
            if (!o.success() || o.systemActor() || o.ip().isEmpty()) return null;
            if (o.sessionId().isEmpty() && o.uniqueTokenId().isEmpty()) return null;
            Network n = enrichment.network(o.ip(), 0);
            boolean counted = !n.trusted() && n.kind() != NetworkKind.MICROSOFT;
            String ua = o.userAgent().isEmpty() ? agentInClientInfo(o.clientInfo()) : o.userAgent();
            return new SessionReplayUse(o.time().toEpochMilli(), RecordRef.of(o), EventKind.OFFICE_ACTIVITY,
                    o.sessionId().toLowerCase(Locale.ROOT), o.uniqueTokenId(), false, false, n, ua,
                    UserAgents.client(ua), StringPool.of(o.workload() + " " + o.operation()), counted, false);
        }
        return null;
    }

    /** The same use with another instance of its (equal) session id. */
    SessionReplayUse withSession(String sameSession) {
        return new SessionReplayUse(time, source, eventKind, sameSession, tokenId, interactive, signIn, network, userAgent, client,
                app, counted, handOff);
    }

    /** {@code Client=OWA;Mozilla/5.0 (…);} carries the browser's agent (itself full of ';'); {@code Client=REST;;} none. */
    static String agentInClientInfo(String clientInfo) {
        String rest = clientInfo.trim();
        while (rest.startsWith("Client=") || rest.startsWith("Action=")) {
            int semi = rest.indexOf(';');
            rest = semi < 0 ? "" : rest.substring(semi + 1).trim();
        }
        while (rest.endsWith(";")) rest = rest.substring(0, rest.length() - 1).trim();
        return rest.indexOf('/') > 0 ? rest : "";
    }

    String describe() {
        String what = signIn ? (interactive ? "interactive sign-in to " : "non-interactive sign-in to ") : "activity ";
        return what + app + " from " + network.describe() + " by " + client.label()
                + (userAgent.isEmpty() ? "" : " ('" + userAgent + "')");
    }

    Evidence evidence(String note) {
        return new Evidence(source, eventKind, instant(), note.isEmpty() ? describe() : describe() + "; " + note);
    }
}
