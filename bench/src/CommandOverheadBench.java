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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark: N trivial commands through the engine (0.2 semantics: state saved and restored around
 * every command) against the same N commands each run as its own `sh -c` process from the same JVM.
 * Rounds alternate so both see the same machine load. Prints medians per command and the ratio.
 */
public class CommandOverheadBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("bench-overhead");
        // Where codebuild-local keeps state (memory-backed when available), and the JVM's temp dir.
        Path ramState = io.jenkins.plugins.codebuildspec.engine.run.LocalTempDirectory.create("bench-state");
        Path diskState = dir.resolve("state");
        StringBuilder yaml = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("      - \"true\"\n");
        }
        Buildspec spec = new BuildspecParser().parse("bench.yml", yaml.toString()).orThrow();
        List<Double> engineMedians = new ArrayList<>();
        List<Double> diskMedians = new ArrayList<>();
        List<Double> shMedians = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            long[] sh = baseline(n, dir);
            long[] engine = engine(spec, n, dir, ramState);
            long[] disk = engine(spec, n, dir, diskState);
            if (round == 0) {
                continue; // warm-up
            }
            shMedians.add(median(sh) / 1e6);
            engineMedians.add(median(engine) / 1e6);
            diskMedians.add(median(disk) / 1e6);
        }
        double shMedian = median(shMedians);
        double engineMedian = median(engineMedians);
        double diskMedian = median(diskMedians);
        System.out.printf("%d trivial commands, %d rounds (after one warm-up), median per command, median of rounds%n",
                n, rounds);
        System.out.printf("%-52s %10s %8s%n", "", "ms/cmd", "ratio");
        System.out.printf("%-52s %10.3f %8s%n", "baseline: sh -c true, one process per command", shMedian, "1.00");
        System.out.printf("%-52s %10.3f %8.2f%n", "engine, state in " + ramState.getParent() + " (codebuild-local)",
                engineMedian, engineMedian / shMedian);
        System.out.printf("%-52s %10.3f %8.2f%n", "engine, state in " + dir.getParent(), diskMedian,
                diskMedian / shMedian);
        System.out.printf("engine overhead per command: %.3f ms (target < 2 ms); ratio: %.2f (target < 1.5)%n",
                engineMedian - shMedian, engineMedian / shMedian);
    }

    private static long[] baseline(int n, Path dir) throws Exception {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", "true").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            p.waitFor();
            times[i] = System.nanoTime() - t0;
        }
        return times;
    }

    private static long[] engine(Buildspec spec, int n, Path dir, Path state) throws Exception {
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

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
