package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Env;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code env}, and the 0.1 {@code environment_variables}. */
final class EnvReader {
    static final List<String> SHELLS = List.of("bash", "/bin/sh", "sh", "/bin/bash");
    private static final List<String> WINDOWS_SHELLS = List.of("powershell.exe", "cmd.exe", "pwsh", "pwsh.exe");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ParseContext ctx;

    EnvReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    Env read(Node node) {
        Optional<Fields> maybe = Values.map(ctx, node, "env");
        if (maybe.isEmpty()) {
            return Env.EMPTY;
        }
        Fields env = maybe.get().check(KeyTable.ENV);
        Optional<Text> shell = env.get("shell").flatMap(n -> shell(n));
        Map<String, Text> variables =
                env.get("variables").map(n -> variables(n, "env.variables")).orElse(Map.of());
        Map<String, Text> parameters = env.get("parameter-store")
                .map(n -> variables(n, "env.parameter-store"))
                .orElse(Map.of());
        Map<String, SecretsManagerRef> secrets =
                env.get("secrets-manager").map(this::secrets).orElse(Map.of());
        warnOverlap(variables, parameters, secrets);
        List<Text> exported = env.get("exported-variables")
                .map(n -> exported(n, parameters, secrets))
                .orElse(List.of());
        Optional<Boolean> gitHelper =
                env.get("git-credential-helper").flatMap(n -> Values.yesNo(ctx, n, "env.git-credential-helper"));
        return new Env(ParseContext.position(node), shell, variables, parameters, secrets, exported, gitHelper);
    }

    /**
     * {@code environment_variables: plaintext: {K: v}}, the version 0.1 spelling of
     * {@code env.variables}.
     */
    Env readLegacy(Node node) {
        Map<String, Text> variables = new LinkedHashMap<>();
        Values.map(ctx, node, "environment_variables").ifPresent(fields -> {
            for (Fields.Entry entry : fields.entries()) {
                if (entry.key().equals("plaintext")) {
                    variables.putAll(variables(entry.value(), "environment_variables.plaintext"));
                } else {
                    ctx.warning(
                            entry.keyNode(),
                            fields.join(entry.key()),
                            "unknown key '" + entry.key()
                                    + "' under 'environment_variables' is ignored"
                                    + Suggest.didYouMean(entry.key(), List.of("plaintext")) + " (allowed: plaintext)");
                }
            }
        });
        return new Env(
                ParseContext.position(node),
                Optional.empty(),
                variables,
                Map.of(),
                Map.of(),
                List.of(),
                Optional.empty());
    }

    private Optional<Text> shell(Node node) {
        Optional<Text> shell = Values.requiredString(ctx, node, "env.shell");
        if (shell.isEmpty()) {
            return shell;
        }
        String value = shell.get().value();
        if (WINDOWS_SHELLS.contains(value.toLowerCase(Locale.ROOT))) {
            ctx.notRunnable(
                    node,
                    "env.shell",
                    "env.shell: " + value + " is a Windows shell, which CodeBuild runs on Windows images; this"
                            + " runner runs Linux shells only (" + String.join(", ", SHELLS) + "), so run refuses"
                            + " this buildspec");
            return Optional.empty();
        }
        if (!SHELLS.contains(value)) {
            ctx.error(
                    node,
                    "env.shell",
                    "env.shell: unknown shell '" + value + "'" + Suggest.didYouMean(value, SHELLS) + " (allowed: "
                            + String.join(", ", SHELLS) + ")");
            return Optional.empty();
        }
        return shell;
    }

    private Map<String, Text> variables(Node node, String path) {
        Map<String, Text> out = new LinkedHashMap<>();
        Optional<Fields> fields = Values.map(ctx, node, path);
        if (fields.isEmpty()) {
            return out;
        }
        for (Fields.Entry entry : fields.get().entries()) {
            String entryPath = path + "." + entry.key();
            if (!checkName(entry, entryPath)) {
                continue;
            }
            if (Values.isNull(entry.value())) {
                ctx.warning(entry.value(), entryPath, entryPath + " has no value; it is set to an empty string");
            }
            Values.string(ctx, entry.value(), entryPath).ifPresent(t -> out.put(entry.key(), t));
        }
        return out;
    }

