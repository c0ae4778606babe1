package io.jenkins.plugins.codebuildspec.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.ArtifactSpec;
import io.jenkins.plugins.codebuildspec.engine.model.BatchConfig;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.model.BuildspecVersion;
import io.jenkins.plugins.codebuildspec.engine.model.Cache;
import io.jenkins.plugins.codebuildspec.engine.model.OnFailure;
import io.jenkins.plugins.codebuildspec.engine.model.Phase;
import io.jenkins.plugins.codebuildspec.engine.model.PhaseName;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model built from a file that uses every key: values, defaults and source positions. */
class BuildspecModelTest {
    private static Buildspec everyKey() throws Exception {
        Path file = ParseScenarioTest.scenarios().resolve("parse/valid/every-key/buildspec.yml");
        return new BuildspecParser()
                .parse("buildspec.yml", Files.readAllBytes(file))
                .orThrow();
    }

    private static String text(Optional<Text> t) {
        return t.map(Text::value).orElse(null);
    }

    @Test
    void topLevelAndEnvAreReadLiterally() throws Exception {
        Buildspec spec = everyKey();
        assertThat(spec.version()).isEqualTo(BuildspecVersion.V0_2);
        assertThat(text(spec.runAs())).isEqualTo("root");
        assertThat(text(spec.env().shell())).isEqualTo("bash");
        assertThat(spec.env().variables()).containsOnlyKeys("JAVA_HOME", "PATH_SUFFIX");
        // Values are literal: CodeBuild does not expand $PATH in env.variables.
        assertThat(spec.env().variables().get("PATH_SUFFIX").value()).isEqualTo("$PATH:/x");
        assertThat(spec.env().variables().get("JAVA_HOME").position()).isEqualTo(new Position(6, 16));
        assertThat(spec.env().parameterStore().get("LOGIN_PASSWORD").value())
                .isEqualTo("/CodeBuild/dockerLoginPassword");
        assertThat(spec.env().exportedVariables()).extracting(Text::value).containsExactly("IMAGE_TAG", "BUILD_FLAVOR");
        assertThat(spec.env().gitCredentialHelper()).contains(false);
        assertThat(spec.proxy().orElseThrow().logs()).contains(false);
        assertThat(spec.proxy().orElseThrow().uploadArtifacts()).contains(false);
    }

    @Test
    void secretsManagerReferencesSplitLikeCodeBuildIncludingArns() throws Exception {
        Buildspec spec = everyKey();
        SecretsManagerRef db = spec.env().secretsManager().get("DB_PASSWORD");
        assertThat(db.secretId()).isEqualTo("prod/db");
        assertThat(db.jsonKey()).contains("password");
        assertThat(db.versionStage()).contains("AWSCURRENT");
        assertThat(db.versionId()).isEmpty();
        SecretsManagerRef api = spec.env().secretsManager().get("API_TOKEN");
        assertThat(api.secretId()).isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-token-AbCdEf");
        assertThat(api.jsonKey()).contains("token");
        assertThat(api.versionStage()).isEmpty();
        assertThat(api.versionId()).contains("1111-2222");
    }

    @Test
    void phasesKeepOrderCommandsPositionsAndFailureHandling() throws Exception {
        Buildspec spec = everyKey();
        assertThat(spec.phases()).containsOnlyKeys(PhaseName.values());
        Phase install = spec.phase(PhaseName.INSTALL).orElseThrow();
        assertThat(text(install.runAs())).isEqualTo("builder");
        assertThat(install.runtimeVersions()).containsOnlyKeys("java", "nodejs", "python");
        assertThat(install.runtimeVersions().get("nodejs").value()).isEqualTo("18");
        assertThat(install.runtimeVersions().get("python").value()).isEqualTo("3.10");
        assertThat(install.commands())
                .extracting(Text::value)
                .containsExactly("echo Entered the install phase...", "apt-get update -y");
        assertThat(install.commands().get(0).position()).isEqualTo(new Position(46, 9));
        assertThat(install.finallyCommands()).extracting(Text::value).containsExactly("echo install done");

        OnFailure preBuild = spec.phase(PhaseName.PRE_BUILD).orElseThrow().onFailure();
        assertThat(preBuild.action()).isEqualTo(OnFailure.Action.RETRY);
        assertThat(preBuild.retries()).isEqualTo(2);
        assertThat(preBuild.retriesOn("Reason: exit status 1")).isTrue();
        assertThat(preBuild.retriesOn("Reason: exit status 2")).isFalse();

        Phase build = spec.phase(PhaseName.BUILD).orElseThrow();
        assertThat(build.onFailure().action()).isEqualTo(OnFailure.Action.CONTINUE);
        // A block command is ONE command, with its lines kept.
        assertThat(build.commands())
                .extracting(Text::value)
                .containsExactly("echo multi-line\ntest -n \"$IMAGE_TAG\"\n", "echo \"key: value\"");
        assertThat(spec.phase(PhaseName.POST_BUILD).orElseThrow().onFailure().retries())
                .isEqualTo(OnFailure.DEFAULT_RETRIES);
        assertThat(spec.allCommands()).hasSize(9);
    }

