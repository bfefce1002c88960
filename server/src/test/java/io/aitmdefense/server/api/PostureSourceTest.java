package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostureSourceTest {
    static final Path BASE = Path.of("/srv/aitm");

    @Test
    void theHardenSettingsAreReadBesideTheExportRelativeToTheServeFile() throws Exception {
        PostureSource s = parse("{exports: [ca/], breakGlass: [group:bg-1], pilotGroup: pilot-1, signIns: [logs/a, logs/b], prefix: Contoso-}")
                .orElseThrow();
        assertThat(s.exports()).containsExactly(BASE.resolve("ca/"));
        assertThat(s.breakGlass()).containsExactly("group:bg-1");
        assertThat(s.pilotGroup()).contains("pilot-1");
        assertThat(s.signIns()).containsExactly(BASE.resolve("logs/a"), BASE.resolve("logs/b"));
        assertThat(s.prefix()).isEqualTo("Contoso-");
        PostureSource bare = parse("{exports: [ca/]}").orElseThrow();
        assertThat(bare.pilotGroup()).isEmpty();
        assertThat(bare.prefix()).isEqualTo("AiTM-");
        assertThat(bare.signIns()).isEmpty();
        assertThat(PostureSource.parse(null, BASE, "serve.yaml")).isEmpty();
    }

    @Test
    void aMistakeNamesTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("{exports: [ca/], signins: [logs/]}")).hasMessage(
                "serve.yaml: unknown key posture.signins (known: breakGlass, exports, pilotGroup, prefix, signIns)");
        assertThatThrownBy(() -> parse("{exports: [ca/], pilotGroup: pilot-1}"))
                .hasMessageStartingWith("serve.yaml: posture.breakGlass: ");
        assertThatThrownBy(() -> parse("{exports: [ca/], prefix: ''}")).hasMessageStartingWith("serve.yaml: posture.prefix must not be empty");
        assertThatThrownBy(() -> parse("{breakGlass: [x]}")).hasMessageStartingWith("serve.yaml: posture.exports: ");
    }

    private static Optional<PostureSource> parse(String yaml) throws Exception {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return PostureSource.parse(node, BASE, "serve.yaml");
    }
}
