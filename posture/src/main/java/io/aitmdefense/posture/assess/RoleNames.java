package io.aitmdefense.posture.assess;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Display names of the directory roles policies usually target, by role template id (Entra built-in roles reference),
 * so findings say "Exchange Administrator" rather than a GUID. An id missing here is printed as it is.
 */
final class RoleNames {

    /** Excluded from MFA policies on purpose (Entra Connect's sync account cannot do MFA; Maester MT.1020). */
    static final String DIRECTORY_SYNCHRONIZATION_ACCOUNTS = "d29b2b05-8046-44ba-8758-1e26182fcf32";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(Personas.GLOBAL_ADMINISTRATOR, "Global Administrator"),
            Map.entry("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator"),
            Map.entry("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"),
            Map.entry("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator"),
            Map.entry("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator"),
            Map.entry("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator"),
            Map.entry("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator"),
            Map.entry("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"),
            Map.entry("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator"),
            Map.entry("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator"),
            Map.entry("e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"),
            Map.entry("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"),
            Map.entry("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator"),
            Map.entry("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
            Map.entry("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator"),
            Map.entry("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"),
            Map.entry(DIRECTORY_SYNCHRONIZATION_ACCOUNTS, "Directory Synchronization Accounts"));

    private RoleNames() {
    }

    static Optional<String> name(String roleTemplateId) {
        return Optional.ofNullable(NAMES.get(roleTemplateId.toLowerCase(Locale.ROOT)));
    }
}
