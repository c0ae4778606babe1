import io.jenkins.plugins.codebuildspec.engine.store.ArtifactUpload;
import io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore;
import io.jenkins.plugins.codebuildspec.engine.store.StoredArtifact;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Uploads one file with the engine's S3 store to an S3-compatible endpoint; prints seconds and MiB/s. */
public class S3UploadBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String endpoint = args[1];
        String bucket = args[2];
        int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        long size = java.nio.file.Files.size(file);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] b = new byte[1 << 20];
            int n;
            while ((n = in.read(b)) > 0) {
                sha.update(b, 0, n);
            }
        }
        String sha256 = java.util.HexFormat.of().formatHex(sha.digest());
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket(bucket)
                .region("us-east-1")
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret")))
                .encryption(S3ArtifactStore.Encryption.NONE)
                .parallelism(parallelism)
                .build()) {
            long t0 = System.nanoTime();
            StoredArtifact stored = store.store(file, new ArtifactUpload("", "engine/" + file.getFileName(), "bench:1",
                    sha256, size));
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("engine S3 store (%d parts at once): %.2f s, %.0f MiB/s, %s etag %s%n", parallelism, s,
                    size / s / (1 << 20), stored.location(), stored.s3().orElseThrow().eTag());
        }
    }
}
