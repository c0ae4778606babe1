package io.jenkins.plugins.codebuildspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.codebuildspec.engine.batch.BatchPlanner;
import io.jenkins.plugins.codebuildspec.engine.batch.BatchRunner;
import io.jenkins.plugins.codebuildspec.engine.batch.BatchTools;
import io.jenkins.plugins.codebuildspec.engine.batch.ChildBuild;
import io.jenkins.plugins.codebuildspec.engine.batch.FanoutReports;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.LocalTempDirectory;
import io.jenkins.plugins.codebuildspec.engine.run.ResultMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code batch}: runs a buildspec's {@code batch} block as CodeBuild's batch builds do: each child build
 * in its own copy of the source directory, in dependency order, a few at once.
 */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the buildspec's batch: build-list, build-graph, build-matrix or build-fanout.",
            "Each build runs in its own copy of the source directory, with CODEBUILD_BATCH_BUILD_IDENTIFIER set.",
            "Takes every flag of 'run'. Exit code: 0 batch succeeded, 1 failed, 2 invalid input or usage,"
                    + " 130 stopped with Ctrl-C (SIGINT), 143 stopped with SIGTERM."
        })
final class BatchCommand extends RunCommand {
    @Option(names = "--list", description = "Print the builds of the batch and run nothing.")
    boolean list;

    @Option(names = "--build", paramLabel = "ID", description = "Run only this build of the batch.")
    String only;

    @Option(
            names = "--no-build-images",
            description = "Ignore the builds' env.image: run them on this machine (or all in --image's container).")
    boolean noBuildImages;

