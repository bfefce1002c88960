package io.aitmdefense.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aServeFileNamesItsDataSourcesAndEngineTimingWithPathsBesideIt() throws Exception {
        Path f = write("""
                data: aitm-data
                listen: 0.0.0.0:9090
                config: tenant.yaml
                engine: {allowedLateness: 6h, snapshotEvery: PT45S}
                sources:
                  - {type: folder, path: inbox}
                  - {type: kafka, topic: insights-logs-signinlogs, bootstrapServers: ns:9093, connectionStringFile: eh.txt}
                """);
        ServeSettings s = ServeSettings.load(f);
        assertThat(s.data()).isEqualTo(dir.toAbsolutePath().resolve("aitm-data"));
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(9090);
        assertThat(s.config()).contains(dir.toAbsolutePath().resolve("tenant.yaml"));
        assertThat(s.allowedLateness()).isEqualTo(Duration.ofHours(6));
        assertThat(s.snapshotEvery()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.pollEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.sources()).extracting(ServeSettings.SourceSpec::type).containsExactly("folder", "kafka");
        assertThat(s.sources().get(0).text("path")).isEqualTo(dir.toAbsolutePath().resolve("inbox").toString());
        assertThat(s.sources().get(1).text("connectionStringFile")).isEqualTo(dir.toAbsolutePath().resolve("eh.txt").toString());
    }

    @Test
    void eachMistakeNamesTheFileAndTheKey() throws Exception {
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\nsource: []\n")))
                .hasMessageContaining("serve.yaml: unknown key source");
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\nsources: [{type: folder, paht: x}]\n")))
                .hasMessageContaining("sources[0]: unknown key paht");
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\nsources: [{type: ftp}]\n")))
                .hasMessageContaining("sources[0]: type must be one of [folder, graph, kafka, management]");
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\nengine: {pollEvery: soon}\nsources: [{type: folder, path: x}]\n")))
                .hasMessageContaining("engine.pollEvery").hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\nsources: []\n")))
                .hasMessageContaining("sources: name at least one source");
        assertThatThrownBy(() -> ServeSettings.load(write("sources: [{type: folder, path: x}]\n")))
                .hasMessageContaining("data: required");
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("serve.yaml"), text);
    }
}
