package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.whatif.PolicyJson;

import java.util.List;
import java.util.Set;

/** Small synthetic exports for the cross-policy checks, read through the real reader. */
final class CrossPolicyFixture {

    static final String GLOBAL_ADMIN = Personas.GLOBAL_ADMINISTRATOR;
    static final String SECURITY_ADMIN = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    static final String EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    static final String SHAREPOINT_ADMIN = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c";
    static final String USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    static final String BREAK_GLASS = "0b9a1a6e-0000-4000-8000-00000000b002";

    private CrossPolicyFixture() {
    }

    static PostureAssessment assess(Set<String> protectedActionContexts, String... objects) {
        return new PostureAssessor().assess(PolicyJson.snapshot(objects),
                new PostureAssessor.Options(Set.of(BREAK_GLASS), protectedActionContexts, SyntheticFixturesAssessmentTest.DEC_2026));
    }

    static PostureAssessment assess(String... objects) {
        return assess(Set.of(), objects);
    }

    /** An enabled policy: users, then the rest of the conditions (apps default to All), then the grant. */
    static String policy(String name, String users, String conditions, String grant) {
        return PolicyJson.policy(name, "enabled", "\"users\":{" + users + "},"
                + (conditions.contains("\"applications\"") ? "" : "\"applications\":{\"includeApplications\":[\"All\"]},")
                + "\"clientAppTypes\":[\"all\"]" + (conditions.isEmpty() ? "" : "," + conditions), grant, "");
    }

    static String roles(String... roles) {
        return "\"includeRoles\":[" + PolicyJson.quoted(roles) + "],\"excludeGroups\":[\"" + BREAK_GLASS + "\"]";
    }

    static String allUsers(String... excludedGroups) {
        List<String> excluded = new java.util.ArrayList<>(List.of(excludedGroups));
        excluded.add(BREAK_GLASS);
        return "\"includeUsers\":[\"All\"],\"excludeGroups\":[" + PolicyJson.quoted(excluded.toArray(String[]::new)) + "]";
    }

    static String grant(String... controls) {
        return PolicyJson.grant("OR", controls);
    }

    static List<Finding> findings(PostureAssessment a, Check check) {
        return a.findings(check);
    }
}
