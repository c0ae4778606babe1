package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CodeBuild's report auto-discover: finds report files of the supported formats under the source
 * directory and groups them by format. The search is bounded (depth, files looked at) and never enters
 * {@code .git}, {@code node_modules} or {@code .codebuild}; symlinks are not followed.
 */
final class ReportDiscovery {
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", ".codebuild");

    private final Path source;
    private final ReportJob.AutoDiscover settings;
    private final List<String> messages;

    ReportDiscovery(Path source, ReportJob.AutoDiscover settings, List<String> messages) {
        this.source = source;
        this.settings = settings;
        this.messages = messages;
    }

    /** The files found, by format, in the order they were found; files in {@code taken} are left out. */
    Map<ReportFormat, List<Path>> discover(Set<Path> taken) throws IOException {
        String where = settings.directory().strip();
        Path start = source;
        PathMatcher matcher = null;
        if (!where.isEmpty() && !where.equals(".") && !where.equals("**/*")) {
            Path dir = source.resolve(where).normalize();
            if (!dir.startsWith(source)) {
                messages.add("Report auto-discover: " + where + " is outside the source directory; skipped");
                return Map.of();
            }
            if (Files.isDirectory(dir)) {
                start = dir;
            } else {
                // a pattern such as output/*xml, relative to the source directory
                matcher = FileSystems.getDefault().getPathMatcher("glob:" + where);
            }
        }
        if (!Files.isDirectory(start)) {
            return Map.of();
        }
        Map<ReportFormat, List<Path>> found = new LinkedHashMap<>();
        int[] seen = {0};
        PathMatcher match = matcher;
        Files.walkFileTree(
                start, EnumSet.noneOf(FileVisitOption.class), settings.maxDepth(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        Path name = dir.getFileName();
                        return name != null && !dir.equals(source) && SKIPPED_DIRECTORIES.contains(name.toString())
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!attrs.isRegularFile()) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (++seen[0] > settings.maxFiles()) {
                            messages.add("Report auto-discover: stopped after " + settings.maxFiles()
                                    + " files; set CODEBUILD_CONFIG_AUTO_DISCOVER_DIR to where the reports are");
                            return FileVisitResult.TERMINATE;
                        }
                        if (match != null && !match.matches(source.relativize(file))) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (taken.contains(file.toAbsolutePath().normalize())) {
                            return FileVisitResult.CONTINUE;
                        }
                        ReportSniffer.formatOf(file)
                                .ifPresent(f -> found.computeIfAbsent(f, k -> new java.util.ArrayList<>())
                                        .add(file));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return found;
    }

    /** {@code <project>-<FORMAT>-AutoDiscovered}, as CodeBuild names the groups it creates. */
    static String groupName(String project, ReportFormat format) {
        return project + "-" + format.name() + "-AutoDiscovered";
    }
}
