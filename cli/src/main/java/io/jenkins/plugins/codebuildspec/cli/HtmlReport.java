package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.CommandRun;
import io.jenkins.plugins.codebuildspec.engine.run.PhaseResult;
import io.jenkins.plugins.codebuildspec.engine.run.PhaseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --report-html}: one self-contained page (no network) with the build's status, a timeline of
 * phases and commands drawn as SVG, test and coverage totals, artifacts and exported variables. A few
 * lines of script record what the browser laid out, for the test that opens it in Chromium.
 */
final class HtmlReport {
    private static final int WIDTH = 860;
    private static final int LABEL = 180;
    private static final int ROW = 22;

    private HtmlReport() {}

    static void write(BuildResult result, String project, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".report", ".html");
        Files.writeString(temp, render(result, project), StandardCharsets.UTF_8);
        readableByAll(temp);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reports are for sharing: not the 600 a temporary file starts with. */
    static void readableByAll(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // keep the default
        }
    }

    static String render(BuildResult r, String project) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(e(project))
                .append(" #")
                .append(r.buildNumber())
                .append(": ")
                .append(r.status())
                .append("</title>\n<style>\n")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#1b1f24}h1{font-size:20px}")
                .append("h2{font-size:16px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(
                        "th{background:#f6f8fa}.SUCCEEDED{color:#1a7f37}.FAILED,.FAULT,.TIMED_OUT,.STOPPED{color:#cf222e}")
                .append(".NOT_RUN{color:#8c959f}code{font:12px ui-monospace,monospace}svg text{font:11px system-ui}")
                .append("\n</style></head>\n<body>\n");
        h.append("<h1>")
                .append(e(project))
                .append(" build #")
                .append(r.buildNumber())
                .append(": <span class=\"")
                .append(r.status())
                .append("\" id=\"status\">")
                .append(r.status())
                .append("</span></h1>\n");
        h.append("<table id=\"summary\"><tr><th>Build</th><td><code>")
                .append(e(r.buildId()))
                .append("</code></td></tr><tr><th>Started</th><td>")
                .append(r.start())
                .append("</td></tr><tr><th>Duration</th><td>")
                .append(seconds(r.duration()))
                .append("</td></tr><tr><th>Attempts</th><td>")
                .append(r.attempts())
                .append("</td></tr></table>\n");
        timeline(h, r);
        phases(h, r.phases());
        reports(h, r.reports());
        artifacts(h, r.artifacts());
        variables(h, r.exportedVariables());
        h.append("<script>\n// what the browser laid out: read back by the test that opens this page\n")
                .append("const bars=[...document.querySelectorAll('#timeline rect.bar')]")
                .append(".filter(b=>b.getBBox().width>0).length;\n")
                .append("const rows=[...document.querySelectorAll('table')].reduce((n,t)=>n+t.rows.length,0);\n")
                .append("document.documentElement.dataset.renderedBars=bars;\n")
                .append("document.documentElement.dataset.renderedRows=rows;\n</script>\n</body></html>\n");
        return h.toString();
    }

    private static void timeline(StringBuilder h, BuildResult r) {
        List<PhaseResult> ran =
                r.phases().stream().filter(p -> p.start().isPresent()).toList();
        List<CommandRun> commands =
                r.commands().stream().filter(c -> c.attempt() == r.attempts()).toList();
        int rows = ran.size() + commands.size();
        long total = Math.max(1, r.duration().toNanos());
        h.append("<h2>Timeline</h2>\n<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(LABEL + WIDTH + 20)
                .append("\" height=\"")
                .append(rows * ROW + 30)
                .append("\">\n");
        int y = 10;
        for (PhaseResult p : ran) {
            y = bar(
                    h,
                    y,
                    p.name(),
                    p.start().get(),
                    p.end().orElse(r.end()),
                    r.start(),
                    total,
                    color(p.status()),
                    true,
                    p.status() + ", " + seconds(p.duration()));
            for (CommandRun c : commands) {
                if (c.phase().equals(p.name())) {
                    y = bar(
                            h,
                            y,
                            "  " + abbreviate(c.command()),
                            c.start(),
                            c.end(),
                            r.start(),
                            total,
                            c.exitCode() == 0 ? "#8ddb9b" : "#ff8182",
                            false,
                            "exit " + c.exitCode() + ", " + seconds(c.duration()));
                }
            }
        }
        h.append("<text x=\"")
                .append(LABEL)
                .append("\" y=\"")
                .append(y + 14)
                .append("\">0 s</text><text x=\"")
                .append(LABEL + WIDTH - 40)
                .append("\" y=\"")
                .append(y + 14)
                .append("\">")
                .append(seconds(r.duration()))
                .append("</text>\n</svg>\n");
    }

    private static int bar(
            StringBuilder h,
            int y,
            String label,
            Instant from,
            Instant to,
            Instant origin,
            long total,
            String color,
            boolean phase,
            String tooltip) {
        double x = LABEL + WIDTH * (double) Duration.between(origin, from).toNanos() / total;
        double w = Math.max(1.5, WIDTH * (double) Duration.between(from, to).toNanos() / total);
        h.append("<text x=\"4\" y=\"")
                .append(y + 14)
                .append("\"")
                .append(phase ? " font-weight=\"bold\"" : "")
                .append(">")
                .append(e(label))
                .append("</text>")
                .append(String.format(
                        Locale.ROOT,
                        "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                                + "fill=\"%s\" rx=\"2\"><title>%s</title></rect>%n",
                        x,
                        y + (phase ? 2 : 5),
                        w,
                        phase ? 16 : 10,
                        color,
                        e(label.strip() + ": " + tooltip)));
        return y + ROW;
    }

    private static String color(PhaseStatus s) {
        return switch (s) {
            case SUCCEEDED -> "#2da44e";
            case NOT_RUN -> "#d0d7de";
            default -> "#cf222e";
        };
    }

    private static void phases(StringBuilder h, List<PhaseResult> phases) {
        h.append("<h2>Phases</h2>\n<table id=\"phases\"><tr><th>Phase</th><th>Status</th><th>Duration</th>")
                .append("<th>Context</th></tr>\n");
        for (PhaseResult p : phases) {
            h.append("<tr><td>")
                    .append(p.name())
                    .append("</td><td class=\"")
                    .append(p.status())
                    .append("\">")
                    .append(p.status())
                    .append("</td><td>")
                    .append(p.status() == PhaseStatus.NOT_RUN ? "-" : seconds(p.duration()))
                    .append("</td><td>")
                    .append(e(p.contextCode().map(c -> c + ": ").orElse("")
                            + p.contextMessage().orElse("")))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void reports(StringBuilder h, List<ReportGroupResult> reports) {
        if (reports.isEmpty()) {
            return;
        }
        h.append("<h2>Reports</h2>\n<table id=\"reports\"><tr><th>Group</th><th>Format</th><th>Result</th>")
                .append("<th>Failing tests</th></tr>\n");
        for (ReportGroupResult g : reports) {
            h.append("<tr><td>")
                    .append(e(g.name()))
                    .append("</td><td>")
                    .append(g.format())
                    .append("</td><td>")
                    .append(e(g.summary().substring(g.name().length() + 2)))
                    .append("</td><td>");
            for (String t : g.failingTests()) {
                h.append("<code>").append(e(t)).append("</code><br>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void artifacts(StringBuilder h, List<ArtifactResult> artifacts) {
        if (artifacts.isEmpty()) {
            return;
        }
        h.append("<h2>Artifacts</h2>\n<table id=\"artifacts\"><tr><th>Artifact</th><th>Location</th><th>Size</th>")
                .append("<th>SHA-256</th><th>CodeDeploy</th></tr>\n");
        for (ArtifactResult a : artifacts) {
            h.append("<tr><td>")
                    .append(e(a.identifier().isEmpty() ? a.name() : a.identifier()))
                    .append("</td><td><code>")
                    .append(e(a.location()))
                    .append("</code></td><td>")
                    .append(a.size())
                    .append(" bytes</td><td><code>")
                    .append(a.sha256())
                    .append("</code></td><td><code>")
                    .append(e(a.codeDeployS3Location().orElse("-")))
                    .append("</code></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void variables(StringBuilder h, Map<String, String> variables) {
        if (variables.isEmpty()) {
            return;
        }
        h.append("<h2>Exported variables</h2>\n<table id=\"variables\"><tr><th>Name</th><th>Value</th></tr>\n");
        variables.forEach((k, v) -> h.append("<tr><td><code>")
                .append(e(k))
                .append("</code></td><td><code>")
                .append(e(v))
                .append("</code></td></tr>\n"));
        h.append("</table>\n");
    }

    private static String abbreviate(String command) {
        String line = command.replace('\n', ' ');
        return line.length() > 28 ? line.substring(0, 27) + "…" : line;
    }

    private static String seconds(Duration d) {
        return Summary.seconds(d);
    }

    /** HTML escaping: commands and variable values are arbitrary text. */
    static String e(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
