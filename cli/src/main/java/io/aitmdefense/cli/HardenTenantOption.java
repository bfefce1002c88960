package io.aitmdefense.cli;

import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.MicrosoftSettings;
import io.aitmdefense.graph.config.SettingsException;
import io.aitmdefense.harden.apply.ExportedTenant;
import io.aitmdefense.harden.apply.GraphTenantPolicies;
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
        @Option(names = "--config", paramLabel = "FILE",
                description = "tenant.yaml whose microsoft: section connects to Graph (docs/microsoft.md).")
        Optional<Path> config = Optional.empty();

        @Option(names = "--live", paramLabel = "EXPORT", description = "A fresh Conditional Access export standing in for the tenant (read-only).")
        Optional<Path> live = Optional.empty();
    }

    /** The {@code microsoft:} section of the tenant file (docs/microsoft.md) to a Graph client. */
    private static TenantPolicies graph(Path config) {
        try {
            return new GraphTenantPolicies(MicrosoftClients.connect(MicrosoftSettings.load(config)).graph());
        } catch (SettingsException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    boolean offline() {
        return source.live.isPresent();
    }

    /** The tenant, or a message saying why it cannot be reached. */
    TenantPolicies open(String command) {
        if (source.config.isPresent()) return graph(source.config.get());
        Path export = source.live.orElseThrow();
        if (!Files.exists(export)) throw new IllegalArgumentException(export + ": no such file or folder");
        CaReadResult read = new CaExportReader().read(export);
        read.errors().forEach(e -> System.err.println(command + ": " + e));
        return ExportedTenant.of(read.snapshot());
    }
}