    @Option(
            names = "--concurrent-builds",
            paramLabel = "N",
            description = "Builds at once (default: the number of cores).")
    int concurrentBuilds = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (debug || debugOnFailure) {
            err.println("codebuild-local: " + (debug ? "--debug" : "--debug-on-failure")
                    + " works with 'run' only: a batch runs its builds side by side, and their shells cannot"
                    + " share one terminal. Debug one build with 'codebuild-local run' (its variables with --env,"
                    + " its image with --image); see 'batch --list' for what each build runs");
            return Main.INVALID;
        }
        Path source = sourceDir.toAbsolutePath().normalize();
        Optional<Buildspec> parsed = load(source, err);
        if (parsed.isEmpty()) {
            return Main.INVALID;
        }
        Buildspec buildspec = parsed.get();
        if (buildspec.batch().isEmpty()) {
            err.println("codebuild-local: " + buildspec.source() + " has no batch block; run it with 'run'");
            return Main.INVALID;
        }
        List<ChildBuild> plan = BatchPlanner.plan(buildspec.batch().get());
        if (only != null) {
            plan = plan.stream()
                    .filter(c -> c.identifier().equals(only))
                    .map(BatchCommand::alone)
                    .toList();
            if (plan.isEmpty()) {
                err.println("codebuild-local: the batch has no build '" + only + "' (builds: "
                        + String.join(
                                ", ",
                                BatchPlanner.plan(buildspec.batch().get()).stream()
                                        .map(ChildBuild::identifier)
                                        .toList())
                        + "); see --list");
                return Main.INVALID;
            }
        }
        if (list || dryrun) {
            printPlan(out, plan);
            return Main.OK;
        }
        Optional<Inputs> inputs = inputs(err);
        if (inputs.isEmpty()) {
            return Main.INVALID;
        }
        // a build's env.image selects its container, as --image does for all of them
        Map<String, String> images = new LinkedHashMap<>();
        for (ChildBuild c : plan) {
            String runImage = runImage(c);
            if (runImage != null) {
                images.put(c.identifier(), runImage);
            }
        }
        Optional<String> noEngine = DockerCheck.problem("docker", System.getenv(), images);
        if (noEngine.isPresent()) {
            err.println("codebuild-local: " + noEngine.get());
            inputs.get().setup().close();
            return Main.INVALID;
        }
        Map<String, String> overrides = inputs.get().overrides();
        BuildSetup setup = inputs.get().setup();
        String projectName = projectName(source);
        int number = buildNumber(source);
        Path temp = LocalTempDirectory.create("codebuild-local-batch-");
        boolean fastFail = buildspec.batch().get().fastFail().orElse(false);
        BatchRunner batch = new BatchRunner(concurrentBuilds, fastFail, line -> print(out, line));
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    batch.cancel();
                    try {
                        done.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // the JVM halts when the hooks end, before the clean-up below would remove it
                    deleteQuietly(temp);
                },
                "codebuild-local batch ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BatchRunner.BatchResult result = batch.run(plan, (child, started) -> {
                Path childDir = Files.createDirectories(temp.resolve(child.identifier()));
                Path childSource = childDir.resolve("src");
                copy(source, childSource);
                Buildspec childSpec = child.buildspec()
                        .map(p -> parse(childSource.resolve(p), err)
                                .orElseThrow(() -> new IllegalArgumentException(p + " is not a valid buildspec")))
                        .orElse(buildspec);
                Map<String, String> variables = new LinkedHashMap<>(child.variables());
                // CodeBuild's images have codebuild-tests-run and codebuild-glob-search (fanout test splitting)
                variables.put(
                        "PATH",
                        tools(childDir) + ":"
                                + (runImage(child) == null
                                        ? System.getenv().getOrDefault("PATH", "/usr/bin:/bin")
                                        : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
                variables.putAll(overrides);
                BuildContext context = context(projectName, number, setup)
                        .withBatchBuildIdentifier(child.identifier())
                        .withBuildImage(child.image().orElse(null));
                Path outputs = outputs(source).resolve(child.identifier());
                try (StoreChoice store = store(setup, outputs, child.identifier())) {
                    var request = request(
                            childSpec,
                            childSource,
                            childDir.resolve("tmp"),
                            context,
                            setup,
                            variables,
                            store,
                            outputs,
                            projectName,
                            runImage(child));
                    BuildRunner runner = new BuildRunner(
                            executor(request, runImage(child), List.of(childDir.resolve("bin"))),
                            prefixed(out, child.identifier()));
                    started.accept(runner);
                    return runner.run(request);
                }
            });
            // a fanout's shards report as one, as in CodeBuild
            List<ReportGroupResult> merged =
                    FanoutReports.merge(buildspec.batch().get(), result);
            printSummary(out, result);
            if (!merged.isEmpty()) {
                out.println("Merged reports of the fanout's " + result.builds().size() + " builds:");
                merged.forEach(g -> out.println("  " + g.summary()));
                out.flush();
            }
            if (reportHtml != null) {
                writeReports(result, projectName, merged);
                out.println("Report written to " + reportHtml);
            }
            if (json != null) {
                writeJson(result, merged);
                out.println("Result written to " + json);
            }
            return result.succeeded() ? Main.OK : Main.FAILED;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running and waits for us
            }
            setup.close();
            deleteQuietly(temp);
        }
    }

    /** The image a build's commands run in: its env.image, else --image; null for this machine. */
    private String runImage(ChildBuild child) {
        return noBuildImages ? image : child.image().orElse(image);
    }

    /** The CodeBuild helper commands, written for one build into its own directory. */
    private static Path tools(Path childDir) throws IOException {
        return BatchTools.install(childDir.resolve("bin"));
    }

    /** --report-html for a batch: an index of the builds, and each build's own report beside it. */
    private void writeReports(BatchRunner.BatchResult result, String projectName, List<ReportGroupResult> merged)
            throws IOException {
        Path index = reportHtml.toAbsolutePath();
        String stem = index.getFileName().toString().replaceFirst("\\.html?$", "");
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlReport.e(projectName))
                .append(" batch: ")
                .append(result.status())
                .append(
                        "</title><style>body{font:14px system-ui,sans-serif;margin:24px}td,th{border:1px solid #d0d7de;")
                .append("padding:4px 8px}table{border-collapse:collapse}</style></head><body>\n<h1>")
                .append(HtmlReport.e(projectName))
                .append(" batch: <span id=\"status\">")
                .append(result.status())
                .append(
                        "</span></h1>\n<table id=\"builds\"><tr><th>Build</th><th>Status</th><th>What</th><th>Why</th></tr>\n");
        for (BatchRunner.ChildResult r : result.builds()) {
            String id = r.build().identifier();
            String cell = HtmlReport.e(id);
            if (r.result().isPresent()) {
                String file = stem + "-" + id + ".html";
                HtmlReport.write(r.result().get(), projectName + " " + id, index.resolveSibling(file));
                cell = "<a href=\"" + HtmlReport.e(file) + "\">" + cell + "</a>";
            }
            h.append("<tr><td>")
                    .append(cell)
                    .append("</td><td>")
                    .append(r.status())
                    .append("</td><td>")
                    .append(HtmlReport.e(r.build().description()))
                    .append("</td><td>")
                    .append(HtmlReport.e(r.reason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!merged.isEmpty()) {
            h.append(
                            "<h2>Reports (merged over the fanout's builds)</h2>\n<table id=\"merged-reports\"><tr><th>Group</th>")
                    .append(
                            "<th>Format</th><th>Tests</th><th>Passed</th><th>Failed</th><th>Errors</th><th>Skipped</th>")
                    .append("<th>Failing tests</th></tr>\n");
            for (ReportGroupResult g : merged) {
                h.append("<tr><td>")
                        .append(HtmlReport.e(g.name()))
                        .append("</td><td>")
                        .append(HtmlReport.e(g.format()))
                        .append("</td><td>")
                        .append(g.tests())
                        .append("</td><td>")
                        .append(g.passed())
                        .append("</td><td>")
                        .append(g.failures())
                        .append("</td><td>")
                        .append(g.errors())
                        .append("</td><td>")
                        .append(g.skipped())
                        .append("</td><td>")
                        .append(HtmlReport.e(String.join(", ", g.failingTests())))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        Files.createDirectories(index.getParent());
        Files.writeString(index, h.toString());
    }

    /** With --build, one build runs without the builds it depends on. */
    private static ChildBuild alone(ChildBuild c) {
        return new ChildBuild(
                c.identifier(),
                c.buildspec(),
                c.variables(),
                c.image(),
                c.computeType(),
                c.ignoreFailure(),
                List.of(),
                c.description());
    }

    private static synchronized void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }

    /** Each child's lines, prefixed with its identifier, as they come. */
    private static BuildLog prefixed(PrintWriter out, String identifier) {
        return new BuildLog() {
            @Override
            public void engine(String line) {
                print(out, "[" + identifier + "] " + line);
            }

            @Override
            public void output(String line) {
                print(out, "[" + identifier + "] " + line);
            }
        };
    }

    private static void printPlan(PrintWriter out, List<ChildBuild> plan) {
        out.printf("%d build(s):%n", plan.size());
        for (ChildBuild c : plan) {
            out.printf(
                    "  %-16s %s%s%s%s%s%n",
                    c.identifier(),
                    c.description(),
                    c.variables().isEmpty() ? "" : ", variables " + c.variables(),
                    c.image().map(i -> ", image " + i).orElse(""),
                    c.dependOn().isEmpty() ? "" : ", after " + String.join(", ", c.dependOn()),
                    c.ignoreFailure() ? ", ignore-failure" : "");
        }
        out.flush();
    }

    private static void printSummary(PrintWriter out, BatchRunner.BatchResult result) {
        out.println();
        out.println("Batch " + result.status());
        out.printf("  %-16s %-10s %10s  %s%n", "BUILD", "STATUS", "DURATION", "");
        for (BatchRunner.ChildResult r : result.builds()) {
            out.printf(
                    "  %-16s %-10s %10s  %s%n",
                    r.build().identifier(),
                    r.status(),
                    r.result().map(b -> Summary.seconds(b.duration())).orElse("-"),
                    r.result()
                            .flatMap(b -> b.firstFailure())
                            .map(f -> f.name() + ": " + f.contextMessage().orElse(""))
                            .orElse(r.reason()));
        }
        out.flush();
    }

    private void writeJson(BatchRunner.BatchResult result, List<ReportGroupResult> merged) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", result.status());
        List<Map<String, Object>> builds = new ArrayList<>();
        for (BatchRunner.ChildResult r : result.builds()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("identifier", r.build().identifier());
            b.put("description", r.build().description());
            b.put("status", r.status());
            b.put("reason", r.reason());
            b.put("result", r.result().map(ResultMap::of).orElse(null));
            builds.add(b);
        }
        json.put("builds", builds);
        if (!merged.isEmpty()) {
            json.put("reports", merged.stream().map(ResultMap::report).toList());
        }
        Path target = this.json.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".batch", ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), json);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A copy of the source directory for one build: symlinks as links, modes kept, .codebuild left out. */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(from.resolve(".codebuild"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
