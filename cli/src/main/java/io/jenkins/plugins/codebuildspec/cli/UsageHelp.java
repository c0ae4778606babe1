package io.jenkins.plugins.codebuildspec.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Usage help that never wraps a line inside a path such as {@code .codebuild/artifacts}.
 *
 * <p>picocli wraps descriptions where {@link java.text.BreakIterator} allows a line break, and that
 * allows one after every '.', which printed {@code ". codebuild/artifacts"} across two lines. A dot
 * inside a word is swapped for a character that does not allow a break, and swapped back once the
 * help is laid out.
 */
final class UsageHelp {
    /** A private-use character: no break after it, one column wide, like the dot it stands for. */
    private static final String DOT = "\uE000";

    private static final Pattern DOT_IN_WORD = Pattern.compile("\\.(?=[^\\s.])");

    private UsageHelp() {}

    /** Applies to {@code cli} and every subcommand it has now. */
    static void install(CommandLine cli) {
        cli.setHelpFactory(UsageHelp::help);
        restoreDots(cli);
    }

    private static void restoreDots(CommandLine cli) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>();
        cli.getHelpSectionMap()
                .forEach((key, renderer) ->
                        sections.put(key, help -> renderer.render(help).replace(DOT, ".")));
        cli.setHelpSectionMap(sections);
        cli.getSubcommands().values().forEach(UsageHelp::restoreDots);
    }

    private static Help help(CommandSpec spec, Help.ColorScheme colors) {
        return new Help(spec, colors) {
            @Override
            public Help.IOptionRenderer createDefaultOptionRenderer() {
                Help.IOptionRenderer standard = super.createDefaultOptionRenderer();
                return (option, labels, scheme) -> protect(standard.render(option, labels, scheme), scheme);
            }

            @Override
            public Help.IParameterRenderer createDefaultParameterRenderer() {
                Help.IParameterRenderer standard = super.createDefaultParameterRenderer();
                return (param, labels, scheme) -> protect(standard.render(param, labels, scheme), scheme);
            }
        };
    }

    /** Rows of the options or parameters table, their descriptions (the last column) protected. */
    private static Text[][] protect(Text[][] rows, Help.ColorScheme scheme) {
        for (Text[] row : rows) {
            // descriptions are plain text: no styles to keep
            String plain = row[row.length - 1].plainString();
            if (DOT_IN_WORD.matcher(plain).find()) {
                row[row.length - 1] = scheme.text(DOT_IN_WORD.matcher(plain).replaceAll(DOT));
            }
        }
        return rows;
    }
}
