package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses buildspec files into the model. Never throws for bad input: every problem, from a YAML
 * syntax error to a hostile file, comes back as a positioned {@link Finding}.
 */
public final class BuildspecParser {
    private final ParseLimits limits;

    public BuildspecParser() {
        this(ParseLimits.DEFAULT);
    }

    public BuildspecParser(ParseLimits limits) {
        this.limits = limits;
    }

    /** Reads and parses a file; the name in findings is the path as given. */
    public ParseResult parse(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                return tooLarge(name, size);
            }
            return parse(name, Files.readAllBytes(file));
        } catch (IOException e) {
            return failed(name, Position.NONE, "cannot read the file: " + describe(e));
        }
    }

    /** Parses file content; {@code name} is what findings call the file. */
    public ParseResult parse(String name, byte[] content) {
        if (content.length > limits.maxBytes()) {
            return tooLarge(name, content.length);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            return failed(
                    name,
                    bytePosition(content, offset),
                    String.format(
                            "the file is not UTF-8 text: byte 0x%02X here is not valid UTF-8 (the file may be"
                                    + " Latin-1 or Windows-1252); save it as UTF-8",
                            content[offset] & 0xFF));
        }
        decoder.flush(out);
        return parse(name, out.flip().toString());
    }

    /** Parses text that is already decoded. */
    public ParseResult parse(String name, String text) {
        if (text.length() > limits.maxBytes()) {
            return tooLarge(name, text.length());
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        ParseContext ctx = new ParseContext(name, body, limits);
        try {
            Node root = compose(body);
            if (root == null) {
                ctx.add(
                        new Position(1, 1),
                        Severity.ERROR,
                        "",
                        "the file is empty; a buildspec needs at least" + " 'version' and 'phases'");
                return new ParseResult(name, Optional.empty(), ctx.findings());
            }
            Optional<Buildspec> buildspec = new RootReader(ctx).read(root);
            return new ParseResult(name, ctx.hasErrors() ? Optional.empty() : buildspec, ctx.findings());
        } catch (MarkedYAMLException e) {
            YamlErrors.report(ctx, e);
        } catch (YAMLException e) {
            YamlErrors.report(ctx, e, limits);
        } catch (LimitExceededException e) {
            ctx.add(e.position(), Severity.ERROR, "", e.getMessage());
        } catch (StackOverflowError e) {
            ctx.add(new Position(1, 1), Severity.ERROR, "", "the buildspec nests too deeply to read (nesting limit)");
        }
        return new ParseResult(name, Optional.empty(), ctx.findings());
    }

    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by Fields, with both positions
        options.setMaxAliasesForCollections(limits.maxCollectionAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit(limits.maxBytes() + 1);
        options.setAllowRecursiveKeys(false);
        return new Yaml(options).compose(new StringReader(text));
    }

    /** Line and column (in characters, as YAML counts them) of a byte offset into valid UTF-8 before it. */
    private static Position bytePosition(byte[] content, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(content, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        if (line == 1 && before.startsWith("\uFEFF")) {
            before = before.substring(1);
        }
        return new Position(line, before.codePointCount(0, before.length()) + 1);
    }

    private ParseResult tooLarge(String name, long size) {
        return failed(
                name,
                Position.NONE,
                "the file is " + size + " bytes; the size limit for a buildspec is " + limits.maxBytes() + " bytes ("
                        + (limits.maxBytes() / 1024) + " KiB)");
    }

    private static ParseResult failed(String name, Position at, String message) {
        Position where = at.isKnown() ? at : new Position(1, 1);
        return new ParseResult(name, Optional.empty(), List.of(new Finding(name, where, Severity.ERROR, "", message)));
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
    }

    static boolean isMap(Node node) {
        return node instanceof MappingNode;
    }
}
