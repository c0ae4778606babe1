package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user docs describe today: no "planned" or "to come" for what the code already does. Each such
 * phrase must be listed, with its reason, in {@code docs-future-allowlist.txt}.
 */
class DocsTruthTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern PROMISE = Pattern.compile(
            "\\b(planned|to come|later release|comes? later|coming soon|not yet|being (built|written)"
                    + "|in a future|roadmap|will be (added|supported|implemented))\\b"
                    + "|\\buntil [^.]* (lands|comes)\\b",
            Pattern.CASE_INSENSITIVE);

    record Allowed(String file, String text, String reason) {}

    @Test
    void docsPromiseNothingForLaterUnlessTheAllowListSaysWhy() throws Exception {
        List<Allowed> allowed = allowList();
        Set<Allowed> used = new LinkedHashSet<>();
        List<String> promises = new ArrayList<>();
        for (Path doc : docs()) {
            String file = ROOT.relativize(doc).toString();
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!PROMISE.matcher(line).find()) {
                    continue;
                }
                List<Allowed> excuses = allowed.stream()
                        .filter(a -> a.file().equals(file) && line.contains(a.text()))
                        .toList();
                if (excuses.isEmpty()) {
                    promises.add(file + ":" + (i + 1) + ": " + line.strip());
                }
                used.addAll(excuses);
            }
        }
        assertThat(promises)
                .as("docs promise these for later; if the feature exists, say what it does today; if it is"
                        + " really still to do, list the line in cli/src/test/resources/docs-future-allowlist.txt"
                        + " with the reason")
                .isEmpty();
        assertThat(allowed.stream().filter(a -> !used.contains(a)).toList())
                .as("entries of docs-future-allowlist.txt that match no line any more: remove them")
                .isEmpty();
    }

    @Test
    void theScanCoversTheReadmeEveryDocAndTheExamples() throws Exception {
        assertThat(docs())
                .extracting(p -> ROOT.relativize(p).toString())
                .contains(
                        "README.md",
                        "docs/cli.md",
                        "docs/running.md",
                        "docs/buildspec-support.md",
                        "docs/migration-guide.md",
                        "docs/jenkins.md",
                        "examples/README.md",
                        "examples/streamlit-calculator/README.md");
    }

    /** README.md, every Markdown file under docs/, and the examples' READMEs. */
    private static List<Path> docs() throws Exception {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        for (String dir : List.of("docs", "examples")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
                files.filter(p -> p.toString().endsWith(".md"))
                        .filter(p ->
                                dir.equals("docs") || p.getFileName().toString().equals("README.md"))
                        .filter(p -> !ROOT.relativize(p).toString().contains("/target/"))
                        .sorted()
                        .forEach(docs::add);
            }
        }
        return docs;
    }

    private static List<Allowed> allowList() throws Exception {
        List<Allowed> allowed = new ArrayList<>();
        try (InputStream in = DocsTruthTest.class.getResourceAsStream("/docs-future-allowlist.txt")) {
            assertThat(in).as("docs-future-allowlist.txt on the test classpath").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 3);
                assertThat(parts)
                        .as("allow-list line 'FILE | TEXT | WHY': %s", line)
                        .hasSize(3);
                assertThat(parts[2].strip()).as("a reason for: %s", line).isNotEmpty();
                allowed.add(new Allowed(parts[0].strip(), parts[1].strip(), parts[2].strip()));
            }
        }
        return allowed;
    }
}
