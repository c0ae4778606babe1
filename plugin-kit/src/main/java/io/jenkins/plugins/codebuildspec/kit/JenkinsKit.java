package io.jenkins.plugins.codebuildspec.kit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Jenkins kit: a {@code jenkins.war}, the plugins to install beside it ({@code plugins/*.jpi}) and jars
 * that are only compiled against ({@code compile-only/}).
 */
public record JenkinsKit(Path directory) {
    /** The system property naming the kit's directory; the environment variable {@link #ENV} also does. */
    public static final String PROPERTY = "jenkins.kit";

    public static final String ENV = "JENKINS_KIT";

    /**
     * The kit named by {@code -Djenkins.kit} or {@code JENKINS_KIT}, else {@code ../shared/jenkins-kit}
     * beside the repository; empty, with the reason, when there is none.
     */
    public static Optional<JenkinsKit> locate(Path repoRoot, String configured, StringBuilder why) {
        String named = blankToNull(configured);
        if (named == null) {
            named = blankToNull(System.getProperty(PROPERTY));
        }
        if (named == null) {
            named = blankToNull(System.getenv(ENV));
        }
        Path dir = named != null
                ? Path.of(named).toAbsolutePath().normalize()
                : repoRoot.toAbsolutePath().resolve("../shared/jenkins-kit").normalize();
        if (!Files.isRegularFile(dir.resolve("jenkins.war"))) {
            why.append("no Jenkins kit at ")
                    .append(dir)
                    .append(" (no jenkins.war there); set -D")
                    .append(PROPERTY)
                    .append("=DIR or ")
                    .append(ENV)
                    .append(" to a directory holding jenkins.war and plugins/*.jpi");
            return Optional.empty();
        }
        return Optional.of(new JenkinsKit(dir));
    }

    public Path war() {
        return directory.resolve("jenkins.war");
    }

    public Path plugins() {
        return directory.resolve("plugins");
    }

    public Path compileOnly() {
        return directory.resolve("compile-only");
    }

    /** The plugin file of that short name, if the kit has it. */
    public Optional<Path> plugin(String shortName) {
        for (String ext : new String[] {".jpi", ".hpi"}) {
            Path p = plugins().resolve(shortName + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The Jenkins version the war declares ({@code Jenkins-Version} of its manifest). */
    public String jenkinsVersion() throws IOException {
        try (JarFile war = new JarFile(war().toFile(), false)) {
            String v = war.getManifest().getMainAttributes().getValue("Jenkins-Version");
            if (v == null) {
                throw new IOException(war() + " has no Jenkins-Version in its manifest");
            }
            return v;
        }
    }

    /** The manifest of a plugin file of the kit. */
    public static Manifest pluginManifest(Path plugin) throws IOException {
        try (ZipFile zip = new ZipFile(plugin.toFile())) {
            ZipEntry entry = zip.getEntry("META-INF/MANIFEST.MF");
            if (entry == null) {
                throw new IOException(plugin + " has no META-INF/MANIFEST.MF");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new Manifest(in);
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
