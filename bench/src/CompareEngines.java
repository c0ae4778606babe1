import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark: per-command cost of one or more engine jars side by side, in one JVM so that all see the same
 * machine load: N trivial commands ({@code true}, and {@code echo line N} for the output path) through each
 * engine, with the state on a memory file system (codebuild-local) and on disk (Jenkins' workspace
 * {@code @tmp}), against the same N commands each run as its own {@code sh -c true} from this JVM. Rounds
 * alternate between the engines; one warm-up round is dropped. Prints medians per command (median over
 * rounds) and each engine's ratio to the first.
 *
 * <p>Usage: {@code java -cp BENCH_CLASSES CompareEngines N ROUNDS JAR [JAR...]}; the bench classes must
 * not be on a class path with an engine. Without jars, the engine on the class path is measured alone.
 */
public class CompareEngines {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> jars = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        Path dir = Files.createTempDirectory("bench-overhead");
        List<Object> engines = new ArrayList<>();
        List<Method> roundOf = new ArrayList<>();
        List<String> names = new ArrayList<>();
        URL classes = CompareEngines.class.getProtectionDomain().getCodeSource().getLocation();
        if (jars.isEmpty()) {
            engines.add(CompareEngines.class.getClassLoader().loadClass("CommandOverheadBench")
                    .getConstructor(int.class, Path.class).newInstance(n, dir));
            names.add("engine");
        }
        for (String jar : jars) {
            ClassLoader loader = new URLClassLoader(
                    new URL[] {classes, new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            Constructor<?> c = loader.loadClass("CommandOverheadBench").getConstructor(int.class, Path.class);
            engines.add(c.newInstance(n, Files.createDirectories(dir.resolve("engine" + engines.size()))));
            names.add(new File(jar).getName());
        }
        for (Object e : engines) {
            roundOf.add(e.getClass().getMethod("round"));
        }
        String[] workloads = (String[]) engines.get(0).getClass().getField("WORKLOADS").get(null);
        String[] places = (String[]) engines.get(0).getClass().getMethod("places").invoke(engines.get(0));
        int rows = workloads.length * places.length;
        List<Double> sh = new ArrayList<>();
        List<List<double[]>> results = new ArrayList<>();
        engines.forEach(e -> results.add(new ArrayList<>()));
        for (int round = 0; round <= rounds; round++) {
            double baseline = medianOf(baseline(n, dir)) / 1e6;
            for (int e = 0; e < engines.size(); e++) {
                double[] r = (double[]) roundOf.get(e).invoke(engines.get(e));
                if (round > 0) {
                    results.get(e).add(r);
                }
            }
            if (round > 0) {
                sh.add(baseline);
            }
        }
        System.out.printf("%d commands per build, %d rounds (after one warm-up), median ms per command, median of"
                + " rounds%n", n, rounds);
        double shMedian = median(sh);
        System.out.printf("%-50s %8.3f ms%n", "baseline: sh -c true, one process per command from this JVM", shMedian);
        StringBuilder header = new StringBuilder(String.format("%-50s", "command / state"));
        for (int e = 0; e < engines.size(); e++) {
            header.append(String.format(" %22s", names.get(e)));
        }
        System.out.println(header);
        for (int row = 0; row < rows; row++) {
            StringBuilder line = new StringBuilder(String.format(
                    "%-50s", workloads[row / places.length] + ", state in " + places[row % places.length]));
            double first = 0;
            for (int e = 0; e < engines.size(); e++) {
                final int r = row;
                double m = median(results.get(e).stream().map(a -> a[r]).toList());
                if (e == 0) {
                    first = m;
                    line.append(String.format(" %12.3f ms      ", m));
                } else {
                    line.append(String.format(" %9.3f ms (%5.2fx)", m, m / first));
                }
            }
            System.out.println(line);
        }
        if (engines.size() > 1) {
            System.out.println("(Nx): the engine's time per command as a multiple of the first engine's");
        }
    }

    private static long[] baseline(int n, Path dir) throws Exception {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", "true").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            p.waitFor();
            times[i] = System.nanoTime() - t0;
        }
        return times;
    }

    private static double medianOf(long[] values) {
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
