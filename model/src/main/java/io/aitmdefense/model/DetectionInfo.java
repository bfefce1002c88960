package io.aitmdefense.model;

import java.util.List;

/**
 * What a detection is, beside its logic: stable id, ATT&CK techniques, kill-chain stage, default severity,
 * why it matters, known false positives and what an analyst checks next. Shown in reports and by {@code --explain}.
 */
public record DetectionInfo(String id, String title, Severity severity, KillChainStage stage,
                            List<String> techniques, String why, String falsePositives, String nextSteps) {
}
