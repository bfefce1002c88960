package io.aitmdefense.cli;

import io.aitmdefense.report.WhatIfReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aitmdefense.posture.model.AuthenticationMethodMode;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.GraphEnum;
import io.aitmdefense.posture.model.GuestType;
import io.aitmdefense.posture.model.InsiderRiskLevel;
import io.aitmdefense.posture.model.IpRange;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;
import io.aitmdefense.posture.model.UserAction;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import io.aitmdefense.posture.read.ReadProblem;
import io.aitmdefense.posture.whatif.CaEvaluator;
import io.aitmdefense.posture.whatif.DeviceInfo;
import io.aitmdefense.posture.whatif.Evaluation;
import io.aitmdefense.posture.whatif.SatisfiedControl;
import io.aitmdefense.posture.whatif.SignInScenario;
import io.aitmdefense.posture.whatif.SignInTarget;
import io.aitmdefense.posture.whatif.TrustType;
import io.aitmdefense.posture.whatif.WellKnownApps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code aitm posture whatif}: Entra's What If, offline, against an export (and hypothetical policies). */
@Command(name = "whatif",
        header = "Evaluate one sign-in against a Conditional Access export, like Entra's What If.",
        description = {
                "Reads the export (policies, named locations, authentication strengths and contexts, optional",
                "directory snapshot) and prints for every policy whether it applies and why, then the combined",
                "outcome: BLOCKED, GRANTED or the requirements still remaining, and the session controls in force.",
                "Report-only policies are shown as 'would have' results and never change the enforced outcome.",
                "Facts left out are unknown: a policy that depends on them is reported as not enough information.",
                ""},
        footer = {"", "App short names: exchange, sharepoint, teams, office-home, m365-admin, azure-management,",
                "azure-portal, exchange-admin, graph, aad-graph, intune, intune-enrollment (or any app id).",
                "Exit status: 0 evaluated, 2 bad usage, 3 some export files were rejected, 4 no policies read."},
        sortOptions = false, usageHelpAutoWidth = true)
