import io.jenkins.plugins.codebuildspec.engine.artifacts.FileSelector;
import io.jenkins.plugins.codebuildspec.engine.artifacts.SelectedFile;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ZipPackager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Selects `**` + `/*` under a directory and zips it with the engine, printing seconds and bytes. */
public class ZipBench {
    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        // made before selection, as the engine's artifact packager is, so it readies libdeflate meanwhile
        ZipPackager packager = new ZipPackager(threads, 6);
        long t0 = System.nanoTime();
        List<SelectedFile> files = new FileSelector(tree, m -> {})
                .select(new FileSelector.Request(Optional.empty(), List.of("**/*"), List.of(), false, false, List.of()));
        long t1 = System.nanoTime();
        ZipPackager.Packaged zip = packager.write(files, out);
        long t2 = System.nanoTime();
        System.out.printf("select %d files %.2f s, zip %.2f s, total %.2f s, %d bytes, deflated with %s%n",
                files.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, zip.size(), zip.compressor());
    }
}
