package io.aitmdefense.cli;

import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.MicrosoftSettings;
import io.aitmdefense.graph.config.SettingsException;
import io.aitmdefense.harden.apply.AuditTrail;
import io.aitmdefense.harden.apply.TenantWriteException;
import io.aitmdefense.harden.canary.BrandingCanary;
import io.aitmdefense.harden.canary.CanaryCss;
import io.aitmdefense.posture.canary.CanaryBlock;
import io.aitmdefense.posture.canary.CanaryStatus;
import io.aitmdefense.posture.canary.SignInPageCanary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm harden canary}: the sign-in page canary in the tenant's company branding CSS. */
@Command(name = "canary",
        header = "Put aitm serve's sign-in page canary into the tenant's company branding CSS.",
        description = {
                "The tenant's sign-in page then loads a 1x1 image from aitm serve. A phishing",
                "proxy that relays the page makes the victim's browser name the proxy's domain",
                "when it loads the image: aitm serve raises an alert before a password is typed",
                "and names the user who signs in from that address (docs/serve.md).",
                "",
                "--url is the image URL aitm serve prints at start, on the public host the",
                "tenant's users can reach. With --config the tenant's custom CSS is read through",
                "Graph and the canary block merged into it (your own rules are kept); nothing is",
                "written without --approve, and every write is audited and read back. --check",
                "only says whether the tenant's branding carries a canary (with --url: this",
                "one, not an older token or another host's). --out writes the CSS",
                "to a file instead, to upload by hand (Entra admin center, Company branding).",
                ""},
        footer = {"", "Exit status: 0 done (or nothing to do), 1 no canary or a stale one (--check) or a write refused,",
                "2 bad usage."},
        sortOptions = false, usageHelpAutoWidth = true)
final class HardenCanaryCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", description = "The canary image URL (https://HOST/canary/TOKEN.gif).")
    Optional<URI> url = Optional.empty();

    @Option(names = "--config", paramLabel = "FILE", description = "tenant.yaml whose microsoft: section connects to Graph (docs/microsoft.md).")
    Optional<Path> config = Optional.empty();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSS to this file instead of the tenant.")
    Optional<Path> out = Optional.empty();

    @Option(names = "--check", description = "Only report whether the tenant's branding carries a canary, this --url's when given (needs --config).")
    boolean check;

    @Option(names = "--approve", description = "Write to the tenant (default: dry-run).")
    boolean approve;

    @Option(names = "--audit", paramLabel = "FILE", description = "Audit trail to append to (default: harden-audit.jsonl).")
    Path auditFile = Path.of("harden-audit.jsonl");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintStream o = System.out, err = System.err;
        String usage = check ? (config.isEmpty() ? "--check reads the tenant: give --config" : null)
                : url.isEmpty() ? "give the canary image URL with --url (aitm serve prints it at start)"
                : config.isPresent() == out.isPresent() ? "give either --config (the tenant, through Graph) or --out (a file)"
                : approve && out.isPresent() ? "--approve writes to the tenant; with --out nothing is sent" : null;
        if (usage != null) {
            err.println("aitm harden canary: " + usage);
            return ExitCodes.USAGE;
        }
        if (out.isPresent()) {
            String css = CanaryCss.merge(Files.exists(out.get()) ? Files.readString(out.get()) : "", CanaryCss.block(url.get()));
            Files.writeString(out.get(), css);
            o.println("Wrote " + out.get() + " (" + css.length() + " bytes): upload it as the default sign-in "
                    + "experience's custom CSS (Entra admin center, Company branding).");
            return ExitCodes.OK;
        }
        BrandingCanary branding;
        try {
            branding = new BrandingCanary(MicrosoftClients.connect(MicrosoftSettings.load(config.get())).graph());
        } catch (SettingsException e) {
            err.println("aitm harden canary: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (check) {
            SignInPageCanary canary = branding.check(url.map(URI::toString));
            o.println("Sign-in page canary: " + canary.status().label() + ". " + canary.detail());
            return canary.status() == CanaryStatus.PRESENT ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
        BrandingCanary.Change change = branding.plan(url.get());
        if (change.unchanged()) {
            o.println("The tenant's custom CSS already carries this canary: nothing to write.");
            return ExitCodes.OK;
        }
        o.println((approve ? "Writing" : "Dry run:") + " PUT " + change.path() + " (text/css, "
                + change.wanted().length() + " bytes; was " + change.current().length() + ")");
        o.println(CanaryBlock.url(change.current()).map(u -> "  replaces the canary " + u).orElse("  adds the canary block; the tenant's own rules are kept"));
        if (!approve) {
            o.println("Run again with --approve to send it.");
            return ExitCodes.OK;
        }
        try {
            branding.apply(change, new AuditTrail(auditFile, clock));
        } catch (TenantWriteException e) {
            err.println("aitm harden canary: the tenant refused the write (" + e.status() + "): " + e.getMessage()
                    + ". Audit: " + auditFile);
            return ExitCodes.FINDINGS;
        }
        o.println("Written and read back; audit: " + auditFile);
        return ExitCodes.OK;
    }
}