    @Test
    void reportsArtifactsAndCache() throws Exception {
        Buildspec spec = everyKey();
        assertThat(spec.reports())
                .containsOnlyKeys("arn:aws:codebuild:eu-west-1:123456789012:report-group/unit", "coverage");
        var unit = spec.reports().get("arn:aws:codebuild:eu-west-1:123456789012:report-group/unit");
        assertThat(unit.fileFormat()).isEqualTo(ReportFormat.JUNITXML);
        assertThat(text(unit.baseDirectory())).isEqualTo("target/test-results");
        assertThat(spec.reports().get("coverage").fileFormat()).isEqualTo(ReportFormat.COBERTURAXML);
        assertThat(spec.reports().get("coverage").fileFormat().kind()).isEqualTo(ReportFormat.Kind.COVERAGE);

        ArtifactSpec primary = spec.artifacts().orElseThrow().primary();
        assertThat(primary.identifier()).isEmpty();
        assertThat(primary.files())
                .extracting(Text::value)
                .containsExactly("target/app.jar", "appspec.yml", "scripts/**/*");
        assertThat(text(primary.name())).isEqualTo("app-$(date +%Y-%m-%d)");
        assertThat(primary.discardPaths()).isFalse();
        assertThat(primary.enableSymlinks()).isTrue();
        assertThat(primary.excludePaths()).extracting(Text::value).containsExactly("**/*.tmp");
        assertThat(text(primary.s3Prefix())).isEqualTo("releases");
        ArtifactSpec docs = spec.artifacts().orElseThrow().secondary().get("docs");
        assertThat(docs.identifier()).contains("docs");
        assertThat(docs.discardPaths()).isTrue();
        assertThat(text(docs.baseDirectory())).isEqualTo("docs/site");

        Cache cache = spec.cache().orElseThrow();
        assertThat(text(cache.key())).isEqualTo("deps-$(codebuild-hash-files package-lock.json)");
        assertThat(cache.fallbackKeys()).extracting(Text::value).containsExactly("deps-", "deps");
        assertThat(cache.action()).isEqualTo(Cache.Action.RESTORE);
        assertThat(cache.action().saves()).isFalse();
        assertThat(cache.paths()).hasSize(2);
    }

    @Test
    void batchGraphWithEnvAndDependencies() throws Exception {
        Buildspec spec = everyKey();
        var batch = spec.batch().orElseThrow();
        assertThat(batch.fastFail()).contains(false);
        var graph = (BatchConfig.BuildGraph) batch.config();
        assertThat(graph.builds()).extracting(b -> b.identifier()).containsExactly("build1", "build2");
        var first = graph.builds().get(0);
        assertThat(text(first.env().image())).isEqualTo("aws/codebuild/standard:7.0");
        assertThat(first.env().privilegedMode()).contains(true);
        assertThat(first.env().variables().get("BUILD_ID").value()).isEqualTo("build1");
        var second = graph.builds().get(1);
        assertThat(second.dependOn()).extracting(Text::value).containsExactly("build1");
        assertThat(text(second.buildspec())).isEqualTo("build2.yml");
        assertThat(second.debugSession()).isTrue();
    }

