package io.jenkins.plugins.codebuildspec.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds the plugin's {@code .hpi} against a Jenkins kit as maven-hpi-plugin builds it against
 * repo.jenkins-ci.org: compiles {@code plugin/src/main/java} (with the annotation processors Jenkins core
 * brings), writes the plugin manifest into the plugin's jar and the {@code .hpi}, and bundles the engine
 * with its libraries minus those that Jenkins core or the plugin's dependencies provide.
 *
 * <p>Arguments: the repository's root, the kit's directory (may be empty: see {@link JenkinsKit#locate}),
 * the module's {@code target} directory.
 */
public final class KitPackager {
    /** Written beside the .hpi; the tests and {@code .ci/run} read it. */
    public static final String SUMMARY = "kit/summary.properties";

    private static final Pattern VERSIONED_JAR = Pattern.compile("^(.+?)-(\\d[^/]*)\\.jar$");

    private final Path repoRoot;
    private final JenkinsKit kit;
    private final Path target;
    private final Path work;

    KitPackager(Path repoRoot, JenkinsKit kit, Path target) {
        this.repoRoot = repoRoot;
        this.kit = kit;
        this.target = target;
        this.work = target.resolve("kit");
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of(args[0]).toAbsolutePath().normalize();
        String configured = args.length > 1 ? args[1] : "";
        Path target = Path.of(args.length > 2 ? args[2] : "target").toAbsolutePath();
        StringBuilder why = new StringBuilder();
        Optional<JenkinsKit> kit = JenkinsKit.locate(repoRoot, configured, why);
        Files.createDirectories(target.resolve("kit"));
        if (kit.isEmpty()) {
            String message = "plugin not compiled, packaged or tested: " + why;
            System.out.println("[plugin-kit] " + message);
            writeSummary(target, Map.of("skipped", message));
            return;
        }
        new KitPackager(repoRoot, kit.get(), target).build();
    }

    void build() throws IOException {
        Path pluginDir = repoRoot.resolve("plugin");
        PluginPom pom = PluginPom.read(pluginDir.resolve("pom.xml"));
        String jenkinsVersion = kit.jenkinsVersion();
        log("compiling " + pluginDir.resolve("src/main/java") + " against Jenkins " + jenkinsVersion + " from "
                + kit.directory());

        Path warLib = extractWarLibraries();
        Map<String, String> dependencyVersions = new LinkedHashMap<>();
        List<Path> pluginJars = pluginClassPath(pom, dependencyVersions);

        List<Path> classPath = new ArrayList<>(jars(warLib));
        classPath.addAll(pluginJars);
        classPath.addAll(jars(kit.compileOnly()));
        classPath.addAll(jars(work.resolve("compile-only")));
        List<Path> bundledCandidates = jars(work.resolve("bundled"));
        classPath.addAll(bundledCandidates);

        Path classes = recreate(work.resolve("classes"));
        int sources = new PluginCompiler().compile(pluginDir.resolve("src/main/java"), classPath, classes);
        copyTree(pluginDir.resolve("src/main/resources"), classes);

        Manifest manifest = manifest(pom, jenkinsVersion, dependencyVersions);
        Set<String> provided = artifactIds(jars(warLib));
        List<Path> bundled = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Path jar : bundledCandidates) {
            if (provided.contains(artifactId(jar))) {
                leftOut.add(jar.getFileName().toString());
            } else {
                bundled.add(jar);
            }
        }
        Path hpi = target.resolve(pom.artifactId() + ".hpi");
        writeHpi(hpi, pom.artifactId(), classes, manifest, bundled);

        log("compiled " + sources + " source files with 0 errors; wrote " + hpi);
        log("bundled: " + names(bundled));
        log("left out, Jenkins core provides them: " + String.join(", ", leftOut));
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("jenkinsVersion", jenkinsVersion);
        summary.put("kit", kit.directory().toString());
        summary.put("hpi", hpi.toString());
        summary.put("shortName", pom.artifactId());
        summary.put("sources", Integer.toString(sources));
        summary.put("bundled", names(bundled));
        writeSummary(target, summary);
    }

    /** The war's libraries (Jenkins core and what it brings), unpacked once per war. */
    private Path extractWarLibraries() throws IOException {
        Path dir = work.resolve("war-lib");
        Path stamp = dir.resolve(".from");
        String from = kit.war() + " " + Files.getLastModifiedTime(kit.war()).toMillis();
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(from)) {
            return dir;
        }
        recreate(dir);
        unpackLibraries(kit.war(), dir);
        Files.writeString(stamp, from);
        return dir;
    }

    /**
     * The jars of the plugin's dependencies and of what they need in turn (optional dependencies of
     * dependencies left out, as Maven leaves them out); records each direct dependency's version.
     */
    private List<Path> pluginClassPath(PluginPom pom, Map<String, String> versions) throws IOException {
        Deque<String> queue = new ArrayDeque<>();
        for (PluginPom.Dependency d : pom.pluginDependencies()) {
            Optional<Path> file = kit.plugin(d.artifactId());
            if (file.isEmpty()) {
                if (!d.optional()) {
                    throw new IOException(
                            "the plugin needs " + d.artifactId() + ", which " + kit.plugins() + " does not have");
                }
                log("optional dependency " + d.artifactId() + " is not in the kit: compiled against "
                        + kit.compileOnly() + " and left out of Plugin-Dependencies");
                continue;
            }
            String version =
                    JenkinsKit.pluginManifest(file.get()).getMainAttributes().getValue("Plugin-Version");
            versions.put(d.artifactId() + (d.optional() ? ";optional" : ""), version);
            queue.add(d.artifactId());
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Path> jars = new ArrayList<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            Path file = kit.plugin(name).orElseThrow(() -> new IOException("the kit lacks " + name));
            Path dir = work.resolve("plugins").resolve(name);
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                unpackLibraries(file, dir);
            }
            jars.addAll(jars(dir));
            String deps = JenkinsKit.pluginManifest(file).getMainAttributes().getValue("Plugin-Dependencies");
            if (deps != null) {
                for (String dep : deps.split(",")) {
                    if (!dep.contains("resolution:=optional")) {
                        queue.add(dep.split(":")[0].trim());
                    }
                }
            }
        }
        return jars;
    }

    private static Manifest manifest(PluginPom pom, String jenkinsVersion, Map<String, String> dependencies) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Created-By", "codebuild-buildspec plugin-kit packager");
        a.putValue("Build-Jdk-Spec", "17");
        a.putValue("Specification-Title", pom.name());
        a.putValue("Implementation-Title", pom.name());
        a.putValue("Implementation-Version", pom.version());
        a.putValue("Group-Id", pom.groupId());
        a.putValue("Artifact-Id", pom.artifactId());
        a.putValue("Short-Name", pom.artifactId());
        a.putValue("Long-Name", pom.name());
        a.putValue("Url", pom.url());
        a.putValue("Plugin-Version", pom.version());
        a.putValue("Hudson-Version", jenkinsVersion);
        a.putValue("Jenkins-Version", jenkinsVersion);
        a.putValue("Minimum-Java-Version", "17");
        List<String> deps = new ArrayList<>();
        dependencies.forEach((key, version) -> {
            boolean optional = key.endsWith(";optional");
            String name = optional ? key.substring(0, key.length() - ";optional".length()) : key;
            deps.add(name + ":" + version + (optional ? ";resolution:=optional" : ""));
        });
        a.putValue("Plugin-Dependencies", String.join(",", deps));
        return m;
    }

    /** The .hpi under a temporary name, renamed into place only once it is whole. */
    private static void writeHpi(Path hpi, String artifactId, Path classes, Manifest manifest, List<Path> bundled)
            throws IOException {
        Path partial = hpi.resolveSibling(hpi.getFileName() + ".partial");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial), manifest)) {
            out.putNextEntry(new ZipEntry("WEB-INF/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("WEB-INF/lib/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("WEB-INF/lib/" + artifactId + ".jar"));
            writeJar(classes, manifest, out);
            out.closeEntry();
            for (Path jar : bundled) {
                out.putNextEntry(new ZipEntry("WEB-INF/lib/" + jar.getFileName()));
                Files.copy(jar, out);
                out.closeEntry();
            }
        }
        Files.move(partial, hpi, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The plugin's own jar: its manifest is the plugin manifest, or Jenkins' class filter rejects its classes. */
    private static void writeJar(Path classes, Manifest manifest, OutputStream target) throws IOException {
        JarOutputStream jar = new JarOutputStream(new NonClosing(target), manifest);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Set<String> dirs = new TreeSet<>();
        for (Path f : files) {
            String name = classes.relativize(f).toString().replace('\\', '/');
            for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                String dir = name.substring(0, i + 1);
                if (!dir.equals("META-INF/") && dirs.add(dir)) {
                    jar.putNextEntry(new ZipEntry(dir));
                    jar.closeEntry();
                }
            }
            if (name.equals("META-INF/MANIFEST.MF")) {
                continue;
            }
            jar.putNextEntry(new ZipEntry(name));
            Files.copy(f, jar);
            jar.closeEntry();
        }
        jar.finish();
    }

    private static void unpackLibraries(Path archive, Path dir) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar") && name.indexOf('/', 12) < 0) {
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, dir.resolve(name.substring(12)), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    static String artifactId(Path jar) {
        String name = jar.getFileName().toString();
        Matcher m = VERSIONED_JAR.matcher(name);
        return m.matches() ? m.group(1) : name.substring(0, name.length() - ".jar".length());
    }

    private static Set<String> artifactIds(List<Path> jars) {
        Set<String> ids = new TreeSet<>();
        jars.forEach(j -> ids.add(artifactId(j)));
        return ids;
    }

    private static String names(List<Path> jars) {
        return String.join(
                ", ", jars.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static Path recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static void writeSummary(Path target, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) ->
                text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(target.resolve(SUMMARY), text, StandardCharsets.UTF_8);
    }

    private static void log(String message) {
        System.out.println("[plugin-kit] " + message);
    }

    /** Lets the plugin's jar be written as one entry of the .hpi without closing the .hpi. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
