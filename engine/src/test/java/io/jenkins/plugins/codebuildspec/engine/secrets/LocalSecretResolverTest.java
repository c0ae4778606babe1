package io.jenkins.plugins.codebuildspec.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalSecretResolver}: lookup order, the secret file format, and messages free of values. */
class LocalSecretResolverTest {
    private static final String DB_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";

    @TempDir
    Path dir;

    private static SecretsManagerRef ref(String reference) {
        return SecretsManagerRef.parse(reference, new Position(3, 5));
    }

    @Test
    void variableEntryIsTheFinalValueWithoutJsonKey() throws Exception {
        LocalSecretResolver resolver = LocalSecretResolver.of(
                Map.of("TOKEN", "by-variable", "/CodeBuild/token", "by-name", "DB_PASS", "not-json-at-all"));
        assertThat(resolver.parameter("TOKEN", "/CodeBuild/token")).isEqualTo("by-variable");
        assertThat(resolver.secret("DB_PASS", ref("prod/db:password"))).isEqualTo("not-json-at-all");
    }

    @Test
    void parameterIsFoundByItsName() throws Exception {
        LocalSecretResolver resolver = LocalSecretResolver.of(Map.of("/CodeBuild/token", "by-name"));
        assertThat(resolver.parameter("TOKEN", "/CodeBuild/token")).isEqualTo("by-name");
    }

    @Test
    void secretIsFoundByIdWithJsonKeyAppliedAndVersionsIgnored() throws Exception {
        LocalSecretResolver resolver = LocalSecretResolver.of(
                Map.of("prod/db", "{\"username\":\"admin\",\"password\":\"hunter2\"}", DB_ARN, "whole-arn-secret"));
        assertThat(resolver.secret("DB_USER", ref("prod/db:username"))).isEqualTo("admin");
        assertThat(resolver.secret("DB_PASS", ref("prod/db:password:AWSPREVIOUS:v-1")))
                .isEqualTo("hunter2");
        assertThat(resolver.secret("DB_JSON", ref("prod/db"))).contains("hunter2");
        assertThat(resolver.secret("WHOLE", ref(DB_ARN))).isEqualTo("whole-arn-secret");
    }

    @Test
    void missingEntriesSayWhichLineToAdd() {
        LocalSecretResolver resolver = LocalSecretResolver.of(Map.of("OTHER", "hunter2"), "the secret file s.env");
        assertThatThrownBy(() -> resolver.parameter("TOKEN", "/CodeBuild/token"))
                .isInstanceOf(SecretException.class)
                .hasMessage("env.parameter-store.TOKEN: no value for parameter /CodeBuild/token in the secret file"
                        + " s.env; add a line `TOKEN=value` (or `/CodeBuild/token=value`) to it");
        assertThatThrownBy(() -> resolver.secret("DB_PASS", ref("prod/db:password")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("env.secrets-manager.DB_PASS")
                .hasMessageContaining("`DB_PASS=value`")
                .hasMessageContaining("`prod/db={\"password\":\"value\"}`")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> resolver.secret("DB", ref("prod/db"))).hasMessageContaining("`prod/db=value`");
    }

    @Test
    void jsonKeyErrorsDoNotLeakTheSecret() {
        LocalSecretResolver resolver = LocalSecretResolver.of(Map.of("prod/db", "{\"password\":\"hunter2\"}"));
        assertThatThrownBy(() -> resolver.secret("DB_USER", ref("prod/db:username")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("'username'")
                .hasMessageNotContaining("hunter2");
        assertThat(resolver.toString()).doesNotContain("hunter2");
    }

    @Test
    void fileFormatHandlesQuotesExportCommentsAndArnKeys() throws Exception {
        Path file = write(
                """
                # secrets for codebuild-local
                \s
                TOKEN=plain
                export EXPORTED = spaced value\s
                DOUBLE="  keeps spaces  "
                SINGLE='it''s'
                EQUALS=a=b=c
                EMPTY=
                HALF="unbalanced
                /CodeBuild/dockerPassword=from-param
                %s={"password":"p@ss:word"}
                  # indented comment
                export=not-a-prefix
                """
                        .formatted(DB_ARN));
        LocalSecretResolver resolver = LocalSecretResolver.fromFile(file);
        assertThat(resolver.parameter("TOKEN", "/x")).isEqualTo("plain");
        assertThat(resolver.parameter("EXPORTED", "/x")).isEqualTo("spaced value");
        assertThat(resolver.parameter("DOUBLE", "/x")).isEqualTo("  keeps spaces  ");
        assertThat(resolver.parameter("SINGLE", "/x")).isEqualTo("it''s");
        assertThat(resolver.parameter("EQUALS", "/x")).isEqualTo("a=b=c");
        assertThat(resolver.parameter("EMPTY", "/x")).isEmpty();
        assertThat(resolver.parameter("HALF", "/x")).isEqualTo("\"unbalanced");
        assertThat(resolver.parameter("DOCKER_PASSWORD", "/CodeBuild/dockerPassword"))
                .isEqualTo("from-param");
        assertThat(resolver.secret("DB_PASS", ref(DB_ARN + ":password"))).isEqualTo("p@ss:word");
        assertThat(resolver.parameter("export", "/x")).isEqualTo("not-a-prefix");
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkAreTolerated() throws Exception {
        Path file = dir.resolve("crlf.env");
        Files.writeString(file, "\uFEFFA=1\r\nB=\"2\"\r\n", StandardCharsets.UTF_8);
        LocalSecretResolver resolver = LocalSecretResolver.fromFile(file);
        assertThat(resolver.parameter("A", "/a")).isEqualTo("1");
        assertThat(resolver.parameter("B", "/b")).isEqualTo("2");
    }

    @Test
    void malformedLineNamesFileAndLineButNotItsText() throws Exception {
        Path file = write(
                """
                GOOD=1
                # comment

                hunter2-pasted-without-key
                """);
        assertThatThrownBy(() -> LocalSecretResolver.fromFile(file))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 4")
                .hasMessageContaining("KEY=VALUE")
                .hasMessageNotContaining("hunter2");
        Path noKey = write("=hunter2\n");
        assertThatThrownBy(() -> LocalSecretResolver.fromFile(noKey))
                .hasMessageContaining("line 1")
                .hasMessageContaining("no key")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unreadableFileIsASecretException() {
        Path missing = dir.resolve("missing.env");
        assertThatThrownBy(() -> LocalSecretResolver.fromFile(missing))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("cannot read the secret file " + missing);
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "secrets", ".env");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
