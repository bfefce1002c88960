package io.aitmdefense.server.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import static io.aitmdefense.model.SafeText.html;

/**
 * The frame every console page shares: the head (the CSRF token as a meta tag for the script, one stylesheet, one
 * script, nothing inline, since the Content-Security-Policy forbids inline script and style), the navigation, the
 * tenant switcher and the signed-in user with a sign-out button. Every value that came from a log or a request is
 * escaped with {@link io.aitmdefense.model.SafeText#html}, the project's one escaper.
 */
final class Layout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Layout() {
    }

    /** Which page is being shown, for the navigation's current item and the body's class. */
    enum Section {
        INCIDENTS("Incidents", "/"), POSTURE("Posture", "/posture"), HARDEN("Harden", "/harden"), SOURCES("Sources", "/sources"),
        LOGIN("Sign in", "/login");

        final String label;
        final String href;

        Section(String label, String href) {
            this.label = label;
            this.href = href;
        }
    }

    /** The tenants the switcher offers and the one chosen ("" for all). */
    record Tenants(List<String> all, String current) {
        static final Tenants NONE = new Tenants(List.of(), "");
    }

    static String page(String title, Section section, Optional<Viewer> viewer, Tenants tenants, String body) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // The service's Referrer-Policy is no-referrer, under which a browser sends "Origin: null" with a form
                // post; same-origin keeps our own origin on our own posts (the sign-in checks it), and still sends
                // nothing to any other site.
                .append("<meta name=\"referrer\" content=\"same-origin\">\n");
        viewer.ifPresent(v -> b.append("<meta name=\"csrf-token\" content=\"").append(html(v.csrf())).append("\">\n"));
        b.append("<title>").append(html(title)).append(" · AiTM Defense</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">\n");
        // the sign-in page needs no script: it is one form
        if (viewer.isPresent()) b.append("<script src=\"/static/console.js\" defer></script>\n");
        b.append("</head>\n")
                .append("<body class=\"page-").append(section.name().toLowerCase(java.util.Locale.ROOT)).append("\">\n");
        b.append("<header class=\"top\"><a class=\"brand\" href=\"/\">AiTM Defense</a>\n");
        if (viewer.isPresent()) {
            b.append("<nav>");
            for (Section s : new Section[]{Section.INCIDENTS, Section.POSTURE, Section.HARDEN, Section.SOURCES}) {
                b.append("<a href=\"").append(s.href).append('"').append(s == section ? " class=\"current\" aria-current=\"page\"" : "")
                        .append('>').append(s.label).append("</a>");
            }
            b.append("</nav>\n");
            tenantSwitcher(b, tenants);
            Viewer v = viewer.get();
            b.append("<form class=\"who\" method=\"post\" action=\"/logout\"><span class=\"user\">").append(html(v.name()))
                    .append(" <span class=\"role\">").append(html(v.role())).append("</span></span>")
                    .append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(html(v.csrf())).append("\">")
                    .append("<button type=\"submit\" class=\"link\">Sign out</button></form>\n");
        }
        b.append("</header>\n<main>\n").append(body).append("</main>\n</body></html>\n");
        return b.toString();
    }

    /** A GET form to the queue: choosing a tenant shows its incidents (the script submits on change). */
    private static void tenantSwitcher(StringBuilder b, Tenants tenants) {
        b.append("<form class=\"tenant-switch\" method=\"get\" action=\"/\"><label for=\"tenant-switch\">Tenant</label>")
                .append("<select id=\"tenant-switch\" name=\"tenant\" class=\"autosubmit\">")
                .append(option("", "all tenants", tenants.current()));
        for (String t : tenants.all()) b.append(option(t, t.isEmpty() ? "(no tenant id)" : t, tenants.current()));
        b.append("</select><button type=\"submit\" class=\"noscript\">Show</button></form>\n");
    }

    static String option(String value, String label, String current) {
        return "<option value=\"" + html(value) + "\"" + (value.equals(current) ? " selected" : "") + ">" + html(label) + "</option>";
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** A time people read, in a {@code <time>} element whose machine value the tests and the script can use. */
    static String timeTag(Instant t) {
        return "<time datetime=\"" + t + "\">" + time(t) + "</time>";
    }

    /** To the minute, for the queue's narrow columns (the full time is in the element's value and its tooltip). */
    static String shortTimeTag(Instant t) {
        return "<time datetime=\"" + t + "\" title=\"" + time(t) + "\">" + SHORT.format(t) + "</time>";
    }

    static String badge(String severity) {
        return "<span class=\"sev sev-" + html(severity) + "\">" + html(severity) + "</span>";
    }

    static String statusBadge(String status) {
        return "<span class=\"status status-" + html(status) + "\">" + html(status.replace('-', ' ')) + "</span>";
    }
}
