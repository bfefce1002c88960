package io.aitmdefense.server.canary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PageOriginTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x | null | MICROSOFT | login.microsoftonline.com",
            "https://login.microsoftonline.us/ | null | MICROSOFT | login.microsoftonline.us",
            "https://login.partner.microsoftonline.cn/ | null | MICROSOFT | login.partner.microsoftonline.cn",
            "https://aadcdn.msftauthimages.net/dbd5a2dd-x/logintenantbranding/0/customcss | null | MICROSOFT | aadcdn.msftauthimages.net",
            "https://LOGIN.Microsoft.com/ | null | MICROSOFT | login.microsoft.com",
            "https://login.microsoftonline.com.evil.example/ | null | FOREIGN | login.microsoftonline.com.evil.example",
            "https://micros0ft-login.example/common/login | null | FOREIGN | micros0ft-login.example",
            "null | https://portal-office365.example | FOREIGN | portal-office365.example",
            "null | null | BLANK | ''",
            "'' | null | BLANK | ''",
            "javascript:alert(1) | null | BLANK | ''",
            "https://<script>.example/ | null | BLANK | ''",
    })
    void thePageIsTheReferrersHostWithMicrosoftsSignInHostsAsHealth(String referrer, String origin, PageOrigin.Kind kind,
                                                                    String domain) {
        assertThat(PageOrigin.of(referrer, origin)).isEqualTo(new PageOrigin(kind, domain));
    }

    @ParameterizedTest
    @CsvSource({"3000", "100000"})
    void anOverlongHeaderNamesNoPage(int length) {
        String referrer = "https://" + "a".repeat(length) + ".example/";
        assertThat(PageOrigin.of(referrer, null).kind()).isEqualTo(PageOrigin.Kind.BLANK);
    }
}
