package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.schema.BuildspecSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code schema}: prints the JSON Schema for buildspec files, for editors. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the JSON Schema (draft 2020-12) for buildspec files.",
            "Save it and point your editor at it: see docs/schema.md."
        })
final class SchemaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(BuildspecSchema.json());
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
