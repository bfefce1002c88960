package io.aitmdefense.detect.rules;

import java.util.List;

/**
 * The "Exporting to Sentinel and Sigma" section of {@code docs/detections.md}, generated from the exported rules so
 * that what the page says each rule loses is what the rule files say.
 */
public final class RuleExportMarkdown {
    private RuleExportMarkdown() {
    }

    public static String render(List<QueryRule> rules) {
        StringBuilder b = new StringBuilder("\n## Exporting to Sentinel and Sigma\n\n")
                .append("For a SIEM you already run, `aitm detect --export-rules sentinel DIR` writes every detection that a ")
                .append("scheduled query can express as a Microsoft Sentinel scheduled analytics rule (`kind: Scheduled`, KQL, ")
                .append("the YAML shape of the Azure-Sentinel repository and content hub: import it with the Sentinel ")
                .append("repositories feature or convert it to ARM), and `aitm detect --export-rules sigma DIR` writes the ones ")
                .append("whose single-record part fits Sigma (product `azure`). Thresholds, scripting agents, the curated hosting ")
                .append("list and the tenant's trusted ASNs and CIDRs come from the configuration (`--config`); a disabled ")
                .append("detection is not exported. Rule ids are stable, so exporting again updates the same rules.\n\n")
                .append("A query sees one period of logs at a time, so each rule loses something against the stateful detection; ")
                .append("its description says what:\n\n")
                .append("| detection | Sentinel | Sigma | what the exported rule loses |\n|---|---|---|---|\n");
        for (QueryRule r : rules) {
            String loses = r.loses() + r.sigma().map(s -> s.loses().isEmpty() ? "" : " Sigma: " + s.loses()).orElse("");
            b.append("| [`").append(r.info().id()).append("`](#").append(r.info().id()).append(") | ")
                    .append(Kql.timespan(r.frequency())).append(" over ").append(Kql.timespan(r.period())).append(", ")
                    .append(String.join(", ", r.tables())).append(" | ")
                    .append(r.sigma().map(s -> "`" + s.service() + "`").orElse("—")).append(" | ")
                    .append(loses.replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }
}
