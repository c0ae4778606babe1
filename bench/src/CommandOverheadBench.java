import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One engine's part of {@link CompareEngines}: N commands through the engine (0.2 semantics: state saved
 * and restored around every command), timed between the engine's "Running command" lines. Loaded by
 * CompareEngines in a class loader of its own for each engine jar, so that two engines run in one JVM.
 */
public class CommandOverheadBench {
    /** The workloads, in the order {@link #round} returns their medians. */
    public static final String[] WORKLOADS = {"true", "echo line N"};

    private final int n;
    private final Path dir;
    private final Path ramState;
    private final Path diskState;
    private final Buildspec[] specs;

    public CommandOverheadBench(int n, Path dir) throws Exception {
        this.n = n;
        this.dir = dir;
        // Where codebuild-local keeps state (memory-backed when available), and the JVM's temp dir, on
        // disk as a Jenkins workspace's @tmp is.
        this.ramState = io.jenkins.plugins.codebuildspec.engine.run.LocalTempDirectory.create("bench-state");
        this.diskState = dir.resolve("state");
        this.specs = new Buildspec[WORKLOADS.length];
        for (int w = 0; w < WORKLOADS.length; w++) {
            StringBuilder yaml = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
            for (int i = 0; i < n; i++) {
                yaml.append("      - \"").append(WORKLOADS[w].replace("N", "" + i)).append("\"\n");
            }
            specs[w] = new BuildspecParser().parse("bench.yml", yaml.toString()).orThrow();
        }
    }

    /** Where the state lives in the rows of {@link #round}. */
    public String[] places() {
        return new String[] {
            ramState.getParent() + " (codebuild-local)", System.getProperty("java.io.tmpdir") + " (as Jenkins' @tmp)"
        };
    }

    /** One build per workload and state place: the median ms per command of each, workload-major. */
    public double[] round() throws Exception {
        double[] medians = new double[WORKLOADS.length * 2];
        for (int w = 0; w < WORKLOADS.length; w++) {
            medians[2 * w] = median(engine(specs[w], ramState)) / 1e6;
            medians[2 * w + 1] = median(engine(specs[w], diskState)) / 1e6;
        }
        return medians;
    }

    private long[] engine(Buildspec spec, Path state) throws Exception {
        long[] stamps = new long[n + 1];
        int[] count = {0};
        BuildLog log = new BuildLog() {
            @Override
            public void engine(String line) {
                if (line.contains("Running command") || line.contains("Phase complete: BUILD")) {
                    if (count[0] <= n) {
                        stamps[count[0]++] = System.nanoTime();
                    }
                }
            }

            @Override
            public void output(String line) {}
        };
        BuildRequest request = new BuildRequest(spec, dir.toString(), state.toString(), BuildContext.of("bench", 1))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")));
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);
        if (!result.succeeded() || count[0] != n + 1) {
            throw new IllegalStateException("bench build failed: " + result);
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = stamps[i + 1] - stamps[i];
        }
        return times;
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Prints one engine's figures alone: {@code CommandOverheadBench N ROUNDS} with the engine on the class path. */
    public static void main(String[] args) throws Exception {
        CompareEngines.main(args);
    }
}
