package io.aitmdefense.detect.detections;

import io.aitmdefense.model.DetectionInfo;

import java.util.List;

/** The catalogue as the Markdown page {@code docs/detections.md}, generated so that the page never drifts from the code. */
public final class CatalogueMarkdown {
    private CatalogueMarkdown() {
    }

    public static String render(List<DetectionInfo> infos) {
        StringBuilder b = new StringBuilder();
        b.append("# Detection catalogue\n\n")
                .append("Generated from the code (`CatalogueMarkdown`); `aitm detect --explain ID` prints the same text. ")
                .append("Thresholds are in `aitm detect --show-config` and can be overridden with `--config`.\n\n")
                .append("| id | title | severity | kill-chain stage | ATT&CK |\n|---|---|---|---|---|\n");
        for (DetectionInfo i : infos) {
            b.append("| [`").append(i.id()).append("`](#").append(i.id()).append(") | ").append(i.title()).append(" | ")
                    .append(i.severity().label()).append(" | ").append(i.stage().label()).append(" | ")
                    .append(String.join(", ", i.techniques())).append(" |\n");
        }
        for (DetectionInfo i : infos) {
            b.append("\n## ").append(i.id()).append("\n\n")
                    .append("**").append(i.title()).append("** — ").append(i.severity().label()).append(", ")
                    .append(i.stage().label()).append(", ").append(String.join(", ", i.techniques())).append("\n\n")
                    .append("Why it matters: ").append(i.why()).append("\n\n")
                    .append("Known false positives: ").append(i.falsePositives()).append("\n\n")
                    .append("What to check next: ").append(i.nextSteps()).append("\n");
        }
        return b.toString();
    }
}
