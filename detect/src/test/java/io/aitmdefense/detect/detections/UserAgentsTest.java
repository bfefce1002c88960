package io.aitmdefense.detect.detections;

import io.aitmdefense.events.Device;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36|Chrome|Windows|BROWSER",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.85 Safari/537.36 Edg/90.0.818.49|Edge|Windows|BROWSER",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0|Firefox|Linux|BROWSER",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1|Safari|iOS|BROWSER",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15|Safari|macOS|BROWSER",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Mobile Safari/537.36|Chrome|Android|BROWSER",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00.4472 Chrome/85.0.4183.121 Electron/10.4.7 Safari/537.36|Teams|Windows|APP",
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)|Outlook|Windows|APP",
            "Outlook-iOS/2.0|Outlook mobile|iOS|APP",
            "python-requests/2.31.0|python-requests||SCRIPT",
            "axios/1.6.8|axios||SCRIPT",
            "Go-http-client/1.1|Go-http-client||SCRIPT",
            "Microsoft SkyDriveSync 24.010.0114.0003 ship; Windows NT 10.0 (19045)|OneDrive|Windows|APP",
            "Microsoft SkyDriveSync 24.010.0114.0003 ship|OneDrive||APP",
    })
    void readsFamilyOperatingSystemAndKind(String agent, String family, String os, UserAgents.Kind kind) {
        UserAgents.Client c = UserAgents.client(agent, Device.UNKNOWN);
        assertThat(c.family()).isEqualTo(family);
        assertThat(c.os()).isEqualTo(os == null ? "" : os);
        assertThat(c.kind()).isEqualTo(kind);
    }

    @Test
    void theLogsDeviceDetailWinsForTheOperatingSystemAndFillsAMissingAgent() {
        UserAgents.Client c = UserAgents.client("", new Device("", "", "Windows10", "Edge 90.0.818", "", false, false));
        assertThat(c.os()).isEqualTo("Windows");
        assertThat(c.family()).isEqualTo("Edge");
        assertThat(UserAgents.os("Windows 10")).isEqualTo(UserAgents.os("Windows10"));
        assertThat(UserAgents.os("Ios")).isEqualTo("iOS");
    }

    @Test
    void aBrowserUpdateIsTheSameClientAndAnotherBrowserOrAScriptIsNot() {
        UserAgents.Client chrome131 = UserAgents.client("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36");
        UserAgents.Client chrome132 = UserAgents.client("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/132.0.0.0 Safari/537.36");
        UserAgents.Client firefox = UserAgents.client("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0");
        UserAgents.Client outlook = UserAgents.client("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)");
        UserAgents.Client script = UserAgents.client("python-requests/2.31.0");

        assertThat(chrome131.differs(chrome132)).isFalse();
        assertThat(chrome131.differs(firefox)).isTrue();
        assertThat(chrome131.otherMachine(firefox)).isFalse();
        assertThat(chrome131.differs(outlook)).isFalse();
        assertThat(chrome131.differs(script)).isTrue();
    }

    @Test
    void oneRegisteredDeviceIsOneMachineWhateverTheApps() {
        UserAgents.Client browser = UserAgents.client("Mozilla/5.0 (Windows NT 10.0) Chrome/132.0.0.0",
                new Device("dev-1", "", "Windows 10", "", "", true, true));
        UserAgents.Client other = UserAgents.client("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
                new Device("dev-1", "", "Linux", "", "", true, true));
        assertThat(browser.differs(other)).isFalse();
        assertThat(browser.otherMachine(UserAgents.client("", new Device("dev-2", "", "Windows 10", "", "", true, true)))).isTrue();
    }
}
