package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.model.BuildspecVersion;
import io.jenkins.plugins.codebuildspec.engine.model.Env;
import io.jenkins.plugins.codebuildspec.engine.model.Proxy;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads the top level of a buildspec and hands each block to its reader. */
final class RootReader {
    private static final String LEGACY_ENV = "environment_variables";

    private final ParseContext ctx;

    RootReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Buildspec> read(Node root) {
        if (!(root instanceof MappingNode map)) {
            ctx.error(
                    root,
                    "",
                    "a buildspec must be a map of keys (version, phases, ...), found " + Values.describe(root));
            return Optional.empty();
        }
        Fields fields = Fields.of(ctx, map, "");
        Optional<BuildspecVersion> version = version(fields);
        version.ifPresent(ctx::version);
        fields.check(KeyTable.ROOT, Set.of(LEGACY_ENV));

        Env env = fields.get("env").map(n -> new EnvReader(ctx).read(n)).orElse(Env.EMPTY);
        Optional<Fields.Entry> legacy = fields.entry(LEGACY_ENV);
        if (legacy.isPresent()) {
            env = legacyEnv(fields, legacy.get(), env, version);
        }
        Optional<Text> runAs = fields.get("run-as").flatMap(n -> Values.requiredString(ctx, n, "run-as"));
        Optional<Proxy> proxy = fields.get("proxy").flatMap(this::proxy);
        var batch = fields.get("batch").flatMap(n -> new BatchReader(ctx).read(n));
        var phases = fields.get("phases").map(n -> new PhaseReader(ctx).read(n)).orElse(Map.of());
        if (!fields.has("phases") && !fields.has("batch")) {
            ctx.error(
                    root,
                    "phases",
                    "the buildspec has no 'phases': add phases with the commands to run, e.g."
                            + " phases: {build: {commands: [make]}}");
        }
        ArtifactReader artifacts = new ArtifactReader(ctx);
        var artifactSpec = fields.get("artifacts").flatMap(artifacts::artifacts);
        var reports = fields.get("reports").map(artifacts::reports).orElse(Map.of());
        var cache = fields.get("cache").flatMap(artifacts::cache);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Buildspec(
                ctx.file(),
                version.get(),
                ParseContext.position(root),
                runAs,
                env,
                proxy,
                batch,
                phases,
                reports,
                artifactSpec,
                cache,
                ctx.notRunnable()));
    }

    private Optional<BuildspecVersion> version(Fields fields) {
        Optional<Fields.Entry> entry = fields.entry("version");
        if (entry.isEmpty()) {
            ctx.error(fields.node(), "version", "the buildspec has no 'version'; add 'version: 0.2' as its first line");
            return Optional.empty();
        }
        Node node = entry.get().value();
        ctx.visit(node);
        String hint = "";
        if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
            // Exactly as written: 0.2 (a YAML number) and "0.2" (a string) are both fine, but not
            // 0.20, 2e-1 or " 0.2", which AWS's reference does not list.
            String raw = scalar.getValue();
            Optional<BuildspecVersion> exact = versionOf(raw);
            if (exact.isPresent()) {
                return exact;
            }
            Optional<BuildspecVersion> near =
                    versionOf(raw.strip()).or(() -> Values.decimal(raw.strip()).flatMap(RootReader::versionOf));
            if (near.isPresent()) {
                hint = "; write it exactly as " + near.get().text();
            }
        }
        ctx.error(
                node,
                "version",
                "version: unsupported value " + Values.describe(node) + " (allowed: 0.2, or 0.1"
                        + " for old buildspecs)" + hint);
        return Optional.empty();
    }

    private static Optional<BuildspecVersion> versionOf(String text) {
        for (BuildspecVersion v : BuildspecVersion.values()) {
            if (v.text().equals(text)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private Env legacyEnv(Fields fields, Fields.Entry legacy, Env env, Optional<BuildspecVersion> version) {
        if (version.orElse(BuildspecVersion.V0_2) == BuildspecVersion.V0_2) {
            ctx.error(
                    legacy.keyNode(),
                    LEGACY_ENV,
                    LEGACY_ENV + " is a version 0.1 key; under version 0.2 write" + " env: variables: instead");
            return env;
        }
        if (fields.has("env")) {
            ctx.error(
                    legacy.keyNode(),
                    LEGACY_ENV,
                    "both 'env' and '" + LEGACY_ENV + "' are set; keep one"
                            + " (env: variables: is the current spelling)");
            return env;
        }
        return new EnvReader(ctx).readLegacy(legacy.value());
    }

    private Optional<Proxy> proxy(Node node) {
        return Values.map(ctx, node, "proxy").map(f -> {
            f.check(KeyTable.PROXY);
            ctx.warning(node, "proxy", "proxy settings are not applicable outside CodeBuild and are ignored");
            return new Proxy(
                    ParseContext.position(node),
                    f.get("upload-artifacts").flatMap(n -> Values.yesNo(ctx, n, "proxy.upload-artifacts")),
                    f.get("logs").flatMap(n -> Values.yesNo(ctx, n, "proxy.logs")));
        });
    }
}
