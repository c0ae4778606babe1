package io.jenkins.plugins.codebuildspec.kit;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac as the plugin parent POM runs it: release 17, {@code -parameters}, and the annotation processors
 * found on the class path (SezPoz and annotation-indexer for {@code @Extension}, Stapler's for
 * {@code @DataBoundConstructor} and {@code @QueryParameter}), which write {@code META-INF/annotations} and
 * the {@code .stapler} files Jenkins reads.
 */
final class PluginCompiler {
    /** Compiles every source under {@code sources}; returns how many, or throws with every error. */
    int compile(Path sources, List<Path> classPath, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler in " + System.getProperty("java.home") + ": run with a JDK");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> options = new ArrayList<>(List.of(
                "--release",
                "17",
                "-parameters",
                "-encoding",
                "UTF-8",
                "-Xlint:all,-processing,-serial,-rawtypes",
                "-d",
                classes.toString(),
                "-classpath",
                classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator))));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean ok = javac.getTask(out, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(format(d));
                } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                    // Warnings about the plugin's own sources; not those javac has about the libraries' class files.
                    if (d.getSource() != null && d.getSource().getKind() == JavaFileObject.Kind.SOURCE) {
                        System.out.println("[plugin-kit] warning: " + format(d));
                    }
                }
            }
            if (!ok || !errors.isEmpty()) {
                throw new IOException("the plugin does not compile against the Jenkins kit: " + errors.size()
                        + " error(s)\n" + String.join("\n", errors) + out);
            }
        }
        return files.size();
    }

    private static String format(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
        return where + d.getMessage(Locale.ROOT);
    }
}
