package io.aitmdefense.server.console;

import io.aitmdefense.server.web.OidcRefusal;
import io.aitmdefense.server.web.WebSecurity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.aitmdefense.model.SafeText.html;

/**
 * {@code GET /login}: one field for a console token, and, when the serve file configures Entra sign-in, a "Sign in
 * with Microsoft" link. The form posts to {@code /login} (the session handler), which answers with the session cookie
 * and a redirect to {@code next}, or back here with {@code failed=1}; an Entra sign-in that gave no session comes back
 * with {@code refused=<code>}, whose fixed text is shown.
 */
final class LoginPage {
    private LoginPage() {
    }

    static String render(String next, boolean failed, Optional<OidcRefusal> refused, boolean oidc) {
        String local = localPath(next);
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"login\"><h1>Sign in</h1>\n");
        if (failed) {
            b.append("<p class=\"error\" id=\"login-failed\" role=\"alert\">That token was not accepted. "
                    + "Check that it is the whole line of the token file, without spaces.</p>\n");
        }
        refused.ifPresent(r -> b.append("<p class=\"error\" id=\"login-refused\" role=\"alert\">").append(html(r.message()))
                .append("</p>\n"));
        if (oidc) {
            // a link, not a form: the CSP's form-action 'self' would stop a form's redirect on to Microsoft
            b.append("<p id=\"login-oidc\"><a href=\"/login/oidc?next=")
                    .append(html(URLEncoder.encode(local, StandardCharsets.UTF_8)))
                    .append("\">Sign in with Microsoft</a> (your organisation's Entra ID account)</p>\n")
                    .append("<p class=\"hint\">Or with a console token:</p>\n");
        }
        b.append("<form method=\"post\" action=\"/login\">\n")
                .append("<label for=\"token\">Console token</label>\n")
                .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required")
                .append(oidc ? "" : " autofocus").append(">\n")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(html(local)).append("\">\n")
                .append("<button type=\"submit\" class=\"primary\">Sign in</button>\n</form>\n")
                .append("<p class=\"hint\">The first admin token is written once, when the service first starts, to "
                        + "<code>DATA/admin-token</code> (readable by its owner only). The token is exchanged for a "
                        + "session cookie; it is never shown again.</p>\n</section>\n");
        return Layout.page("Sign in", Layout.Section.LOGIN, Optional.empty(), Layout.Tenants.NONE, b.toString());
    }

    /** Only a path on this server: {@code //evil.example} or {@code https://…} would make the sign-in an open redirect. */
    static String localPath(String next) {
        return WebSecurity.localPath(next).orElse("/");
    }
}
