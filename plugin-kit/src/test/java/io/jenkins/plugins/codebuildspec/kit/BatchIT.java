package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code codebuildBatch}: a buildspec's batch as parallel branches on two permanent agents. */
@ExtendWith(Kit.class)
class BatchIT {
    @BeforeEach
    void twoAgents(Kit kit) throws Exception {
        // One executor each: two children running at once must be on two agents.
        kit.agent("batch-agent-1", "batch", 1);
        kit.agent("batch-agent-2", "batch", 1);
    }

    /** Runs a batch in the sandbox and prints its return map as JSON for the test to read. */
    static String script(String buildspec, String args) {
        return """
                node('built-in') {
                  writeFile file: 'buildspec.yml', text: '''%s'''
                  def r = codebuildBatch(%s)
                  echo 'BATCH ' + groovy.json.JsonOutput.toJson(r)
                }
                """
                .formatted(buildspec, args);
    }

    static JsonNode batchResult(String console) throws Exception {
        Matcher m = Pattern.compile("(?m)^BATCH (\\{.*})$").matcher(console);
        assertThat(m.find()).as(console).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    static JsonNode child(JsonNode batch, String identifier) {
        for (JsonNode b : batch.get("builds")) {
            if (b.get("identifier").asText().equals(identifier)) {
                return b;
            }
        }
        throw new AssertionError("no build " + identifier + " in " + batch);
    }

    @Test
    void buildGraphRunsChildrenOnBothAgentsInDependencyOrder(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "batch-graph",
                script(
                        """
                version: 0.2
                batch:
                  build-graph:
                    - identifier: compile_a
                    - identifier: compile_b
                    - identifier: package_all
                      depend-on: [compile_a, compile_b]
                phases:
                  build:
                    commands:
                      - echo "building $CODEBUILD_BATCH_BUILD_IDENTIFIER on $(hostname)"
                      - 'if [ "$CODEBUILD_BATCH_BUILD_IDENTIFIER" != package_all ]; then sleep 4; fi'
                      - echo "$CODEBUILD_BATCH_BUILD_IDENTIFIER" > out.txt
                artifacts:
                  files: [out.txt]
                  name: out
                """,
                        "label: 'batch'"));

        String result = build.awaitResult(Duration.ofMinutes(4));
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        JsonNode batch = batchResult(console);
        assertThat(batch.get("status").asText()).isEqualTo("SUCCEEDED");
        List<String> order = new java.util.ArrayList<>();
        batch.get("builds").forEach(b -> order.add(b.get("identifier").asText()));
        assertThat(order).containsExactly("compile_a", "compile_b", "package_all");
        JsonNode a = child(batch, "compile_a");
        JsonNode b = child(batch, "compile_b");
        JsonNode c = child(batch, "package_all");
        for (JsonNode x : List.of(a, b, c)) {
            assertThat(x.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(x.get("result").get("status").asText()).isEqualTo("SUCCEEDED");
        }
        // a and b ran at the same time, so on the two one-executor agents.
        assertThat(Set.of(a.get("node").asText(), b.get("node").asText()))
                .containsExactlyInAnyOrder("batch-agent-1", "batch-agent-2");
        assertThat(c.get("startedAt").asLong())
                .isGreaterThanOrEqualTo(Math.max(
                        a.get("finishedAt").asLong(), b.get("finishedAt").asLong()));
        // Each child's zip under its identifier, holding its own file.
        for (String id : List.of("compile_a", "compile_b", "package_all")) {
            assertThat(Zips.entryText(
                            kit.jenkins().getBytes(build.path() + "artifact/codebuild/" + id + "/out.zip"), "out.txt"))
                    .isEqualTo(id + "\n");
        }
    }

    @Test
    void fanOutShardsSplitTheTestsAndTheirJUnitFilesMergeIntoOneResult(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "batch-fanout",
                script(
                        """
                version: 0.2
                batch:
                  build-fanout:
                    parallelism: 2
                phases:
                  build:
                    commands:
                      - mkdir -p tests reports && for i in 1 2 3 4 5; do echo "test $i" > tests/t$i.txt; done
                      - |
                        cat > run-tests.sh <<'EOF'
                        for f in $CODEBUILD_CURRENT_SHARD_FILES; do
                          n=$(basename $f .txt)
                          echo "<testsuite name='fan' tests='1'><testcase classname='fan.Shard' name='$n'/></testsuite>" > reports/TEST-$n.xml
                        done
                        EOF
                      - codebuild-tests-run --files-search "codebuild-glob-search 'tests/*.txt'" --test-command 'sh run-tests.sh'
                reports:
                  unit:
                    files: ['reports/*.xml']
                    file-format: JUNITXML
                """,
                        "label: 'batch'"));

        String result = build.awaitResult(Duration.ofMinutes(4));
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        JsonNode batch = batchResult(console);
        assertThat(batch.get("builds")).hasSize(2);
        assertThat(batch.get("reports")).hasSize(1);
        JsonNode unit = batch.get("reports").get(0);
        assertThat(unit.get("totals").get("tests").asInt()).isEqualTo(5);
        assertThat(unit.get("builds")).hasSize(2);
        // Each shard ran a part: 3 and 2 of the 5.
        assertThat(console).contains("shard 0 of 2 runs 3 file(s)").contains("shard 1 of 2 runs 2 file(s)");
        JsonNode tests = kit.jenkins().json(build.path() + "testReport");
        assertThat(tests.get("passCount").asInt()).isEqualTo(5);
        assertThat(tests.get("failCount").asInt()).isZero();
    }

