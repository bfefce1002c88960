package io.aitmdefense.simulate.harden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.tenant.App;
import io.aitmdefense.simulate.tenant.CaPolicy;
import io.aitmdefense.simulate.tenant.CaPolicy.Outcome;
import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.User;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The policies of an {@code aitm harden plan} deployed report-only in the simulated tenant for all users, so every
 * sign-in row carries their report-only results, and a known set of clients that fail them — the ground truth of
 * {@code aitm harden gate}, written to {@code harden-truth.json}:
 * <ul>
 * <li>token protection fails for the users who still run an old Outlook desktop (Office perpetual, no Windows broker):
 * their Microsoft Office sessions on Windows are not bound (status 1008); every other Windows app is bound;</li>
 * <li>compliant device fails on the unmanaged personal phones (iOS Mobile Safari, Android Chrome Mobile);</li>
 * <li>the device-code block fails on device-code sign-ins (the device-code campaigns);</li>
 * <li>attack sign-ins fail what they would fail: that is the point of the policies.</li>
 * </ul>
 * The auth-context and risk policies never apply to an ordinary sign-in, so the gate cannot measure them here.
 */
public final class Hardening {

    public static final String TRUTH_FILE = "harden-truth.json";

    private final List<CaPolicy> policies;
    private final Set<String> legacyOutlookUsers;
    /** The legacy users whose sign-ins were actually written unbound: a user may not open Outlook in the period. */
    private final Set<String> unboundUsers = new TreeSet<>();

    Hardening(List<CaPolicy> policies, Set<String> legacyOutlookUsers) {
        this.policies = List.copyOf(policies);
        this.legacyOutlookUsers = Set.copyOf(legacyOutlookUsers);
    }

    public List<CaPolicy> policies() {
        return policies;
    }

    /** Reads {@code plan.json} (schema aitm.harden-plan/1) from a plan folder and picks the legacy-Outlook users. */
    public static Hardening of(Path planDir, Tenant tenant) throws IOException {
        Path file = Files.isDirectory(planDir) ? planDir.resolve("plan.json") : planDir;
        JsonNode plan = new ObjectMapper().readTree(file.toFile());
        if (!plan.path("schema").asText().equals("aitm.harden-plan/1")) {
            throw new IllegalArgumentException(file + ": not a harden plan (schema aitm.harden-plan/1)");
        }
        List<CaPolicy> policies = new ArrayList<>();
        for (JsonNode p : plan.path("policies")) {
            if (!p.path("decision").asText().equals("create")) continue;
            String name = p.path("displayName").asText();
            String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            policies.add(policy(id, name, p.path("target").asText()));
        }
        Set<String> legacy = new TreeSet<>();
        for (User u : tenant.users()) {
            // every sixth Windows laptop user: a handful in any tenant, stable for a seed
            if (u.laptop().platform() == ClientDevice.Platform.WINDOWS && u.index() % 6 == 1) legacy.add(u.userPrincipalName());
        }
        return new Hardening(policies, legacy);
    }

    private static CaPolicy policy(String id, String name, String target) {
        return switch (target) {
            case "token-protection" -> new CaPolicy(id, name, CaPolicy.State.REPORT_ONLY, List.of(),
                    List.of("SignInTokenProtection"), c -> !(c.windows() && !c.browser() && c.exchangeOrSharePoint())
                    ? Outcome.NOT_APPLIED : c.tokenBound() ? Outcome.SATISFIED : Outcome.NOT_SATISFIED);
            case "compliant-device" -> new CaPolicy(id, name, CaPolicy.State.REPORT_ONLY,
                    List.of("RequireCompliantDevice", "RequireDomainJoinedDevice"), List.of(),
                    c -> c.managedDevice() ? Outcome.SATISFIED : Outcome.NOT_SATISFIED);
            case "block-device-code" -> new CaPolicy(id, name, CaPolicy.State.REPORT_ONLY, List.of("Block"), List.of(),
                    c -> c.deviceCode() ? Outcome.NOT_SATISFIED : Outcome.NOT_APPLIED);
            default -> new CaPolicy(id, name, CaPolicy.State.REPORT_ONLY, List.of("RequireAuthenticationStrength"), List.of(),
                    c -> Outcome.NOT_APPLIED);
        };
    }

    /** The tenant with the plan's policies added after its own. */
    public Tenant apply(Tenant tenant) {
        List<CaPolicy> all = new ArrayList<>(tenant.caPolicies());
        all.addAll(policies);
        return new Tenant(tenant.tenantId(), tenant.workspaceId(), tenant.domain(), tenant.exchangeServer(), tenant.users(),
                List.copyOf(all), tenant.corporateEgress(), tenant.vdiEgress());
    }

    /**
     * An old Outlook desktop cannot bind its session: the legacy users' Microsoft Office sign-ins on Windows are unbound.
     * Called by the single writing thread.
     */
    public LogRecord adjust(LogRecord record) {
        if (!(record instanceof SignInRecord r) || !r.tokenBound() || !r.app().equals(App.OFFICE)
                || r.device().platform() != ClientDevice.Platform.WINDOWS
                || !legacyOutlookUsers.contains(r.user().userPrincipalName())) return record;
        unboundUsers.add(r.user().userPrincipalName());
        return new SignInRecord(r.time(), r.arrival(), r.interactive(), r.user(), r.id(), r.correlationId(), r.sessionId(),
                r.uniqueTokenId(), r.ip(), r.network(), r.place(), r.device(), r.userAgent(), r.namedLocations(), r.app(),
                r.auth(), r.errorCode(), r.incomingTokenType(), r.transferMethod(), r.protocol(), false, r.risk());
    }

    public void writeTruth(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("schema", "aitm.harden-truth/1");
        var ps = o.putArray("policies");
        for (CaPolicy p : policies) ps.addObject().put("id", p.id()).put("displayName", p.displayName());
        var legacy = o.putArray("legacyOutlookUsers");
        legacyOutlookUsers.stream().sorted().forEach(legacy::add);
        var unbound = o.putArray("tokenProtectionFailingUsers");
        unboundUsers.forEach(unbound::add);
        o.put("tokenProtectionFailsFor", "Microsoft Office on Windows of legacyOutlookUsers (status 1008), and attack sign-ins");
        o.put("compliantDeviceFailsFor", "unmanaged personal phones (iOS, Android), and attack sign-ins");
        o.put("blockDeviceCodeFailsFor", "device-code sign-ins");
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n", StandardOpenOption.CREATE_NEW);
    }
}
