package io.aitmdefense.posture.canary;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the sign-in page canary is marked in a tenant's company branding CSS: one block between two marker comments
 * that loads {@code aitm serve}'s canary image. {@code aitm harden canary} writes the block; this class is the one
 * reading of it, shared by {@code harden canary --check} and {@code aitm posture}.
 */
public final class CanaryBlock {
    public static final String BEGIN = "/* aitm-canary:begin (aitm harden canary; do not edit) */";
    public static final String END = "/* aitm-canary:end */";
    private static final Pattern IMAGE_PATH = Pattern.compile("/canary/[A-Za-z0-9_-]{16,}\\.gif");

    private CanaryBlock() {
    }

    /** The canary image URL a CSS file carries, if it has a canary block. */
    public static Optional<String> url(String css) {
        int b = css.indexOf(BEGIN), e = css.indexOf(END);
        if (b < 0 || e < b) return Optional.empty();
        String block = css.substring(b, e);
        int u = block.indexOf("url(\"");
        if (u < 0) return Optional.empty();
        int close = block.indexOf("\")", u);
        return close < 0 ? Optional.empty() : Optional.of(block.substring(u + 5, close));
    }

    /** Whether a URL can be {@code aitm serve}'s canary image: absolute https, path {@code /canary/<token>.gif}. */
    public static boolean isImageUrl(URI image) {
        String scheme = image.getScheme() == null ? "" : image.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") && image.getHost() != null && image.getPath() != null
                && IMAGE_PATH.matcher(image.getPath()).matches();
    }

    /** {@link #isImageUrl(URI)} of text that may not even be a URI. */
    public static boolean isImageUrl(String text) {
        try {
            return isImageUrl(new URI(text));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
