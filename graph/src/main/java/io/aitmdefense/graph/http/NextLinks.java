package io.aitmdefense.graph.http;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Guards a paging loop: each next link must be on the API's own host (the bearer token goes with it), must not
 * repeat a link already followed, and the number of pages is capped.
 */
public final class NextLinks {
    private final URI home;
    private final int maxPages;
    private final String what;
    private final Set<String> seen = new HashSet<>();
    private int pages;

    public NextLinks(URI home, int maxPages, String what) {
        this.home = home;
        this.maxPages = maxPages;
        this.what = what;
    }

    /** Records the URL of the page about to be read. */
    public void visit(URI url) {
        if (!seen.add(url.toString())) {
            throw new PagingException(what + ": the next link repeats a page already read (" + url.getRawPath()
                    + "); stopped after " + pages + " pages", pages);
        }
        if (pages >= maxPages) {
            throw new PagingException(what + ": stopped at the cap of " + maxPages + " pages", pages);
        }
        pages++;
    }

    /** Checks a next link announced by the service and makes it a URI. */
    public URI next(String link) {
        URI u;
        try {
            u = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new PagingException(what + ": the next link is not a URL", pages);
        }
        if (!sameOrigin(u, home)) {
            throw new PagingException(what + ": the link leads to " + u.getScheme() + "://" + u.getAuthority()
                    + ", not " + home.getScheme() + "://" + home.getAuthority() + "; not following it with our token", pages);
        }
        return u;
    }

    public int pages() {
        return pages;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
