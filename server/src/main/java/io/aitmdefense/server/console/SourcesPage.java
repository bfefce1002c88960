package io.aitmdefense.server.console;

import io.aitmdefense.server.source.SourceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.aitmdefense.model.SafeText.html;

/**
 * {@code GET /sources}: every live source with what it has delivered and rejected, when it last polled, how far
 * behind the newest record it delivered is (the lag a responder must add to "nothing new"), and its last error,
 * the same facts {@code /api/v1/health} gives monitoring.
 */
final class SourcesPage {
    private SourcesPage() {
    }

    static String render(Viewer viewer, List<SourceStatus> sources, Instant now, List<String> tenants) {
        StringBuilder b = new StringBuilder(4096);
        long failing = sources.stream().filter(s -> s.lastError().isPresent()).count();
        b.append("<h1>Sources <span id=\"live-state\" class=\"live\" title=\"Updates arrive from the service as they happen\">"
                + "live</span></h1>\n<div id=\"sources-live\" data-live=\"sources\">\n");
        b.append("<p id=\"sources-health\" class=\"").append(failing == 0 ? "ok" : "error").append("\">")
                .append(sources.isEmpty() ? "No source is configured: add one to the serve file's sources."
                        : failing == 0 ? "Every source is reading." : failing + " of " + sources.size() + " sources report an error.")
                .append("</p>\n");
        if (!sources.isEmpty()) {
            b.append("<div class=\"scroll\"><table id=\"sources\"><thead><tr><th>source</th><th>kind</th><th>delivered</th>"
                    + "<th>rejected</th><th>last poll</th><th>newest record</th><th>lag</th><th>last error</th></tr></thead><tbody>\n");
            for (SourceStatus s : sources) {
                b.append("<tr class=\"source").append(s.lastError().isPresent() ? " failing" : "").append("\" data-name=\"")
                        .append(html(s.name())).append("\"><td class=\"mono\">")
                        .append(html(s.name())).append("</td><td>").append(html(s.kind())).append("</td><td>").append(s.delivered())
                        .append("</td><td>").append(s.rejected()).append("</td><td>").append(s.lastPoll().map(Layout::timeTag).orElse("never"))
                        .append("</td><td>").append(s.newestEvent().map(Layout::timeTag).orElse("none yet")).append("</td><td class=\"lag\"")
                        .append(s.newestEvent().map(t -> " data-newest=\"" + t + "\"").orElse("")).append('>')
                        .append(s.newestEvent().map(t -> AttackTimeline.span(Duration.between(t, now).isNegative()
                                ? Duration.ZERO : Duration.between(t, now))).orElse("—"))
                        .append("</td><td class=\"").append(s.lastError().isPresent() ? "error" : "meta").append("\">")
                        .append(s.lastError().map(e -> html(e)).orElse("none")).append("</td></tr>\n");
            }
            b.append("</tbody></table></div>\n");
        }
        b.append("</div>\n");
        b.append("<p class=\"meta\">Lag is the time since the newest record a source delivered was logged: Microsoft's logs "
                + "arrive minutes (sign-ins) to hours (the unified audit log) late. Monitoring reads the same from "
                + "<code>GET /api/v1/health</code>. The table follows the service's events: a source that delivers records "
                + "or reports an error is shown at once, and the lag counts on without a reload.</p>\n");
        return Layout.page("Sources", Layout.Section.SOURCES, Optional.of(viewer), new Layout.Tenants(tenants, ""), b.toString());
    }
}