    static final String FAILING =
            """
            version: 0.2
            batch:
              %s
              build-list:
                - identifier: broken
                  env:
                    variables:
                      FAIL: "yes-please"
                - identifier: slow
            phases:
              build:
                commands:
                  - 'if [ -n "$FAIL" ]; then echo failing; exit 1; fi'
                  - sleep 12
                  - echo slow-finished
            """;

    @Test
    void aFailingChildWithoutFastFailLetsTheOthersFinish(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "batch-fail", script(FAILING.formatted("fast-fail: false"), "label: 'batch', propagate: false"));

        String result = build.awaitResult(Duration.ofMinutes(4));
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        JsonNode batch = batchResult(console);
        assertThat(batch.get("status").asText()).isEqualTo("FAILED");
        assertThat(child(batch, "broken").get("status").asText()).isEqualTo("FAILED");
        assertThat(child(batch, "slow").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(console).contains("slow-finished");
    }

    @Test
    void aFailingChildWithFastFailStopsTheOthersAndFailsTheBuild(Kit kit) throws Exception {
        Build build =
                kit.runPipeline("batch-fast-fail", script(FAILING.formatted("fast-fail: true"), "label: 'batch'"));

        String result = build.awaitResult(Duration.ofMinutes(4));
        String console = build.console();
        assertThat(result).as(console).isEqualTo("FAILURE");
        assertThat(console)
                .contains("batch build FAILED: broken FAILED, slow STOPPED")
                .doesNotContain("slow-finished");
    }

    @Test
    void abortStopsEveryChildsProcesses(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "batch-abort",
                script(
                        """
                version: 0.2
                batch:
                  build-list:
                    - identifier: one
                      env:
                        variables:
                          NAP: "4741"
                    - identifier: two
                      env:
                        variables:
                          NAP: "4742"
                phases:
                  build:
                    commands:
                      - echo "napping $NAP"; sleep $NAP
                """,
                        "label: 'batch'"));
        build.awaitConsole("napping 4741", Duration.ofMinutes(2));
        build.awaitConsole("napping 4742", Duration.ofMinutes(2));
        assertThat(Processes.awaitSleeping("474", 2, Duration.ofSeconds(10))).hasSize(2);

        build.stop();

        assertThat(build.awaitResult()).as(build.console()).isEqualTo("ABORTED");
        assertThat(Processes.awaitGone("474", Duration.ofSeconds(20)))
                .as("processes of the aborted children")
                .isEmpty();
    }
}
