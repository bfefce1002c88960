package io.aitmdefense.server.console;

import java.util.Optional;

import static io.aitmdefense.model.SafeText.html;

/**
 * {@code GET /login}: one field for a console token. The form posts to {@code /login} (console-api's session
 * handler), which answers with the session cookie and a redirect to {@code next}, or back here with {@code failed=1}.
 */
final class LoginPage {
    private LoginPage() {
    }

    static String render(String next, boolean failed) {
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"login\"><h1>Sign in</h1>\n");
        if (failed) {
            b.append("<p class=\"error\" id=\"login-failed\" role=\"alert\">That token was not accepted. "
                    + "Check that it is the whole line of the token file, without spaces.</p>\n");
        }
        b.append("<form method=\"post\" action=\"/login\">\n")
                .append("<label for=\"token\">Console token</label>\n")
                .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus>\n")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(html(localPath(next))).append("\">\n")
                .append("<button type=\"submit\" class=\"primary\">Sign in</button>\n</form>\n")
                .append("<p class=\"hint\">The first admin token is written once, when the service first starts, to "
                        + "<code>DATA/admin-token</code> (readable by its owner only). The token is exchanged for a "
                        + "session cookie; it is never shown again.</p>\n</section>\n");
        return Layout.page("Sign in", Layout.Section.LOGIN, Optional.empty(), Layout.Tenants.NONE, b.toString());
    }

    /** Only a path on this server: {@code //evil.example} or {@code https://…} would make the sign-in an open redirect. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
        return next;
    }
}
