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
        assertThat(s.tenants()).singleElement().satisfies(t -> assertThat(t.name()).isEmpty());
        ServeSettings.TenantSpec t = s.tenants().get(0);
        assertThat(t.config()).contains(dir.toAbsolutePath().resolve("tenant.yaml"));
        assertThat(s.allowedLateness()).isEqualTo(Duration.ofHours(6));
        assertThat(s.snapshotEvery()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.pollEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.sources()).extracting(ServeSettings.SourceSpec::type).containsExactly("folder", "kafka");
        assertThat(t.sources().get(0).text("path")).isEqualTo(dir.toAbsolutePath().resolve("inbox").toString());
        assertThat(t.sources().get(1).text("connectionStringFile")).isEqualTo(dir.toAbsolutePath().resolve("eh.txt").toString());
    }

    @Test
    void severalTenantsEachNameTheirTenantFileAndSourcesAndGraphSourcesConnectThroughIt() throws Exception {
        Path f = write("""
                data: aitm-data
                tenants:
                  - name: contoso
                    config: contoso.yaml
                    sources:
                      - {type: folder, path: inbox/contoso}
                      - {type: graph, logs: [signIns]}
                  - name: fabrikam
                    config: fabrikam.yaml
                    sources: [{type: management, microsoft: fabrikam-ms.yaml}]
                """);
        ServeSettings s = ServeSettings.load(f);
        assertThat(s.tenants()).extracting(ServeSettings.TenantSpec::name).containsExactly("contoso", "fabrikam");
        ServeSettings.TenantSpec contoso = s.tenants().get(0);
        assertThat(contoso.config()).contains(dir.toAbsolutePath().resolve("contoso.yaml"));
        assertThat(contoso.sources().get(0).text("path")).isEqualTo(dir.toAbsolutePath().resolve("inbox/contoso").toString());
        assertThat(contoso.sources().get(1).text("microsoft")).as("the tenant file by default")
                .isEqualTo(dir.toAbsolutePath().resolve("contoso.yaml").toString());
        assertThat(s.tenants().get(1).sources().get(0).text("microsoft")).isEqualTo(dir.toAbsolutePath().resolve("fabrikam-ms.yaml").toString());

        assertThatThrownBy(() -> ServeSettings.load(write("data: d\nconfig: t.yaml\ntenants: [{name: a, config: a.yaml, sources: [{type: folder, path: x}]}]\n")))
                .hasMessageContaining("serve.yaml: config: with tenants:, each tenant names its own config");
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\ntenants: [{name: a, config: a.yaml, sources: [{type: folder, path: x}]},"
                + " {name: a, config: b.yaml, sources: [{type: folder, path: y}]}]\n")))
                .hasMessageContaining("tenants[1].name: tenant 'a' is named twice");
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\ntenants: [{name: a, sources: [{type: folder, path: x}]}]\n")))
                .hasMessageContaining("tenants[0].config: required");
        assertThatThrownBy(() -> ServeSettings.load(write("data: d\ntenants: [{name: a, config: a.yaml, sources: [{type: folder, pat: x}]}]\n")))
                .hasMessageContaining("serve.yaml: tenants[0].sources[0]: unknown key pat");
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
