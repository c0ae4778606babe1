package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {
    @Test
    void printsTheDraft202012SchemaAsJson() throws Exception {
        CliRunner r = CliRunner.run("schema");
        assertThat(r.exitCode()).isZero();
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("version");
        assertThat(schema.at("/properties/phases").isMissingNode()).isFalse();
    }

    @Test
    void helpListsTheVerbs() {
        CliRunner r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("validate").contains("schema");
    }

    @Test
    void noCommandIsAUsageErrorWithUsageOnStandardError() {
        CliRunner r = CliRunner.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("no command given")
                .contains("Usage: codebuild-local")
                .contains("validate");
    }
}