    private boolean checkName(Fields.Entry entry, String path) {
        String name = entry.key();
        if (!NAME.matcher(name).matches()) {
            ctx.error(
                    entry.keyNode(),
                    path,
                    "'" + name + "' is not a valid environment variable name; use"
                            + " letters, digits and underscores, not starting with a digit");
            return false;
        }
        if (name.startsWith("CODEBUILD_CONFIG_")) {
            // CodeBuild's own switches, meant to be set by the buildspec (report auto-discover)
            if (!Env.CONFIG_SWITCHES.contains(name)) {
                ctx.warning(
                        entry.keyNode(),
                        path,
                        "'" + name + "' is not a CodeBuild switch known here; it is set but nothing reads it."
                                + " Known: " + String.join(", ", Env.CONFIG_SWITCHES));
            }
            return true;
        }
        if (name.startsWith("CODEBUILD_")) {
            ctx.error(
                    entry.keyNode(),
                    path,
                    "'" + name + "' is reserved: variables starting with CODEBUILD_ are"
                            + " set by the build itself and cannot be defined in the buildspec;"
                            + " only CodeBuild's CODEBUILD_CONFIG_* switches may be ("
                            + String.join(", ", Env.CONFIG_SWITCHES) + ")");
            return false;
        }
        return true;
    }

    private Map<String, SecretsManagerRef> secrets(Node node) {
        Map<String, SecretsManagerRef> out = new LinkedHashMap<>();
        Optional<Fields> fields = Values.map(ctx, node, "env.secrets-manager");
        if (fields.isEmpty()) {
            return out;
        }
        for (Fields.Entry entry : fields.get().entries()) {
            String path = "env.secrets-manager." + entry.key();
            if (!checkName(entry, path)) {
                continue;
            }
            Optional<Text> ref = Values.requiredString(ctx, entry.value(), path);
            if (ref.isEmpty()) {
                continue;
            }
            try {
                out.put(
                        entry.key(),
                        SecretsManagerRef.parse(ref.get().value(), ref.get().position()));
            } catch (IllegalArgumentException e) {
                ctx.error(
                        entry.value(),
                        path,
                        path + ": " + e.getMessage() + " (allowed: secret-id[:json-key[:version-stage[:version-id]]])");
            }
        }
        return out;
    }

    private void warnOverlap(Map<String, Text> vars, Map<String, Text> params, Map<String, SecretsManagerRef> secrets) {
        for (String name : vars.keySet()) {
            Position at = vars.get(name).position();
            if (params.containsKey(name) || secrets.containsKey(name)) {
                ctx.add(
                        at,
                        Severity.WARNING,
                        "env.variables." + name,
                        "env.variables." + name
                                + " is also defined as a secret (parameter-store or secrets-manager), which wins");
            }
        }
        for (String name : params.keySet()) {
            if (secrets.containsKey(name)) {
                ctx.add(
                        params.get(name).position(),
                        Severity.WARNING,
                        "env.parameter-store." + name,
                        "env.parameter-store." + name + " is also defined under secrets-manager, which wins");
            }
        }
    }

    private List<Text> exported(Node node, Map<String, Text> params, Map<String, SecretsManagerRef> secrets) {
        List<Text> out = new ArrayList<>();
        for (Text name : Values.stringList(ctx, node, "env.exported-variables", true)) {
            String path = "env.exported-variables";
            String value = name.value();
            if (!NAME.matcher(value).matches()) {
                ctx.add(
                        name.position(),
                        Severity.ERROR,
                        path,
                        "exported variable '" + value + "' is not a valid environment variable name");
            } else if (value.startsWith("AWS_")) {
                ctx.add(
                        name.position(),
                        Severity.ERROR,
                        path,
                        "exported variable '" + value
                                + "' starts with AWS_; CodeBuild does not export variables whose names start with AWS_");
            } else if (params.containsKey(value) || secrets.containsKey(value)) {
                ctx.add(
                        name.position(),
                        Severity.ERROR,
                        path,
                        "exported variable '" + value
                                + "' is a secret (parameter-store or secrets-manager); secrets cannot be exported");
            } else {
                out.add(name);
            }
        }
        return out;
    }
}