    @Test
    void lenientValuesBecomeTheStringsCodeBuildSees() {
        String yaml =
                """
                version: 0.2
                env:
                  variables:
                    CI: true
                    NUM: 18
                    ODD: ._
                    EMPTY:
                phases:
                  install:
                    runtime-versions:
                      python: 3.10
                      golang: 1.16
                  build:
                    commands:
                      - 42
                artifacts:
                  files: dist/app.zip
                  discard-paths: YES
                """;
        ParseResult result = new BuildspecParser().parse("b.yml", yaml);
        Buildspec spec = result.orThrow();
        assertThat(spec.env().variables().get("CI").value()).isEqualTo("true");
        assertThat(spec.env().variables().get("NUM").value()).isEqualTo("18");
        assertThat(spec.env().variables().get("ODD").value()).isEqualTo("._");
        assertThat(spec.env().variables().get("EMPTY").value()).isEmpty();
        Phase install = spec.phase(PhaseName.INSTALL).orElseThrow();
        assertThat(install.runtimeVersions().get("python").value()).isEqualTo("3.1");
        assertThat(install.runtimeVersions().get("golang").value()).isEqualTo("1.16");
        assertThat(spec.phase(PhaseName.BUILD).orElseThrow().commands().get(0).value())
                .isEqualTo("42");
        assertThat(spec.artifacts().orElseThrow().primary().files())
                .extracting(Text::value)
                .containsExactly("dist/app.zip");
        assertThat(spec.artifacts().orElseThrow().primary().discardPaths()).isTrue();
        assertThat(result.warnings())
                .extracting(Finding::keyPath)
                .containsExactly("env.variables.EMPTY", "phases.install.runtime-versions.python", "artifacts.files");
    }

    @Test
    void versionOneKeepsLegacyVariablesAndIsolationFlag() throws Exception {
        Path file = ParseScenarioTest.scenarios().resolve("parse/valid/version-0.1/buildspec.yml");
        Buildspec spec = new BuildspecParser().parse(file).orThrow();
        assertThat(spec.version().carriesShellState()).isFalse();
        assertThat(spec.env().variables().get("GREETING").value()).isEqualTo("hello");
    }

    @Test
    void anchorsAndMergeKeysAreResolvedWithExplicitKeysWinning() throws Exception {
        Path file = ParseScenarioTest.scenarios().resolve("parse/valid/anchors-and-merge-keys/buildspec.yml");
        Buildspec spec = new BuildspecParser().parse(file).orThrow();
        assertThat(spec.phase(PhaseName.PRE_BUILD).orElseThrow().commands())
                .extracting(Text::value)
                .containsExactly("echo shared step");
        assertThat(spec.phase(PhaseName.BUILD).orElseThrow().onFailure().action())
                .isEqualTo(OnFailure.Action.CONTINUE);
        assertThat(text(spec.artifacts().orElseThrow().primary().name())).isEqualTo("merged");
        assertThat(spec.artifacts().orElseThrow().primary().files())
                .extracting(Text::value)
                .containsExactly("**/*");
    }

    @Test
    void bomAndCrlfAreInvisibleToTheModel() throws Exception {
        Path file = ParseScenarioTest.scenarios().resolve("parse/valid/bom-and-crlf/buildspec.yml");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).contains("\r\n");
        Buildspec spec = new BuildspecParser().parse(file).orThrow();
        assertThat(spec.phase(PhaseName.BUILD).orElseThrow().commands())
                .extracting(Text::value)
                .containsExactly("echo \"crlf ok\"", "echo one\necho two\n");
    }

    @Test
    void matrixAndFanoutShapes() throws Exception {
        Path matrixFile = ParseScenarioTest.scenarios().resolve("parse/valid/batch-build-matrix/buildspec.yml");
        var matrix = (BatchConfig.BuildMatrix) new BuildspecParser()
                .parse(matrixFile)
                .orThrow()
                .batch()
                .orElseThrow()
                .config();
        assertThat(matrix.staticPart().env().privilegedMode()).contains(true);
        assertThat(matrix.dynamic().buildspecs()).extracting(Text::value).containsExactly("matrix1.yml", "matrix2.yml");
        assertThat(matrix.dynamic().images()).hasSize(2);
        assertThat(matrix.dynamic().computeTypes()).extracting(Text::value).containsExactly("BUILD_GENERAL1_SMALL");
        assertThat(matrix.dynamic().variables().get("MY_VAR"))
                .extracting(Text::value)
                .containsExactly("VALUE1", "VALUE2");

        Path fanoutFile = ParseScenarioTest.scenarios().resolve("parse/valid/batch-build-fanout/buildspec.yml");
        var fanout = (BatchConfig.BuildFanout) new BuildspecParser()
                .parse(fanoutFile)
                .orThrow()
                .batch()
                .orElseThrow()
                .config();
        assertThat(fanout.parallelism()).contains(5);
        assertThat(fanout.ignoreFailure()).isFalse();
    }
}
