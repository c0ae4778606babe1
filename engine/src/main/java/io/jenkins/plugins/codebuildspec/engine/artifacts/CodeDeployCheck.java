package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The opt-in CodeDeploy check, run on the selected files before anything is zipped or uploaded: an
 * {@code appspec.yml} (or {@code .yaml}) must sit at the artifact's root, and every {@code files}
 * source and hook script it names must be in the artifact. Hook scripts that are not executable get
 * a warning: CodeDeploy runs them as programs.
 */
public final class CodeDeployCheck {
    private CodeDeployCheck() {}

    /**
     * @return warnings (the artifact is usable)
     * @throws ArtifactException with every problem that would make the deployment fail
     */
    public static List<String> check(String artifact, List<SelectedFile> files) throws ArtifactException {
        Optional<SelectedFile> appspec = files.stream()
                .filter(f ->
                        f.entryName().equals("appspec.yml") || f.entryName().equals("appspec.yaml"))
                .findFirst();
        if (appspec.isEmpty()) {
            throw new ArtifactException(
                    "CLIENT_ERROR",
                    "CodeDeploy check: " + artifact + " has no appspec.yml at"
                            + " its root; CodeDeploy needs one there (add it to artifacts.files, and check base-directory"
                            + " and discard-paths)");
        }
        Map<?, ?> spec = load(artifact, appspec.get());
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (spec.get("files") instanceof List<?> entries) {
            for (Object o : entries) {
                if (o instanceof Map<?, ?> m && m.get("source") != null) {
                    String source = strip(String.valueOf(m.get("source")));
                    if (!source.isEmpty() && !present(files, source)) {
                        problems.add("files source '" + m.get("source") + "' is not in the artifact");
                    }
                }
            }
        }
        if (spec.get("hooks") instanceof Map<?, ?> hooks) {
            for (Map.Entry<?, ?> hook : hooks.entrySet()) {
                if (!(hook.getValue() instanceof List<?> scripts)) {
                    continue;
                }
                for (Object o : scripts) {
                    if (!(o instanceof Map<?, ?> m) || m.get("location") == null) {
                        continue;
                    }
                    String location = strip(String.valueOf(m.get("location")));
                    Optional<SelectedFile> script = files.stream()
                            .filter(f -> f.entryName().equals(location))
                            .findFirst();
                    if (script.isEmpty()) {
                        problems.add("hook " + hook.getKey() + " script '" + m.get("location") + "' is not in the"
                                + " artifact");
                    } else if ((script.get().unixMode() & 0111) == 0
                            && !script.get().isSymlink()) {
                        warnings.add("CodeDeploy check: hook " + hook.getKey() + " script " + location
                                + " is not executable (mode "
                                + Integer.toOctalString(script.get().unixMode() & 0777)
                                + "); chmod +x it before packaging");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ArtifactException(
                    "CLIENT_ERROR", "CodeDeploy check: " + artifact + ": " + String.join("; ", problems));
        }
        return warnings;
    }

    private static Map<?, ?> load(String artifact, SelectedFile appspec) throws ArtifactException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        try (Reader reader = Files.newBufferedReader(appspec.source(), StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(options)).load(reader);
            if (doc instanceof Map<?, ?> map) {
                return map;
            }
            throw new ArtifactException(
                    "CLIENT_ERROR",
                    "CodeDeploy check: " + artifact + ": appspec.yml is not a map"
                            + " of keys (version, os, files, hooks)");
        } catch (IOException | YAMLException e) {
            throw new ArtifactException(
                    "CLIENT_ERROR", "CodeDeploy check: " + artifact + ": cannot read appspec.yml: " + e.getMessage());
        }
    }

    /** appspec paths are relative to the bundle root; a leading slash or ./ means the same. */
    private static String strip(String path) {
        String p = path.trim();
        while (p.startsWith("/") || p.startsWith("./")) {
            p = p.startsWith("/") ? p.substring(1) : p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean present(List<SelectedFile> files, String source) {
        return files.stream()
                .anyMatch(f -> f.entryName().equals(source) || f.entryName().startsWith(source + "/"));
    }
}
