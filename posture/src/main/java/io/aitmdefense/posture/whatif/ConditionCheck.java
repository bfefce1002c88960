package io.aitmdefense.posture.whatif;

/** The verdict of one condition of one policy, with the sentence that explains it. */
record ConditionCheck(Verdict verdict, ConditionKind kind, String reason) {

    enum Verdict { MATCH, NO_MATCH, UNKNOWN }

    static ConditionCheck match(ConditionKind kind, String reason) {
        return new ConditionCheck(Verdict.MATCH, kind, reason);
    }

    static ConditionCheck noMatch(ConditionKind kind, String reason) {
        return new ConditionCheck(Verdict.NO_MATCH, kind, reason);
    }

    static ConditionCheck unknown(ConditionKind kind, String reason) {
        return new ConditionCheck(Verdict.UNKNOWN, kind, reason);
    }
}