final class PostureWhatIfCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EXPORT", description = "Export files or folders.")
    List<Path> exports;

    @Option(names = "--user", required = true, paramLabel = "U",
            description = "User object id or UPN; looked up in the directory snapshot when one was read.")
    String user;

    @Option(names = "--group", paramLabel = "ID", description = "Group the user is in (transitively); repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--role", paramLabel = "ID", description = "Active directory role template id; repeatable.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--guest", paramLabel = "TYPE",
            description = "The user is external: internalGuest, b2bCollaborationGuest, b2bCollaborationMember, "
                    + "b2bDirectConnectUser, otherExternalUser, serviceProvider.")
    String guest;

    @Option(names = "--guest-tenant", paramLabel = "ID", description = "Home tenant id of the external user.")
    String guestTenant;

    @Option(names = "--app", paramLabel = "APP", description = "Resource by short name or app id; repeatable.")
    List<String> apps = new ArrayList<>();

    @Option(names = "--action", paramLabel = "ACTION",
            description = "User action instead of apps: registerSecurityInformation or registerOrJoinDevices.")
    String action;

    @Option(names = "--auth-context", paramLabel = "cN", description = "Authentication context instead of apps (c1..c99).")
    String authContext;

    @Option(names = "--client", paramLabel = "C",
            description = "browser, mobileAppsAndDesktopClients, exchangeActiveSync or other.")
    String client;

    @Option(names = "--platform", paramLabel = "P",
            description = "android, iOS, windows, windowsPhone, macOS, linux, or unknown (a platform Entra cannot recognise).")
    String platform;

    @Option(names = "--ip", paramLabel = "IP", description = "Client IP address (matched against IP named locations).")
    String ip;

    @Option(names = "--country", paramLabel = "CC", description = "Two-letter country code of the sign-in.")
    String country;

    @Option(names = "--location", paramLabel = "ID", description = "Named location the sign-in is in; repeatable.")
    List<String> locations = new ArrayList<>();

    @Option(names = "--device", paramLabel = "D",
            description = "unregistered, registered, entra-joined, hybrid-joined, compliant (entra-joined and compliant).")
    String device;

    @Option(names = "--device-attr", paramLabel = "NAME=VALUE",
            description = "Device-filter property of the device (model, extensionAttribute1, systemLabels…); repeatable.")
    List<String> deviceAttributes = new ArrayList<>();

    @Option(names = {"--risk", "--sign-in-risk"}, paramLabel = "R", description = "Sign-in risk: none, low, medium, high (default none).")
    String signInRisk = "none";

    @Option(names = "--user-risk", paramLabel = "R", description = "User risk: none, low, medium, high (default none).")
    String userRisk = "none";

    @Option(names = "--insider-risk", paramLabel = "R", description = "Insider risk: minor, moderate, elevated.")
    String insiderRisk;

    @Option(names = "--flow", paramLabel = "F", description = "Authentication flow: deviceCodeFlow or authenticationTransfer.")
    String flow;

    @Option(names = "--methods", paramLabel = "M,M", split = ",",
            description = "Methods performed, e.g. password,microsoftAuthenticatorPush or fido2 (default password).")
    List<String> methods = new ArrayList<>(List.of("password"));

    @Option(names = "--satisfied", paramLabel = "C", split = ",",
            description = "Other controls already met: approved-client-app, app-protection-policy, password-changed, "
                    + "risk-remediated, terms-of-use-accepted.")
    List<String> satisfied = new ArrayList<>();

    @Option(names = "--json", description = "Print the evaluation as JSON.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        CaReadResult read = new CaExportReader().read(exports);
        PrintStream err = System.err;
        for (ReadProblem p : read.errors()) TerminalOut.line(err, "aitm posture whatif: " + p);
        if (read.snapshot().policies().isEmpty()) {
            err.println("aitm posture whatif: no Conditional Access policies found in " + exports);
            return ExitCodes.NO_INPUT;
        }
        SignInScenario scenario = scenario(read);
        if (read.snapshot().directory().user(user).isEmpty() && groups.isEmpty() && roles.isEmpty()) {
            // Entra's What If knows memberships; offline we do not, and silence would read as "member of nothing".
            err.println("aitm posture whatif: note: no directory entry for '" + user + "' and no --group/--role; "
                    + "group and role includes and excludes are evaluated as if the user were in none");
        }
        Evaluation evaluation = new CaEvaluator(read.snapshot()).evaluate(scenario);
        PrintStream out = System.out;
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(WhatIfReport.toJson(evaluation, read)));
        } else {
            TerminalOut.block(out, p -> WhatIfReport.print(p, evaluation, read));
        }
        return read.errors().isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED_INPUT;
    }

    private SignInScenario scenario(CaReadResult read) {
        SignInScenario s = SignInScenario.of(user(read), target())
                .withSignInRisk(parse(RiskLevel.class, signInRisk, "--risk"))
                .withUserRisk(parse(RiskLevel.class, userRisk, "--user-risk"))
                .withMethods(methods())
                .withControls(controls())
                .withNamedLocations(Set.copyOf(locations));
        if (client != null) s = s.withClientApp(parse(ClientAppType.class, client, "--client"));
        if (platform != null) {
            s = s.withPlatform(platform.equalsIgnoreCase("unknown") ? Platform.UNKNOWN_FUTURE_VALUE
                    : parse(Platform.class, platform, "--platform"));
        }
        if (ip != null) {
            s = s.withIp(IpRange.literal(ip).orElseThrow(() -> usage("--ip: not an IP address: " + ip)));
        }
        if (country != null) s = s.withCountry(country.toUpperCase(Locale.ROOT));
        if (device != null || !deviceAttributes.isEmpty()) s = s.withDevice(device());
        if (insiderRisk != null) s = s.withInsiderRisk(parse(InsiderRiskLevel.class, insiderRisk, "--insider-risk"));
        if (flow != null) s = s.withAuthenticationFlow(parse(TransferMethod.class, flow, "--flow"));
        return s;
    }

    private DirectoryUser user(CaReadResult read) {
        Optional<DirectoryUser> known = read.snapshot().directory().user(user);
        Set<String> g = new LinkedHashSet<>(groups);
        Set<String> r = new LinkedHashSet<>(roles);
        known.ifPresent(u -> {
            g.addAll(u.groupIds());
            r.addAll(u.roleTemplateIds());
        });
        Optional<GuestType> guestType = guest == null ? known.flatMap(DirectoryUser::guestType)
                : Optional.of(parse(GuestType.class, guest, "--guest"));
        Optional<String> tenant = guestTenant == null ? known.flatMap(DirectoryUser::homeTenantId) : Optional.of(guestTenant);
        String id = known.map(DirectoryUser::id).filter(s -> !s.isBlank()).orElse(user);
        String upn = known.map(DirectoryUser::userPrincipalName).filter(s -> !s.isBlank()).orElse(user);
        return new DirectoryUser(id, upn, g, r, guestType, tenant);
    }

    private SignInTarget target() {
        int kinds = (apps.isEmpty() ? 0 : 1) + (action == null ? 0 : 1) + (authContext == null ? 0 : 1);
        if (kinds != 1) throw usage("give exactly one of --app, --action or --auth-context");
        if (action != null) return new SignInTarget.Action(parse(UserAction.class, action, "--action"));
        if (authContext != null) {
            if (!authContext.matches("(?i)c([1-9]|[1-9][0-9])")) throw usage("--auth-context: expected c1..c99, got " + authContext);
            return new SignInTarget.AuthenticationContext(authContext.toLowerCase(Locale.ROOT));
        }
        Set<String> ids = new LinkedHashSet<>();
        apps.forEach(a -> ids.add(WellKnownApps.resolve(a)));
        return new SignInTarget.Applications(ids);
    }

    private DeviceInfo device() {
        String d = device == null ? "registered" : device.toLowerCase(Locale.ROOT);
        DeviceInfo info = switch (d) {
            case "unregistered" -> DeviceInfo.unregistered();
            case "registered" -> DeviceInfo.registered(TrustType.WORKPLACE, false);
            case "entra-joined" -> DeviceInfo.registered(TrustType.AZURE_AD, false);
            case "hybrid-joined", "hybrid" -> DeviceInfo.registered(TrustType.SERVER_AD, false);
            case "compliant" -> DeviceInfo.registered(TrustType.AZURE_AD, true);
            default -> throw usage("--device: expected unregistered, registered, entra-joined, hybrid-joined or compliant, got "
                    + device);
        };
        if (!info.registered() && !deviceAttributes.isEmpty()) {
            throw usage("--device-attr: an unregistered device has no attributes");
        }
        for (String a : deviceAttributes) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw usage("--device-attr: expected NAME=VALUE, got " + a);
            String name = a.substring(0, eq).trim();
            String[] values = a.substring(eq + 1).split(";");
            if (name.equalsIgnoreCase("isCompliant")) {
                info = new DeviceInfo(true, info.trustType(), Boolean.parseBoolean(values[0]), info.attributes());
            } else {
                info = info.withAttribute(name, values);
            }
        }
        return info;
    }

    private Set<AuthenticationMethodMode> methods() {
        Set<AuthenticationMethodMode> out = EnumSet.noneOf(AuthenticationMethodMode.class);
        methods.forEach(m -> out.add(parse(AuthenticationMethodMode.class, m, "--methods")));
        return out;
    }

    private Set<SatisfiedControl> controls() {
        Set<SatisfiedControl> out = EnumSet.noneOf(SatisfiedControl.class);
        for (String c : satisfied) {
            try {
                out.add(SatisfiedControl.valueOf(c.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw usage("--satisfied: unknown control " + c);
            }
        }
        return out;
    }

    private <E extends Enum<E> & GraphEnum> E parse(Class<E> type, String text, String option) {
        return GraphEnum.parse(type, text).orElseThrow(() -> usage(option + ": unknown value '" + text + "'"));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
