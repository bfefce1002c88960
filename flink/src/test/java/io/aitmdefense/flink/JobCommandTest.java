package io.aitmdefense.flink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's command line: a mistake is one line naming what is wrong, before anything is submitted. */
class JobCommandTest {

    @Test
    void aMisspeltKeyInTheTenantFileNamesFileLineAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tenant.yaml");
        Files.writeString(file, "tenant:\n  trustedCidr: [\"10.0.0.0/8\"]\n");
        StringWriter err = new StringWriter();
        int code = JobCommand.commandLine().setErr(new PrintWriter(err))
                .execute("--kafka", "localhost:1", "--topic", "t", "--tenants", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("tenant.yaml:2").contains("trustedCidr");
    }

    @Test
    void withoutKafkaTheUsageErrorSaysSo() {
        StringWriter err = new StringWriter();
        int code = JobCommand.commandLine().setErr(new PrintWriter(err)).execute("--topic", "t");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--kafka");
    }
}
