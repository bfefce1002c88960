package io.aitmdefense.posture.assess;

import java.util.List;

/**
 * The four controls that break AiTM replay (DESIGN §6: phishing-resistant MFA, token protection, compliant device,
 * CAE), each full, partial, report-only or missing, and the total out of four (full = 1, partial = 0.5).
 */
public record ControlScore(List<Entry> entries) {

    public enum Level {
        FULL("enforced for users and admins", 1.0),
        PARTIAL("enforced for some personas or platforms", 0.5),
        REPORT_ONLY("report-only", 0.0),
        MISSING("missing", 0.0);

        private final String label;
        private final double points;

        Level(String label, double points) {
            this.label = label;
            this.points = points;
        }

        public String label() {
            return label;
        }

        public double points() {
            return points;
        }
    }

    public record Entry(Control control, Level level, List<String> policies) {
        public Entry {
            policies = List.copyOf(policies);
        }
    }

    public ControlScore {
        entries = List.copyOf(entries);
    }

    public double total() {
        return entries.stream().mapToDouble(e -> e.level().points()).sum();
    }

    public int max() {
        return entries.size();
    }

    public Level level(Control control) {
        return entries.stream().filter(e -> e.control() == control).map(Entry::level).findFirst().orElseThrow();
    }

    static ControlScore of(CoverageMatrix matrix) {
        return new ControlScore(List.of(
                entry(matrix.cell(KillChainStep.CREDENTIAL_CAPTURE, Control.PHISHING_RESISTANT_MFA)),
                entry(matrix.cell(KillChainStep.REPLAY, Control.TOKEN_PROTECTION)),
                entry(matrix.cell(KillChainStep.REPLAY, Control.COMPLIANT_DEVICE)),
                entry(matrix.cell(KillChainStep.REPLAY, Control.CAE))));
    }

    private static Entry entry(CoverageCell cell) {
        Level level = switch (cell.status()) {
            case ENFORCED -> cell.personas().contains(Persona.ALL_USERS) && cell.personas().contains(Persona.ADMINS)
                    && cell.uncovered().isEmpty() ? Level.FULL : Level.PARTIAL;
            case REPORT_ONLY -> Level.REPORT_ONLY;
            case MISSING, NOT_APPLICABLE -> Level.MISSING;
        };
        return new Entry(cell.control(), level, cell.policies());
    }
}
