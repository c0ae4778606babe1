package io.jenkins.plugins.codebuildspec;

import hudson.FilePath;
import hudson.PluginWrapper;
import hudson.remoting.Which;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import hudson.remoting.VirtualChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;

/**
 * The jars a {@link DetachedBuild} JVM needs (this plugin's jar and bundled libraries, and the libraries it
 * takes from Jenkins core and its dependencies: SnakeYAML, Commons Compress and theirs, SLF4J, JNA), copied
 * once into the agent's {@code codebuildspec-engine} directory and kept while they stay the same.
 */
final class EngineJars {
    /** Classes whose jars the engine uses and this plugin does not bundle. */
    private static final List<String> PROVIDED = List.of(
            "org.yaml.snakeyaml.Yaml",
            "org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream",
            "org.apache.commons.io.IOUtils",
            "org.apache.commons.lang3.StringUtils",
            "org.apache.commons.codec.digest.DigestUtils",
            "org.slf4j.Logger",
            "com.sun.jna.Native");

    private EngineJars() {}

    /** The class path on the agent, after copying what is missing or changed there. */
    static List<String> onAgent(FilePath agentRoot) throws IOException, InterruptedException {
        FilePath dir = agentRoot.child("codebuildspec-engine");
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, File> byName = new LinkedHashMap<>();
        for (File jar : local()) {
            sizes.put(jar.getName(), jar.length());
            byName.put(jar.getName(), jar);
        }
        // one call to learn what the agent lacks, rather than a few per jar
        for (String name : dir.act(new Missing(sizes))) {
            FilePath partial = dir.child(name + ".partial");
            partial.copyFrom(new FilePath(byName.get(name)));
            partial.renameTo(dir.child(name));
        }
        List<String> classPath = new ArrayList<>();
        for (String name : sizes.keySet()) {
            classPath.add(dir.child(name).getRemote());
        }
        return classPath;
    }

    /** The jars of the directory that are missing or of another size; creates the directory. */
    private static final class Missing extends MasterToSlaveFileCallable<List<String>> {
        private static final long serialVersionUID = 1L;
        private final Map<String, Long> sizes;

        Missing(Map<String, Long> sizes) {
            this.sizes = new LinkedHashMap<>(sizes);
        }

        @Override
        public List<String> invoke(File dir, VirtualChannel channel) throws IOException {
            if (!dir.isDirectory() && !dir.mkdirs()) {
                throw new IOException("cannot create " + dir);
            }
            List<String> missing = new ArrayList<>();
            sizes.forEach((name, size) -> {
                File f = new File(dir, name);
                if (!f.isFile() || f.length() != size) {
                    missing.add(name);
                }
            });
            return missing;
        }
    }

    private static Set<File> local() throws IOException {
        Set<File> jars = new LinkedHashSet<>();
        PluginWrapper plugin = Jenkins.get().getPluginManager().whichPlugin(EngineJars.class);
        File lib;
        try {
            lib = new File(new File(plugin.baseResourceURL.toURI()), "WEB-INF/lib");
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot find this plugin's libraries: " + e.getMessage(), e);
        }
        File[] bundled = lib.listFiles((d, name) -> name.endsWith(".jar"));
        if (bundled == null) {
            throw new IOException("no libraries in " + lib);
        }
        jars.addAll(List.of(bundled));
        ClassLoader loader = EngineJars.class.getClassLoader();
        for (String name : PROVIDED) {
            try {
                jars.add(Which.jarFile(Class.forName(name, false, loader)));
            } catch (ClassNotFoundException e) {
                // not used on this Jenkins: the engine loads it only where it is
            }
        }
        return jars;
    }
}
