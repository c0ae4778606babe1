package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.ArtifactSpec;
import io.jenkins.plugins.codebuildspec.engine.model.Artifacts;
import io.jenkins.plugins.codebuildspec.engine.model.Cache;
import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import io.jenkins.plugins.codebuildspec.engine.model.ReportGroup;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads what a build leaves behind: {@code artifacts}, {@code reports} and {@code cache}. */
final class ArtifactReader {
    private final ParseContext ctx;

    ArtifactReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Artifacts> artifacts(Node node) {
        Optional<Fields> maybe = Values.map(ctx, node, "artifacts");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get().check(KeyTable.ARTIFACTS);
        ArtifactSpec primary = spec(fields, Optional.empty(), node);
        Map<String, ArtifactSpec> secondary = new LinkedHashMap<>();
        fields.get("secondary-artifacts")
                .flatMap(n -> Values.map(ctx, n, "artifacts.secondary-artifacts"))
                .ifPresent(all -> {
                    for (Fields.Entry entry : all.entries()) {
                        String path = all.join(entry.key());
                        Fields one = Values.map(ctx, entry.value(), path)
                                .orElseGet(() -> Fields.empty(ctx, entry.value(), path))
                                .check(KeyTable.SECONDARY_ARTIFACT);
                        secondary.put(entry.key(), spec(one, Optional.of(entry.key()), entry.value()));
                    }
                    if (all.entries().isEmpty()) {
                        ctx.warning(all.node(), all.path(), "artifacts.secondary-artifacts is empty");
                    }
                });
        return Optional.of(new Artifacts(primary, secondary));
    }

    private ArtifactSpec spec(Fields fields, Optional<String> identifier, Node node) {
        String path = fields.path();
        List<Text> files = fields.get("files")
                .map(n -> Values.stringList(ctx, n, path + ".files", true))
                .orElse(List.of());
        if (!fields.has("files")) {
            String why = identifier.isEmpty() && fields.has("secondary-artifacts")
                    ? " (CodeBuild requires it even when only secondary-artifacts are used)"
                    : "";
            ctx.error(
                    fields.node(),
                    path + ".files",
                    path + ".files is required: list the paths to package, e.g." + " - '**/*'" + why);
        } else if (files.isEmpty() && isEmptyList(fields.get("files").orElseThrow())) {
            ctx.error(
                    fields.get("files").orElseThrow(),
                    path + ".files",
                    path + ".files is empty: list at least one path");
        }
        return new ArtifactSpec(
                identifier,
                ParseContext.position(node),
                files,
                fields.get("name").flatMap(n -> Values.requiredString(ctx, n, path + ".name")),
                yesNo(fields, "discard-paths"),
                fields.get("base-directory").flatMap(n -> Values.requiredString(ctx, n, path + ".base-directory")),
                fields.get("exclude-paths")
                        .map(n -> Values.stringList(ctx, n, path + ".exclude-paths", true))
                        .orElse(List.of()),
                yesNo(fields, "enable-symlinks"),
                fields.get("s3-prefix").flatMap(n -> Values.requiredString(ctx, n, path + ".s3-prefix")));
    }

    private static boolean isEmptyList(Node node) {
        return Values.isNull(node)
                || (node instanceof SequenceNode seq && seq.getValue().isEmpty());
    }

    private boolean yesNo(Fields fields, String key) {
        return fields.get(key)
                .flatMap(n -> Values.yesNo(ctx, n, fields.join(key)))
                .orElse(false);
    }

