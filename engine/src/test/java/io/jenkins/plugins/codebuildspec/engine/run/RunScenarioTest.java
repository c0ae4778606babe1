package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.secrets.LocalSecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs every folder under {@code scenarios/run} end to end with real shells, in a copy of the folder
 * as the source directory. {@code expect.yml} says what must happen: {@code status}, {@code phases}
 * (the statuses of the phases named), {@code attempts}, {@code log} (substrings that must appear in
 * this order, each on a later line than the one before), {@code contains} (anywhere), {@code absent}, {@code exported}; and sets up
 * the run: {@code env} (caller overrides), {@code machine} (the machine's environment),
 * {@code secrets} (a local secret mapping), {@code timeoutSeconds}, {@code strict}. With {@code reports}
 * (each group's summary without its duration, in order) the build reads reports into a local store. {@code ${SRC}}
 * and {@code ${USER}} are replaced by the source directory and the user running the test.
 */
class RunScenarioTest {
    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyRunScenarioBehavesAsExpected() throws Exception {
        Path root = Path.of(getClass().getResource("/scenarios/run").toURI());
        List<Path> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).hasSizeGreaterThan(20);
        return folders.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    @SuppressWarnings("unchecked")
    private void run(Path folder) throws Exception {
        Path src = Files.createDirectories(
                temp.resolve(folder.getFileName().toString()).resolve("src"));
        Path tmp = temp.resolve(folder.getFileName().toString()).resolve("tmp");
        String user = System.getProperty("user.name");
        copy(folder, src);
        String specText = Files.readString(src.resolve("buildspec.yml")).replace("${USER}", user);
        Buildspec spec = new BuildspecParser().parse("buildspec.yml", specText).orThrow();
        Map<String, Object> expect = new Yaml().load(Files.readString(folder.resolve("expect.yml")));

        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("PATH", System.getenv("PATH"));
        machine.put("HOME", System.getProperty("user.home"));
        machine.putAll(strings(expect.get("machine")));
        BuildRequest request = new BuildRequest(spec, src.toString(), tmp.toString(), BuildContext.of("scenario", 1))
                .baseEnvironment(machine)
                .overrides(strings(expect.get("env")));
        if (expect.containsKey("secrets")) {
            request.secrets(LocalSecretResolver.of(strings(expect.get("secrets"))));
        }
        if (expect.containsKey("timeoutSeconds")) {
            request.timeout(Duration.ofSeconds(((Number) expect.get("timeoutSeconds")).longValue()));
        }
        request.strictRuntimeVersions(Boolean.TRUE.equals(expect.get("strict")));
        if (expect.containsKey("reports")) {
            Path out = temp.resolve(folder.getFileName().toString()).resolve("out");
            request.files(new LocalBuildFiles(new io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactPackager(
                    new io.jenkins.plugins.codebuildspec.engine.store.LocalDirectoryStore(out.resolve("store")),
                    out.resolve("zips"),
                    List.of())));
        }

        RecordingLog log = new RecordingLog();
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);
        String described = "log of " + folder.getFileName() + ":\n" + log.text();

        assertThat(result.status().name()).as(described).isEqualTo(expect.get("status"));
        strings(expect.get("phases")).forEach((phase, status) -> assertThat(
                        result.phase(phase).orElseThrow().status().name())
                .as("phase %s; %s", phase, described)
                .isEqualTo(status));
        if (expect.containsKey("attempts")) {
            assertThat(result.attempts()).as(described).isEqualTo(expect.get("attempts"));
        }
        List<String> lines = log.lines();
        int at = 0;
        for (Object o : (List<Object>) expect.getOrDefault("log", List.of())) {
            String wanted = String.valueOf(o).replace("${SRC}", src.toString()).replace("${USER}", user);
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (lines.get(i).contains(wanted)) {
                    found = i;
                    break;
                }
            }
            assertThat(found)
                    .as("'%s' after line %d; %s", wanted, at, described)
                    .isGreaterThanOrEqualTo(0);
            at = found + 1;
        }
        for (Object o : (List<Object>) expect.getOrDefault("contains", List.of())) {
            assertThat(log.text()).as(described).contains(String.valueOf(o));
        }
        for (Object o : (List<Object>) expect.getOrDefault("absent", List.of())) {
            assertThat(log.text()).as(described).doesNotContain(String.valueOf(o));
            assertThat(result.toString()).doesNotContain(String.valueOf(o));
        }
        if (expect.containsKey("reports")) {
            assertThat(result.reports())
                    .extracting(g -> g.summary().replaceAll(" in [0-9.]+ s$", ""))
                    .as(described)
                    .containsExactlyElementsOf((List<String>) expect.get("reports"));
        }
        if (expect.containsKey("exported")) {
            assertThat(result.exportedVariables()).as(described).isEqualTo(strings(expect.get("exported")));
        }
        // every phase the result lists in CodeBuild's order, none missing
        assertThat(result.phases())
                .extracting(PhaseResult::name)
                .containsExactly("PROVISIONING", "INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS");
        // the state directory is private to the build and gone afterwards
        try (Stream<Path> left = Files.exists(tmp) ? Files.list(tmp) : Stream.empty()) {
            assertThat(left).as("state left in %s", tmp).isEmpty();
        }
    }

    private static Map<String, String> strings(Object map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
