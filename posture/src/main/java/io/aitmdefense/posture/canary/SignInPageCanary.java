package io.aitmdefense.posture.canary;

import java.net.URI;
import java.util.Optional;

/**
 * The sign-in page canary as read from one source (the tenant's branding through Graph, or a saved CSS file):
 * its status, the URL the CSS loads, the URL it was compared with, and a sentence for a person.
 *
 * @param source   where the CSS came from ({@code graph}, a file path), empty when not checked
 * @param expected this tenant's canary URL ({@code aitm serve} prints it), when given
 */
public record SignInPageCanary(CanaryStatus status, Optional<String> url, Optional<String> expected, String source,
                               String detail) {

    public static SignInPageCanary notChecked() {
        return new SignInPageCanary(CanaryStatus.NOT_CHECKED, Optional.empty(), Optional.empty(), "",
                "Not checked: the sign-in page's branding was not read (aitm posture --config tenant.yaml, or --branding custom.css).");
    }

    /** The canary of {@code css} (empty: the tenant has no custom CSS), compared with {@code expected} when given. */
    public static SignInPageCanary of(String css, String source, Optional<String> expected) {
        Optional<String> url = CanaryBlock.url(css);
        if (url.isEmpty()) {
            return new SignInPageCanary(CanaryStatus.ABSENT, url, expected, source, css.isBlank()
                    ? "The sign-in page has no custom CSS, so no canary: a proxied sign-in page goes unseen until the stolen session is used."
                    : "The sign-in page's custom CSS has no aitm canary block: a proxied sign-in page goes unseen until the stolen session is used.");
        }
        String found = url.get();
        if (!CanaryBlock.isImageUrl(found)) {
            return new SignInPageCanary(CanaryStatus.STALE, url, expected, source,
                    "The canary block loads " + found + ", which is not an aitm serve canary image (https://HOST/canary/TOKEN.gif).");
        }
        if (expected.isEmpty()) {
            return new SignInPageCanary(CanaryStatus.PRESENT, url, expected, source, "The sign-in page loads the canary "
                    + found + " (not compared with the service's URL: give --canary-url to check it is this tenant's).");
        }
        if (found.equals(expected.get())) {
            return new SignInPageCanary(CanaryStatus.PRESENT, url, expected, source,
                    "The sign-in page loads this tenant's canary " + found + ".");
        }
        boolean sameHost = URI.create(found).getHost().equalsIgnoreCase(hostOf(expected.get()));
        return new SignInPageCanary(CanaryStatus.STALE, url, expected, source, "The sign-in page loads " + found
                + (sameHost ? ", an older canary token of this service" : ", another host's canary")
                + ", not this tenant's " + expected.get() + ": its hits are not correlated with this tenant's sign-ins.");
    }

    private static String hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null ? "" : host;
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }
}
