package io.aitmdefense.events.read;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Artifact.PolicyChange.Kind;
import io.aitmdefense.events.DirectoryAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * Directory audit records are recognised by what they hold, whatever category their envelope carries, and the
 * policy changes an attacker with an admin's session makes are read from them however they are logged.
 */
class AuditContentTest {
    @TempDir
    Path dir;

    /** One diagnostic-settings record whose envelope category is the audit's own directory category. */
    private static String envelope(String category, String activity, String service, String targets) {
        return "{\"time\":\"2026-03-04T10:00:00Z\",\"category\":\"" + category + "\",\"operationName\":\"" + activity + "\","
                + "\"tenantId\":\"t1\",\"properties\":{\"id\":\"Directory_" + activity.hashCode() + "\",\"category\":\"" + category
                + "\",\"activityDateTime\":\"2026-03-04T10:00:00Z\",\"activityDisplayName\":\"" + activity + "\","
                + "\"loggedByService\":\"" + service + "\",\"result\":\"success\",\"operationType\":\"Delete\","
                + "\"initiatedBy\":{\"user\":{\"id\":\"u1\",\"userPrincipalName\":\"admin@contoso.example\",\"ipAddress\":\"81.2.69.160\"}},"
                + "\"targetResources\":[" + targets + "]}}";
    }

    @Test
    void anAuditRecordUnderItsDirectoryCategoryIsReadNotSkipped() {
        String text = "{\"records\":[" + envelope("Policy", "Delete conditional access policy", "Conditional Access",
                "{\"id\":\"p1\",\"displayName\":\"Require MFA\",\"type\":\"Policy\",\"modifiedProperties\":[{\"displayName\":"
                        + "\"ConditionalAccessPolicy\",\"oldValue\":\"{\\\"state\\\":\\\"enabled\\\"}\",\"newValue\":null}]}") + ","
                + envelope("DirectoryManagement", "Set federation settings on domain", "Core Directory",
                "{\"id\":\"d1\",\"displayName\":\"contoso.example\",\"type\":\"Domain\",\"modifiedProperties\":[]}") + "]}";

        Reading r = Reading.text(dir, "eh.json", text);

        assertThat(r.events()).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(DirectoryAudit.class));
        assertThat(((DirectoryAudit) r.events().get(0)).artifact()).get().asInstanceOf(type(Artifact.PolicyChange.class))
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(Kind.CONDITIONAL_ACCESS);
                    assertThat(p.policyName()).isEqualTo("Require MFA");
                });
        assertThat(((DirectoryAudit) r.events().get(1)).artifact()).get().asInstanceOf(type(Artifact.PolicyChange.class))
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(Kind.DOMAIN_FEDERATION);
                    assertThat(p.policyName()).isEqualTo("contoso.example");
                });
    }

    @Test
    void anotherDiagnosticCategoryWithoutAnAuditsFieldsIsStillSkipped() {
        Reading r = Reading.text(dir, "eh.json", "{\"records\":[{\"time\":\"2026-03-04T10:00:00Z\",\"category\":\"ProvisioningLogs\","
                + "\"properties\":{\"id\":\"x\",\"activityDateTime\":\"2026-03-04T10:00:00Z\",\"jobId\":\"j\"}}]}");

        assertThat(r.events()).isEmpty();
    }

    @Test
    void coreDirectorysDeletePolicyOfAConditionalAccessPolicyIsAPolicyDeletion() {
        String policy = "{\"id\":\"p2\",\"displayName\":\"Block legacy auth\",\"type\":\"Policy\",\"modifiedProperties\":["
                + "{\"displayName\":\"PolicyType\",\"oldValue\":\"[18]\",\"newValue\":\"[]\"},"
                + "{\"displayName\":\"PolicyDetail\",\"oldValue\":\"[\\\"{\\\\\\\"State\\\\\\\":\\\\\\\"enabled\\\\\\\"}\\\"]\",\"newValue\":\"[]\"}]}";
        String tokenLifetime = "{\"id\":\"p3\",\"displayName\":\"Token lifetime\",\"type\":\"Policy\",\"modifiedProperties\":["
                + "{\"displayName\":\"PolicyType\",\"oldValue\":\"[1]\",\"newValue\":\"[]\"}]}";
        Reading r = Reading.text(dir, "eh.json", "{\"records\":[" + envelope("AuditLogs", "Delete policy", "Core Directory", policy)
                + "," + envelope("AuditLogs", "Delete policy", "Core Directory", tokenLifetime) + "]}");

        assertThat(((DirectoryAudit) r.events().get(0)).artifact()).get().asInstanceOf(type(Artifact.PolicyChange.class))
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(Kind.CONDITIONAL_ACCESS);
                    assertThat(p.operation()).isEqualTo("Delete policy");
                    assertThat(p.oldValue()).contains("State");
                });
        assertThat(((DirectoryAudit) r.events().get(1)).artifact()).as("another policy type").isEmpty();
    }

    @Test
    void crossTenantAccessChangesAreReadAsPolicyChanges() {
        Reading r = Reading.text(dir, "eh.json", "{\"records\":[" + envelope("CrossTenantAccessSettings",
                "Update a partner cross-tenant access setting", "Core Directory",
                "{\"id\":\"partner-tenant\",\"displayName\":\"\",\"type\":\"Policy\",\"modifiedProperties\":[{\"displayName\":"
                        + "\"b2bCollaborationInbound\",\"oldValue\":\"{}\",\"newValue\":\"{\\\"usersAndGroups\\\":{\\\"accessType\\\":\\\"allowed\\\"}}\"}]}")
                + "]}");

        assertThat(((DirectoryAudit) r.events().get(0)).artifact()).get().asInstanceOf(type(Artifact.PolicyChange.class))
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(Kind.CROSS_TENANT_ACCESS);
                    assertThat(p.policyId()).isEqualTo("partner-tenant");
                    assertThat(p.newValue()).contains("allowed");
                });
    }
}
