package io.aitmdefense.respond.plan;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.Incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an incident's alerts for what a response acts on: the structured artifacts the detections attached (the rule,
 * the forwarding, the consent, the method, the device), each with the ids of the log records it came from. Only
 * what the attacker added counts: a rule removed or a method deleted in the logs is not a target.
 */
public final class IncidentFindings {
    /** Enough record ids for an analyst to find the sign-ins behind the account steps without drowning the plan. */
    private static final int ACCOUNT_EVIDENCE = 6;

    private IncidentFindings() {
    }

    public static Findings from(Incident incident) {
        String user = incident.user();
        Map<String, Target.InboxRule> rules = new LinkedHashMap<>();
        Map<String, Target.Forwarding> forwarding = new LinkedHashMap<>();
        Map<String, Target.Consent> consents = new LinkedHashMap<>();
        Map<String, Target.Method> methods = new LinkedHashMap<>();
        Map<String, Target.Device> devices = new LinkedHashMap<>();
        Set<String> detections = new LinkedHashSet<>();
        Set<String> accountEvidence = new LinkedHashSet<>();
        Optional<String> domain = ProxiedDomain.of(incident);
        // a page's incident rests on the canary's hits; a user's on the sign-ins
        EventKind evidenceKind = domain.isPresent() ? EventKind.CANARY_HIT : EventKind.SIGN_IN;
        for (Alert a : incident.alerts()) {
            detections.add(a.detectionId());
            for (Evidence e : a.evidence()) {
                if (e.kind() == evidenceKind && accountEvidence.size() < ACCOUNT_EVIDENCE) accountEvidence.add(ref(e));
            }
            for (Artifact art : a.artifacts()) {
                if (art instanceof Artifact.InboxRule r && !r.removed()) {
                    String mailbox = address(r.mailbox()) ? r.mailbox() : user;
                    String key = mailbox + "|" + (r.ruleId().isEmpty() ? r.name() + "|" + r.recipients() : r.ruleId());
                    rules.merge(key, new Target.InboxRule(mailbox, r.name(), r.ruleId(), r.recipients(),
                            refs(a, EventKind.OFFICE_ACTIVITY)), IncidentFindings::moreEvidence);
                } else if (art instanceof Artifact.MailForwarding m && !m.addresses().isEmpty()) {
                    String mailbox = address(m.mailbox()) ? m.mailbox() : user;
                    forwarding.merge(mailbox + "|" + m.addresses(), new Target.Forwarding(mailbox, m.addresses(),
                            refs(a, EventKind.OFFICE_ACTIVITY)), IncidentFindings::moreEvidence);
                } else if (art instanceof Artifact.AppConsent c) {
                    consents.merge(c.appId().isEmpty() ? c.servicePrincipalId() : c.appId(),
                            new Target.Consent(c.appId(), c.appName(), c.servicePrincipalId(), c.grantIds(), c.scopes(),
                                    c.consentType(), refs(a, EventKind.DIRECTORY_AUDIT)), IncidentFindings::mergeConsent);
                } else if (art instanceof Artifact.MfaMethodChange m && m.added()) {
                    methods.merge(m.method() + "|" + m.methodId(), new Target.Method(m.method(), m.methodId(),
                            registered(a), refs(a, EventKind.DIRECTORY_AUDIT)), IncidentFindings::moreEvidence);
                } else if (art instanceof Artifact.DeviceRegistration d) {
                    devices.merge(d.deviceId(), new Target.Device(d.deviceId(), d.displayName(), d.operatingSystem(),
                            registered(a), refs(a, EventKind.DIRECTORY_AUDIT)), IncidentFindings::moreEvidence);
                }
            }
        }
        foldUnnamedConsents(consents);
        // "Update user" with one more StrongAuthenticationMethod is the same registration as "User registered security
        // info", told less precisely: keep it only when it is all the logs have
        List<Target.Method> named = methods.values().stream().filter(m -> !m.method().startsWith("StrongAuthenticationMethod")).toList();
        List<Target.Method> chosen = named.isEmpty() ? List.copyOf(methods.values()) : named;
        // a proxied page's addresses are its visitors' (victims, or the kit fetching the page): never blocked as the attacker's
        List<String> ips = domain.isPresent() ? List.of()
                : incident.infrastructure().addresses().stream().map(AttackerAddress::ip).toList();
        Set<String> campaign = new LinkedHashSet<>(incident.blastRadius().otherUsers());
        campaign.addAll(incident.blastRadius().alsoSeenUsers());
        campaign.remove(user);
        return new Findings(incident.id(), incident.tenant(), user, incident.confidence(), incident.start(), incident.end(),
                List.copyOf(detections), List.copyOf(accountEvidence), List.copyOf(rules.values()),
                List.copyOf(forwarding.values()), List.copyOf(consents.values()), chosen, List.copyOf(devices.values()),
                ips, List.copyOf(campaign), domain);
    }

    /**
     * "Add delegated permission grant" names neither the app id nor the app: it is the grant half of a "Consent to
     * application" record. Fold it into the incident's named consent; keep it on its own only when there is none.
     */
    private static void foldUnnamedConsents(Map<String, Target.Consent> consents) {
        Target.Consent unnamed = consents.get("");
        if (unnamed == null || consents.size() == 1) return;
        consents.remove("");
        String first = consents.keySet().iterator().next();
        consents.put(first, mergeConsent(consents.get(first), unnamed));
    }

    private static Instant registered(Alert a) {
        return a.evidence().stream().filter(e -> e.kind() == EventKind.DIRECTORY_AUDIT).map(Evidence::time)
                .min(Instant::compareTo).orElse(a.start());
    }

    /** The records of one kind behind an alert, or all of them when none is of that kind. */
    private static List<String> refs(Alert a, EventKind kind) {
        List<String> of = a.evidence().stream().filter(e -> e.kind() == kind).map(IncidentFindings::ref).distinct().toList();
        return of.isEmpty() ? a.evidence().stream().map(IncidentFindings::ref).distinct().toList() : of;
    }

    /** The record's own id (searchable in Entra, Sentinel, Purview), else where it is in the file. */
    static String ref(Evidence e) {
        return e.record().recordId().isEmpty() ? e.record().location() : e.record().recordId();
    }

    /**
     * Whether a logged mailbox is an address Graph and Exchange accept. Set-Mailbox records often name the mailbox by
     * its Exchange object path ({@code EURPR06A057.PROD.OUTLOOK.COM/…/sofia.gu}) or a GUID; then it is the incident's user.
     */
    private static boolean address(String mailbox) {
        return mailbox.contains("@") && !mailbox.contains("/");
    }

    private static <T extends Target> T moreEvidence(T a, T b) {
        return b.evidence().size() > a.evidence().size() ? b : a;
    }

    private static Target.Consent mergeConsent(Target.Consent a, Target.Consent b) {
        Set<String> grants = new LinkedHashSet<>(a.grantIds());
        grants.addAll(b.grantIds());
        Set<String> scopes = new LinkedHashSet<>(a.scopes());
        scopes.addAll(b.scopes());
        Set<String> evidence = new LinkedHashSet<>(a.evidence());
        evidence.addAll(b.evidence());
        return new Target.Consent(a.appId().isEmpty() ? b.appId() : a.appId(), a.appName().isEmpty() ? b.appName() : a.appName(),
                a.servicePrincipalId().isEmpty() ? b.servicePrincipalId() : a.servicePrincipalId(), new ArrayList<>(grants),
                new ArrayList<>(scopes), a.consentType().isEmpty() ? b.consentType() : a.consentType(), new ArrayList<>(evidence));
    }
}
