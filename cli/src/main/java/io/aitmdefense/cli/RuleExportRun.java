package io.aitmdefense.cli;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.rules.RuleExport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code aitm detect --export-rules sentinel|sigma DIR}: writes the catalogue's query rules with the configuration's
 * thresholds and tenant networks, and says which detections had no form in that format.
 */
final class RuleExportRun {
    private RuleExportRun() {
    }

    /** @throws IllegalArgumentException for a format that is not one, or a DIR that is a file (a usage error) */
    static int run(String format, Path dir, DetectConfig config, PrintStream out) throws IOException {
        RuleExport.Format f = RuleExport.Format.parse(format);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--export-rules " + format + " " + dir + ": " + dir + " is a file; give a folder.");
        }
        List<Path> written = RuleExport.write(f, dir, config, LocalDate.now(ZoneOffset.UTC));
        for (Path p : written) out.println("wrote " + p);
        int catalogue = Catalogue.infos().size();
        out.printf("%d of %d detections exported as %s rules; each rule's description says what it loses against the"
                + " stateful detection.%n", written.size(), catalogue, f == RuleExport.Format.SENTINEL ? "Microsoft Sentinel" : "Sigma");
        if (f == RuleExport.Format.SIGMA && written.size() < catalogue) {
            out.println("The others need history, ordering or joins across logs that Sigma cannot express; export them for"
                    + " Sentinel instead.");
        }
        return ExitCodes.OK;
    }
}
