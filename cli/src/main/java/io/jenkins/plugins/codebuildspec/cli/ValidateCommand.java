package io.jenkins.plugins.codebuildspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.parse.Finding;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate}: checks buildspec files as CodeBuild would, without running anything. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks buildspec files as CodeBuild would, without running anything.",
            "Prints FILE:LINE:COL: severity: message for each problem.",
            "Exit code: 0 all valid (warnings allowed), 2 any file invalid."
        })
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "Buildspec files (default: buildspec.yml); '-' reads one from standard input.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--buildspec-text",
            paramLabel = "TEXT",
            description = "Check this buildspec text (CodeBuild's buildspec override), reported as <inline>:LINE:COL.")
    String buildspecText;

    /** Where {@code -} reads from; tests give their own. */
    java.io.InputStream stdin = System.in;

    @Option(
            names = "--json",
            description = "Print the findings as a JSON list (file, line, column, severity, keyPath, message).")
    boolean json;

    @Option(names = "--quiet", description = "Print only errors and warnings, no per-file summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<Path> targets = files.isEmpty() && buildspecText == null ? List.of(Path.of("buildspec.yml")) : files;
        BuildspecParser parser = new BuildspecParser();
        PrintWriter out = spec.commandLine().getOut();
        List<ParseResult> results = new ArrayList<>(targets.size() + 1);
        List<Path> missing = new ArrayList<>();
        if (buildspecText != null) {
            results.add(BuildspecInput.parseText(buildspecText));
        }
        for (Path file : targets) {
            if (file.toString().equals(BuildspecInput.STDIN)) {
                results.add(BuildspecInput.parseStdin(stdin));
            } else if (Files.exists(file)) {
                results.add(parser.parse(file));
            } else {
                missing.add(file);
            }
        }
        if (json) {
            printJson(out, results, missing);
        } else {
            printText(out, results);
            missing.forEach(file -> out.println(notFound(file)));
            if (!quiet && targets.size() > 1 && !missing.isEmpty()) {
                out.println(missing.size() + (missing.size() == 1 ? " file does" : " files do") + " not exist");
            }
        }
        out.flush();
        return missing.isEmpty() && results.stream().allMatch(ParseResult::isValid) ? Main.OK : Main.INVALID;
    }

    /** A missing file has no line to point at: say where it was looked for instead. */
    static String notFound(Path file) {
        return file + ": error: " + notFoundMessage(file);
    }

    static String notFoundMessage(Path file) {
        return "the file does not exist (looked for " + file.toAbsolutePath().normalize() + ")";
    }

    private void printText(PrintWriter out, List<ParseResult> results) {
        int invalid = 0;
        int warnings = 0;
        for (ParseResult result : results) {
            result.findings().forEach(f -> out.println(f.format()));
            warnings += result.warnings().size();
            if (!result.isValid()) {
                invalid++;
            }
            if (!quiet) {
                out.println(result.file() + ": " + (result.isValid() ? "valid" : "INVALID") + summary(result));
            }
        }
        if (!quiet && results.size() > 1) {
            out.println(results.size() + " files: " + (results.size() - invalid) + " valid, " + invalid + " invalid, "
                    + warnings + " warnings");
        }
    }

    private static String summary(ParseResult result) {
        int errors = result.errors().size();
        int warnings = result.warnings().size();
        if (errors == 0 && warnings == 0) {
            return "";
        }
        return " (" + errors + (errors == 1 ? " error, " : " errors, ") + warnings
                + (warnings == 1 ? " warning)" : " warnings)");
    }

    private static void printJson(PrintWriter out, List<ParseResult> results, List<Path> missing) throws Exception {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (ParseResult result : results) {
            for (Finding f : result.findings()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("file", f.file());
                item.put("line", f.position().isKnown() ? f.position().line() : 1);
                item.put("column", f.position().isKnown() ? f.position().column() : 1);
                item.put("severity", f.severity().label());
                item.put("keyPath", f.keyPath());
                item.put("message", f.message());
                findings.add(item);
            }
        }
        for (Path file : missing) {
            // no line or column: there is no file to point into
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", file.toString());
            item.put("severity", "error");
            item.put("keyPath", "");
            item.put("message", notFoundMessage(file));
            findings.add(item);
        }
        out.println(
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(findings));
    }
}
