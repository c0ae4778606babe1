import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Benchmark: a command printing 1 GiB, as 100-character lines and as one single line, through the
 * engine's masking line splitter into a log that counts what it receives. Run with -Xmx128m: it
 * must finish, with every byte accounted for.
 */
public class BigOutputBench {
    public static void main(String[] args) throws Exception {
        long bytes = args.length > 0 ? Long.parseLong(args[0]) : 1L << 30;
        Path dir = Files.createTempDirectory("bench-output");
        run(dir, bytes, "lines of 100", "head -c " + bytes + " /dev/zero | tr '\\\\0' x | fold -w 100", 100);
        run(dir, bytes, "one line", "head -c " + bytes + " /dev/zero | tr '\\\\0' x", 0);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("max heap %d MiB, peak heap used (sum of pools) %d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    }

    private static void run(Path dir, long bytes, String shape, String command, int width) throws Exception {
        long[] chars = {0};
        long[] lines = {0};
        BuildLog log = new BuildLog() {
            @Override
            public void engine(String line) {}

            @Override
            public void output(String line) {
                chars[0] += line.length();
                lines[0]++;
            }
        };
        String yaml = "version: 0.2\nenv:\n  shell: bash\nphases:\n  build:\n    commands:\n      - \"" + command + "\"\n";
        var spec = new BuildspecParser().parse("big.yml", yaml).orThrow();
        long t0 = System.nanoTime();
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(
                new BuildRequest(spec, dir.toString(), dir.resolve("tmp").toString(), BuildContext.of("big", 1))
                        .baseEnvironment(Map.of("PATH", System.getenv("PATH"))));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-14s %s: %d chars in %d log lines, %.1f s, %.0f MiB/s%n", shape, result.status(), chars[0],
                lines[0], seconds, bytes / seconds / (1 << 20));
        if (!result.succeeded() || chars[0] != bytes) {
            throw new IllegalStateException("expected " + bytes + " characters, got " + chars[0]);
        }
    }
}
