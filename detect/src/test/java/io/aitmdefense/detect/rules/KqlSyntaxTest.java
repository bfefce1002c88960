package io.aitmdefense.detect.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checker the export test relies on must reject broken KQL, or that test proves nothing. */
class KqlSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SigninLogs | where ResultType == \"0\"",
            "SigninLogs\n| where ResultType == \"0\" and UserAgent has_any (\"python\", \"curl\")\n| take 10",
            "let window = 60m;\nlet agents = dynamic([\"a\", \"b\"]);\nSigninLogs | where TimeGenerated > ago(window)",
            "union isfuzzy=true SigninLogs, AADNonInteractiveUserSignInLogs | summarize count() by bin(TimeGenerated, 1h)",
            "AuditLogs | extend Upn = tostring(InitiatedBy.user.userPrincipalName), T = TargetResources[0].displayName",
            "let known = SigninLogs | distinct UserPrincipalName, IPAddress;\nSigninLogs | join kind=leftanti known on UserPrincipalName, IPAddress",
            "T | where x between (ago(1d) .. ago(1h)) and y !in~ (\"a\") and z matches regex @\"(?i)(a\\.b|c)\"",
            "SecurityAlert | summarize arg_max(TimeGenerated, *) by SystemAlertId | extend Ip = extract(@'\"Address\":\"([^\"]+)\"', 1, Entities)",
            "T | sort by U asc, TimeGenerated asc | extend P = prev(U) | where Km / max_of(H, 0.001) >= 800.0",
            "T | mv-expand P = Policies | where tostring(P.result) in (\"failure\") | project-away P",
            "T | where A == 1 // a comment\n| project A"})
    void acceptsTheQueryShapesTheExportsUse(String kql) {
        assertThatCode(() -> KqlSyntax.check(kql)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SigninLogs | where",
            "SigninLogs | wher ResultType == \"0\"",
            "SigninLogs | where (ResultType == \"0\"",
            "SigninLogs | where ResultType == \"0\")",
            "SigninLogs | where UserAgent has \"python",
            "SigninLogs || where x == 1",
            "SigninLogs | where x ==",
            "let x = ;\nSigninLogs",
            "let x = 1;",
            "T | summarize count() by",
            "T | summarize",
            "T | join kind=inner (U | where a == 1 on X",
            "T | where x in (\"a\", )",
            "T | where x in ()",
            "T | where d == dynamic([1, 2)",
            "T | where x between (1 2)",
            "T | where x == 1 T",
            "T | extend a = 1,",
            "T | where t > ago(14x)",
            "T | sort UserPrincipalName",
            "let a = 1\nT"})
    void rejectsMalformedKql(String kql) {
        assertThatThrownBy(() -> KqlSyntax.check(kql)).isInstanceOf(KqlSyntax.Error.class);
    }

    @Test
    void theErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> KqlSyntax.check("SigninLogs\n| wher x == 1"))
                .hasMessage("2:3: unknown tabular operator, found 'wher'");
    }
}
