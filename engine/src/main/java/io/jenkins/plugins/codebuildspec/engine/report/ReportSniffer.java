package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells a report file's format from its name and first few kilobytes, for auto-discover. */
final class ReportSniffer {
    private static final int HEAD = 8192;
    private static final Pattern PROLOG = Pattern.compile("(?s)<\\?.*?\\?>|<!--.*?-->|<!DOCTYPE[^>]*>");
    private static final Pattern ROOT = Pattern.compile("<([A-Za-z_][\\w:.-]*)([^>]*)>");

    private ReportSniffer() {}

    static Optional<ReportFormat> formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean xml = name.endsWith(".xml") || name.endsWith(".trx");
        boolean json = name.endsWith(".json");
        if (!xml && !json) {
            return Optional.empty();
        }
        String head;
        try (InputStream in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        head = head.startsWith("\uFEFF") ? head.substring(1) : head;
        return xml ? xml(head) : json(name, head.strip());
    }

    private static Optional<ReportFormat> xml(String head) {
        Matcher root = ROOT.matcher(PROLOG.matcher(head).replaceAll(""));
        if (!root.find()) {
            return Optional.empty();
        }
        String element = root.group(1).substring(root.group(1).indexOf(':') + 1);
        String attributes = root.group(2);
        return switch (element) {
            case "testsuites", "testsuite" -> Optional.of(ReportFormat.JUNITXML);
            case "test-run" -> Optional.of(ReportFormat.NUNIT3XML);
            case "test-results" -> Optional.of(ReportFormat.NUNITXML);
            case "testng-results" -> Optional.of(ReportFormat.TESTNGXML);
            case "TestRun" -> Optional.of(ReportFormat.VISUALSTUDIOTRX);
            case "report" -> head.contains("JACOCO") || head.contains("<sessioninfo")
                    ? Optional.of(ReportFormat.JACOCOXML)
                    : Optional.empty();
            case "coverage" -> attributes.contains("clover=") || head.contains("<project")
                    ? Optional.of(ReportFormat.CLOVERXML)
                    : attributes.contains("line-rate") || attributes.contains("lines-valid")
                            ? Optional.of(ReportFormat.COBERTURAXML)
                            : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<ReportFormat> json(String name, String head) {
        if (head.startsWith("[") && head.contains("\"elements\"") && head.contains("\"keyword\"")) {
            return Optional.of(ReportFormat.CUCUMBERJSON);
        }
        if (head.startsWith("{")
                && (name.equals(".resultset.json")
                        || (head.contains("\"coverage\"")
                                && (head.contains("\"meta\"") || head.contains("\"timestamp\"")))
                        || (head.contains("\"metrics\"") && head.contains("\"covered_percent\"")))) {
            return Optional.of(ReportFormat.SIMPLECOV);
        }
        return Optional.empty();
    }
}
