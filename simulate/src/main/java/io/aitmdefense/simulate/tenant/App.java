package io.aitmdefense.simulate.tenant;

/** A client application and the resource its token is for (log-schemas §11 ids). */
public record App(String id, String name, String resourceId, String resourceName, String clientAppUsed) {
    static final String EXCHANGE = "00000002-0000-0ff1-ce00-000000000000";
    static final String SHAREPOINT = "00000003-0000-0ff1-ce00-000000000000";
    static final String GRAPH = "00000003-0000-0000-c000-000000000000";
    static final String BROWSER = "Browser";
    static final String DESKTOP = "Mobile Apps and Desktop clients";

    public static final App OFFICE_HOME = new App("4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome",
            "4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome", BROWSER);
    public static final App OWA = new App("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online",
            EXCHANGE, "Office 365 Exchange Online", BROWSER);
    public static final App SHELL = new App("89bee1f7-5e6e-4d8a-9f3d-ecd601259da7", "Office365 Shell WCSS-Client",
            SHAREPOINT, "Office 365 SharePoint Online", BROWSER);
    public static final App AZURE_PORTAL = new App("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal",
            "797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API", BROWSER);
    public static final App TEAMS = new App("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams",
            "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "Microsoft Teams Services", DESKTOP);
    public static final App OFFICE = new App("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office",
            EXCHANGE, "Office 365 Exchange Online", DESKTOP);
    public static final App ONEDRIVE = new App("ab9b8c07-8f02-4f72-87fa-80105867a763", "OneDrive SyncEngine",
            SHAREPOINT, "Office 365 SharePoint Online", DESKTOP);
    public static final App OUTLOOK_MOBILE = new App("27922004-5251-4030-b22d-91ecd9a37ea4", "Outlook Mobile",
            EXCHANGE, "Office 365 Exchange Online", DESKTOP);
    public static final App INTUNE_AGENT = new App("fc0f3af4-6835-4174-b806-f7db311fd2f3", "Microsoft Intune Windows Agent",
            "26a4ae64-5862-427f-a9b0-044e62572a4f", "Microsoft Intune Checkin", DESKTOP);
    public static final App AUTH_BROKER = new App("29d9ed98-a469-4536-ade2-f981bc1d605e", "Microsoft Authentication Broker",
            "00000002-0000-0000-c000-000000000000", "Windows Azure Active Directory", DESKTOP);
    public static final App BROKER_TO_GRAPH = new App("29d9ed98-a469-4536-ade2-f981bc1d605e", "Microsoft Authentication Broker",
            GRAPH, "Microsoft Graph", DESKTOP);
    public static final App INTUNE_ENROLLMENT = new App("d4ebce55-015a-49b5-a083-c84d1797ae8c", "Microsoft Intune Enrollment",
            "0000000a-0000-0000-c000-000000000000", "Microsoft Intune", DESKTOP);
    public static final App MY_SIGNINS = new App("19db86c3-b2b9-44cc-b339-36da233a3be2", "My Signins",
            "0000000c-0000-0000-c000-000000000000", "Microsoft App Access Panel", BROWSER);

    /** Azure CLI: a developer hands the browser's session to it on the same machine (WSL, broker). */
    public static final App AZURE_CLI = new App("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Azure CLI",
            "797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API", DESKTOP);
    /** A third-party CRM integration the user consented to: it refreshes the user's Graph token from its own cloud. */
    public static final App CRM_CONNECTOR = new App("3c8d6b9e-7f2a-4b51-9e0d-5a6c1f2b8e47", "Pipedrive Mail Sync",
            GRAPH, "Microsoft Graph", DESKTOP);

    public boolean exchangeOrSharePoint() {
        return resourceId.equals(EXCHANGE) || resourceId.equals(SHAREPOINT);
    }
}
