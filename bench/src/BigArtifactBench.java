import io.jenkins.plugins.codebuildspec.engine.artifacts.FileSelector;
import io.jenkins.plugins.codebuildspec.engine.artifacts.SelectedFile;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ZipPackager;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Packages a ~2 GiB artifact (two 768 MiB random files, a 256 MiB text file, 2,000 small text files)
 * and prints the time, the archive size and the peak heap. Run it with -Xmx256m.
 */
public class BigArtifactBench {
    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        Path zip = Path.of(args[1]);
        if (!Files.exists(tree.resolve("done"))) {
            generate(tree);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        List<SelectedFile> files = new FileSelector(tree, m -> {})
                .select(new FileSelector.Request(Optional.empty(), List.of("**/*"), List.of("done"), false, false, List.of()));
        long bytes = files.stream().mapToLong(SelectedFile::size).sum();
        ZipPackager.Packaged packaged = new ZipPackager().write(files, zip);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%d files, %d MiB in, %d MiB zip, %.1f s; max heap %d MiB, peak heap used %d MiB%n",
                files.size(), bytes >> 20, packaged.size() >> 20, seconds, Runtime.getRuntime().maxMemory() >> 20,
                peak >> 20);
    }

    private static void generate(Path tree) throws Exception {
        Random random = new Random(7);
        Files.createDirectories(tree.resolve("small"));
        byte[] chunk = new byte[1 << 20];
        for (String name : List.of("random-1.bin", "random-2.bin")) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tree.resolve(name)))) {
                for (int i = 0; i < 768; i++) {
                    random.nextBytes(chunk);
                    out.write(chunk);
                }
            }
        }
        byte[] line = "2026-11-24 03:50:27 INFO build step finished with status 0 after 12 ms\n".getBytes();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tree.resolve("big.log")))) {
            for (long written = 0; written < (256L << 20); written += line.length) {
                out.write(line);
            }
        }
        byte[] small = new byte[128 << 10];
        for (int i = 0; i < small.length; i++) {
            small[i] = line[i % line.length];
        }
        for (int i = 0; i < 2000; i++) {
            Files.write(tree.resolve("small/f" + i + ".txt"), small);
        }
        Files.writeString(tree.resolve("done"), "");
    }
}
