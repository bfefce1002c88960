package io.aitmdefense.detect.rules;

import io.aitmdefense.model.Severity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link QueryRule}'s Sigma form as a Sigma rule (specification 2.0), logsource product azure. */
public final class SigmaRule {
    private SigmaRule() {
    }

    /** @throws IllegalArgumentException when the rule has no Sigma form */
    public static String yaml(QueryRule rule, LocalDate date) {
        QueryRule.Sigma sigma = rule.sigma().orElseThrow(() -> new IllegalArgumentException(rule.info().id() + " has no Sigma form"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", "AiTM Defense - " + rule.info().title());
        doc.put("id", RuleYaml.stableId("sigma", rule.info().id()));
        doc.put("status", "experimental");
        String loses = rule.loses() + (sigma.loses().isEmpty() ? "" : " " + sigma.loses());
        doc.put("description", rule.finds() + " Exported from the aitm detect detection '" + rule.info().id() + "'.\n"
                + "What this rule loses against the stateful detection: " + loses + "\n");
        List<String> references = new ArrayList<>();
        for (String t : rule.info().techniques()) references.add("https://attack.mitre.org/techniques/" + t.replace('.', '/') + "/");
        doc.put("references", references);
        doc.put("author", "AiTM Defense (aitm detect --export-rules sigma)");
        doc.put("date", date.toString());
        Map<String, Object> logsource = new LinkedHashMap<>();
        logsource.put("product", "azure");
        logsource.put("service", sigma.service());
        doc.put("logsource", logsource);
        doc.put("detection", sigma.detection());
        doc.put("falsepositives", List.of(rule.info().falsePositives()));
        doc.put("level", level(rule.info().severity()));
        List<String> tags = new ArrayList<>();
        for (String tactic : AttackTactics.of(rule.info().techniques())) tags.add("attack." + AttackTactics.sigmaTag(tactic));
        for (String t : rule.info().techniques()) tags.add("attack." + t.toLowerCase(Locale.ROOT));
        doc.put("tags", tags.stream().distinct().toList());
        return RuleYaml.write(doc);
    }

    private static String level(Severity s) {
        return s == Severity.INFO || s == Severity.NOTICE ? "informational" : s.label();
    }
}
