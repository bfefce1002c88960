package io.aitmdefense.cli;

import io.aitmdefense.harden.apply.ExportedTenant;
import io.aitmdefense.harden.apply.TenantPolicies;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where {@code harden apply} and {@code drift} read the live tenant: Graph (--config) or a fresh export (--live). */
final class HardenTenantOption {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", description = "tenant.yaml with the Graph connection (tenant id, app id, certificate).")
        Optional<Path> config = Optional.empty();

        @Option(names = "--live", paramLabel = "EXPORT", description = "A fresh Conditional Access export standing in for the tenant (read-only).")
        Optional<Path> live = Optional.empty();
    }

    boolean offline() {
        return source.live.isPresent();
    }

    /** The tenant, or a message saying why it cannot be reached. */
    TenantPolicies open(String command) {
        if (source.config.isPresent()) {
            throw new IllegalArgumentException("--config needs the Graph client (module graph), which this build "
                    + "does not have yet; use --live EXPORT for an offline diff, and the PowerShell script of the plan to write");
        }
        Path export = source.live.orElseThrow();
        if (!Files.exists(export)) throw new IllegalArgumentException(export + ": no such file or folder");
        CaReadResult read = new CaExportReader().read(export);
        read.errors().forEach(e -> System.err.println(command + ": " + e));
        return ExportedTenant.of(read.snapshot());
    }
}
