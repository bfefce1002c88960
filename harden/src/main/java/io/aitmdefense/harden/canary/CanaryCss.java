package io.aitmdefense.harden.canary;

import io.aitmdefense.posture.canary.CanaryBlock;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The canary block of a tenant's sign-in page CSS: one rule that makes the page load {@code aitm serve}'s canary
 * image. Microsoft serves the page (and the CSS) from its own hosts; a proxy that relays the page makes the browser
 * name the proxy's domain when it fetches the image. The block sits between two marker comments, so it is merged
 * into a tenant's existing custom CSS, replaced on a change of URL, and recognised by a check.
 */
public final class CanaryCss {
    static final String BEGIN = CanaryBlock.BEGIN;
    static final String END = CanaryBlock.END;
    /** Entra refuses a custom CSS file larger than 25 KB. */
    public static final int MAX_BYTES = 25 * 1024;

    private CanaryCss() {
    }

    /** The block for an image URL; only an absolute https URL of a canary image is accepted. */
    public static String block(URI image) {
        if (!CanaryBlock.isImageUrl(image)) {
            throw new IllegalArgumentException("the canary URL must be https://<public host of aitm serve>/canary/<token>.gif "
                    + "(aitm serve prints it at start), not " + image);
        }
        return BEGIN + "\n"
                + "/* A 1x1 transparent image: a page other than Microsoft's that shows this sign-in page is reported. */\n"
                + ".ext-sign-in-box { background-image: url(\"" + image.toASCIIString() + "\"); "
                + "background-repeat: no-repeat; background-size: 1px 1px; background-position: right bottom; }\n"
                + END + "\n";
    }

    /** {@code current} with its canary block replaced by {@code block} (or {@code block} appended when it has none). */
    public static String merge(String current, String block) {
        String rest = without(current);
        String merged = rest.isBlank() ? block : rest.stripTrailing() + "\n\n" + block;
        if (merged.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("the custom CSS with the canary would be "
                    + merged.getBytes(StandardCharsets.UTF_8).length + " bytes; Entra accepts at most " + MAX_BYTES);
        }
        return merged;
    }

    /** {@code css} without its canary block. */
    public static String without(String css) {
        int b = css.indexOf(BEGIN), e = css.indexOf(END);
        if (b < 0 || e < b) return css;
        String after = css.substring(e + END.length());
        return (css.substring(0, b).stripTrailing() + (after.startsWith("\n") ? after.substring(1) : after)).strip()
                + (b == 0 && after.isBlank() ? "" : "\n");
    }
}