    Map<String, ReportGroup> reports(Node node) {
        Map<String, ReportGroup> out = new LinkedHashMap<>();
        Values.map(ctx, node, "reports").ifPresent(all -> {
            for (Fields.Entry entry : all.entries()) {
                String path = all.join(entry.key());
                Fields group = Values.map(ctx, entry.value(), path)
                        .orElseGet(() -> Fields.empty(ctx, entry.value(), path))
                        .check(KeyTable.REPORT_GROUP);
                List<Text> files = group.get("files")
                        .map(n -> Values.stringList(ctx, n, path + ".files", true))
                        .orElse(List.of());
                if (!group.has("files")) {
                    ctx.error(
                            entry.keyNode(),
                            path + ".files",
                            path + ".files is required: list the report files," + " e.g. - '**/*.xml'");
                }
                ReportFormat format = group.get("file-format")
                        .flatMap(n -> format(n, path + ".file-format"))
                        .orElse(ReportFormat.JUNITXML);
                out.put(
                        entry.key(),
                        new ReportGroup(
                                entry.key(),
                                ParseContext.position(entry.keyNode()),
                                files,
                                group.get("base-directory")
                                        .flatMap(n -> Values.requiredString(ctx, n, path + ".base-directory")),
                                yesNo(group, "discard-paths"),
                                format));
            }
        });
        return out;
    }

    private Optional<ReportFormat> format(Node node, String path) {
        Optional<Text> text = Values.requiredString(ctx, node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<ReportFormat> format = ReportFormat.fromValue(text.get().value());
        if (format.isEmpty()) {
            List<String> names =
                    Arrays.stream(ReportFormat.values()).map(Enum::name).toList();
            String value = text.get().value();
            ctx.error(
                    node,
                    path,
                    path + ": unknown report format '" + value + "'"
                            + Suggest.didYouMean(value.toUpperCase(Locale.ROOT), names) + " (allowed: test formats "
                            + join(ReportFormat.Kind.TEST) + "; coverage formats " + join(ReportFormat.Kind.COVERAGE)
                            + ")");
        }
        return format;
    }

    private static String join(ReportFormat.Kind kind) {
        return String.join(
                ", ",
                Arrays.stream(ReportFormat.values())
                        .filter(f -> f.kind() == kind)
                        .map(Enum::name)
                        .toList());
    }

    Optional<Cache> cache(Node node) {
        Optional<Fields> maybe = Values.map(ctx, node, "cache");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get().check(KeyTable.CACHE);
        Optional<Text> key = fields.get("key").flatMap(n -> Values.requiredString(ctx, n, "cache.key"));
        List<Text> fallback = fields.get("fallback-keys")
                .map(n -> Values.stringList(ctx, n, "cache.fallback-keys", true))
                .orElse(List.of());
        if (fallback.size() > Cache.MAX_FALLBACK_KEYS) {
            ctx.error(
                    fields.get("fallback-keys").orElseThrow(),
                    "cache.fallback-keys",
                    "cache.fallback-keys has " + fallback.size() + " keys; at most " + Cache.MAX_FALLBACK_KEYS
                            + " are allowed");
        }
        if (!fallback.isEmpty() && key.isEmpty() && !fields.has("key")) {
            ctx.warning(
                    fields.get("fallback-keys").orElseThrow(),
                    "cache.fallback-keys",
                    "cache.fallback-keys is ignored because cache.key is not set");
        }
        Cache.Action action = fields.get("action").flatMap(this::action).orElse(Cache.Action.RESTORE_AND_SAVE);
        List<Text> paths = fields.get("paths")
                .map(n -> Values.stringList(ctx, n, "cache.paths", true))
                .orElse(List.of());
        if (paths.isEmpty()) {
            ctx.warning(fields.node(), "cache.paths", "cache has no paths: nothing will be cached");
        }
        return Optional.of(new Cache(ParseContext.position(node), key, fallback, action, paths));
    }

    private Optional<Cache.Action> action(Node node) {
        Optional<Text> text = Values.requiredString(ctx, node, "cache.action");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().value().trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "restore" -> Optional.of(Cache.Action.RESTORE);
            case "save" -> Optional.of(Cache.Action.SAVE);
            default -> {
                ctx.error(
                        node,
                        "cache.action",
                        "cache.action: unknown action '" + text.get().value() + "'"
                                + Suggest.didYouMean(value, List.of("restore", "save"))
                                + " (allowed: restore, save; leave it out to do both)");
                yield Optional.empty();
            }
        };
    }
}
