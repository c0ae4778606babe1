package io.jenkins.plugins.codebuildspec.kit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On demand, not part of the suite (its name does not end in IT): {@code bench/jenkins-step-vs-sh.sh}.
 * Runs N commands as one {@code codebuildSpec} and as N {@code sh} steps on the same agent, alternating,
 * and prints the build durations side by side with their ratio; also the fixed cost of a step call (a
 * one-command buildspec) and the cost per command. Asserts nothing about time: a benchmark, not a test.
 */
@ExtendWith(Kit.class)
class StepVsShBench {
    static final int COMMANDS = Integer.getInteger("bench.commands", 50);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Test
    void onAPermanentAgent(Kit kit) throws Exception {
        kit.agent("bench-agent", "bench");
        compare(kit, "node('bench') { %s }", "permanent agent");
    }

    @Test
    void insideDockerImageInside(Kit kit) throws Exception {
        StringBuilder why = new StringBuilder();
        Optional<String> image = Kit.dockerImage(why);
        if (image.isEmpty()) {
            System.out.println("[bench] docker.inside skipped: " + why);
            return;
        }
        compare(kit, "node { docker.image('" + image.get() + "').inside { %s } }", "docker.image().inside");
    }

    private static void compare(Kit kit, String wrapper, String where) throws Exception {
        StringBuilder commands = new StringBuilder();
        StringBuilder shSteps = new StringBuilder();
        for (int i = 1; i <= COMMANDS; i++) {
            commands.append("      - echo line ").append(i).append('\n');
            shSteps.append("sh 'echo line ").append(i).append("'\n");
        }
        String many = wrapper.formatted(spec(commands.toString()));
        String one = wrapper.formatted(spec("      - echo line 1\n"));
        String sh = wrapper.formatted(shSteps);
        String empty = wrapper.formatted("echo 'nothing to run'");
        String manyJob = kit.pipeline("bench-spec", many);
        String oneJob = kit.pipeline("bench-spec-one", one);
        String shJob = kit.pipeline("bench-sh", sh);
        String emptyJob = kit.pipeline("bench-empty", empty);
        // A warm-up of each: class loading on the agent, image start.
        run(kit, manyJob);
        run(kit, oneJob);
        run(kit, shJob);
        run(kit, emptyJob);
        List<Long> none = new ArrayList<>();
        List<Long> spec = new ArrayList<>();
        List<Long> spec1 = new ArrayList<>();
        List<Long> shs = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            spec.add(run(kit, manyJob));
            spec1.add(run(kit, oneJob));
            shs.add(run(kit, shJob));
            none.add(run(kit, emptyJob));
        }
        long specMedian = median(spec);
        long oneMedian = median(spec1);
        long shMedian = median(shs);
        long noneMedian = median(none);
        System.out.printf(
                "[bench] %s, %d commands, median build of %d: codebuildSpec %d ms %s, %d sh steps %d ms %s,"
                        + " the same build without them %d ms %s%n",
                where, COMMANDS, ROUNDS, specMedian, spec, COMMANDS, shMedian, shs, noneMedian, none);
        System.out.printf(
                "[bench] %s: %d commands cost %d ms as codebuildSpec and %d ms as sh steps: ratio %.1fx"
                        + " (whole builds: %.1fx)%n",
                where,
                COMMANDS,
                specMedian - noneMedian,
                shMedian - noneMedian,
                (double) (shMedian - noneMedian) / Math.max(1, specMedian - noneMedian),
                (double) shMedian / specMedian);
        System.out.printf(
                "[bench] %s: fixed cost of a step call (one-command buildspec) %d ms %s; per extra command %.1f ms%n",
                where, oneMedian - noneMedian, spec1, (double) (specMedian - oneMedian) / (COMMANDS - 1));
    }

    private static String spec(String commands) {
        return "writeFile file: 'buildspec.yml', text: '''version: 0.2\nphases:\n  build:\n    commands:\n" + commands
                + "'''\ncodebuildSpec()";
    }

    /** The Jenkins build's own duration, in milliseconds. */
    private static long run(Kit kit, String job) throws Exception {
        Build b = kit.jenkins().build(job);
        String result = b.awaitResult();
        if (!result.equals("SUCCESS")) {
            throw new AssertionError(job + " " + result + ":\n" + b.console());
        }
        return b.json().get("duration").asLong();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
