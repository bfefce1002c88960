package io.aitmdefense.server;

import io.aitmdefense.server.notify.NotifyTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serve file's console keys: the console's address, notifications, and the posture export. */
class ServeSettingsConsoleKeysTest {
    @TempDir
    Path dir;

    @Test
    void theConsoleAddressNotificationsAndPostureExportAreReadWithPathsBesideTheServeFile() throws Exception {
        Files.writeString(dir.resolve("teams.txt"), "https://contoso.webhook.office.com/webhookb2/secret-part\n");
        ServeSettings s = ServeSettings.load(write("""
                data: aitm-data
                listen: 127.0.0.1:8080
                url: https://aitm.contoso.example
                notify:
                  - {type: teams, name: soc, urlFile: teams.txt}
                posture: {exports: [ca-export], breakGlass: [0b9a1a6e-0000-4000-8000-00000000b001]}
                sources:
                  - {type: folder, path: inbox}
                """));
        assertThat(s.consoleUrl()).isEqualTo("https://aitm.contoso.example");
        assertThat(s.notifyTargets()).singleElement().satisfies(t -> {
            assertThat(t.channel()).isEqualTo(NotifyTarget.Channel.TEAMS);
            assertThat(t.url().getHost()).isEqualTo("contoso.webhook.office.com");
            assertThat(t.toString()).isEqualTo("teams soc").doesNotContain("secret-part");
        });
        assertThat(s.posture()).hasValueSatisfying(p -> {
            assertThat(p.exports()).containsExactly(dir.toAbsolutePath().resolve("ca-export"));
            assertThat(p.breakGlass()).containsExactly("0b9a1a6e-0000-4000-8000-00000000b001");
        });

        ServeSettings plain = ServeSettings.load(write("""
                data: aitm-data
                listen: 127.0.0.1:9000
                sources: [{type: folder, path: inbox}]
                """));
        assertThat(plain.consoleUrl()).as("links default to where the service listens").isEqualTo("http://127.0.0.1:9000");
        assertThat(plain.notifyTargets()).isEmpty();
        assertThat(plain.posture()).isEmpty();
    }

    @Test
    void aMistakeInTheConsoleKeysNamesTheFileAndKeyAndNeverTheWebhookUrl() throws Exception {
        assertThatThrownBy(() -> ServeSettings.load(write("""
                data: d
                notify: [{type: slack, url: "https://hooks.slack.com/services/T0/B0/xoxb-Zq81"}]
                sources: [{type: folder, path: inbox}]
                """))).hasMessageContaining("serve.yaml: notify[0]: url:").hasMessageNotContaining("xoxb-Zq81").hasMessageNotContaining("hooks.slack.com");
        assertThatThrownBy(() -> ServeSettings.load(write("""
                data: d
                notify: [{type: teams, urlFile: missing.txt}]
                sources: [{type: folder, path: inbox}]
                """))).hasMessageContaining("serve.yaml: notify[0]: urlFile: cannot read");
        assertThatThrownBy(() -> ServeSettings.load(write("""
                data: d
                posture: {export: ca}
                sources: [{type: folder, path: inbox}]
                """))).hasMessageContaining("serve.yaml: unknown key posture.export");
    }

    private Path write(String text) throws Exception {
        Path f = dir.resolve("serve.yaml");
        Files.writeString(f, text);
        return f;
    }
}
