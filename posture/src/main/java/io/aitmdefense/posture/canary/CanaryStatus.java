package io.aitmdefense.posture.canary;

/** What a tenant's sign-in page says about its canary. */
public enum CanaryStatus {
    /** The branding CSS loads a canary image (this tenant's, when its URL was given to compare). */
    PRESENT("present"),
    /** A canary block whose URL is not this tenant's canary (an older token, another host) or no canary image URL. */
    STALE("stale"),
    /** The branding was read and carries no canary block. */
    ABSENT("absent"),
    /** Nothing was read: neither the tenant (Graph) nor a saved CSS file was given. Never taken for absent. */
    NOT_CHECKED("not checked");

    private final String label;

    CanaryStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
