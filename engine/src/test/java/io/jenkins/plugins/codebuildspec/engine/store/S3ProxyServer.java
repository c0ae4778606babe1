package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Proxy, a real S3-compatible server, run as a separate process on 127.0.0.1 for the store tests. */
final class S3ProxyServer implements AutoCloseable {
    // A separate process: in the test JVM it would bring Jetty and some 170 jars onto the classpath.
    static final String IDENTITY = "test-identity";
    static final String CREDENTIAL = "test-credential-not-a-real-secret";
    private static final long START_TIMEOUT_MILLIS = 20_000;

    /** Where S3Proxy keeps objects: {@code filesystem} survives a restart, {@code transient} does not. */
    enum Backend {
        FILESYSTEM,
        TRANSIENT
    }

    private final Path workDir;
    private final Backend backend;
    private final int port;
    private final Path properties;
    private final Path log;
    private volatile Process process;
    private boolean hookAdded;

    private S3ProxyServer(Path workDir, Backend backend) throws IOException {
        this.workDir = workDir;
        this.backend = backend;
        this.port = freePort();
        this.properties = workDir.resolve("s3proxy.properties");
        this.log = workDir.resolve("s3proxy.log");
        writeProperties();
    }

    static S3ProxyServer start(Path workDir, Backend backend) throws IOException, InterruptedException {
        S3ProxyServer server = new S3ProxyServer(workDir, backend);
        server.startProcess();
        return server;
    }

    static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client for the tests' own checks, configured as the store configures its own. */
    S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Kills the server at once, as a crash or a dropped network would. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts again on the same port and storage directory. */
    void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeProperties() throws IOException {
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint().toString());
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", IDENTITY);
        p.setProperty("s3proxy.credential", CREDENTIAL);
        if (backend == Backend.FILESYSTEM) {
            Path data = Files.createDirectories(workDir.resolve("data"));
            p.setProperty("jclouds.provider", "filesystem");
            p.setProperty("jclouds.filesystem.basedir", data.toString());
        } else {
            p.setProperty("jclouds.provider", "transient");
        }
        try (Writer out = Files.newBufferedWriter(properties)) {
            p.store(out, "S3Proxy for the artifact store tests");
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("s3proxy.jar", "/work/main/engine/target/s3proxy/s3proxy.jar");
        // A small heap and the serial collector: the suite runs on two cores beside other builds.
        process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar,
                        "--properties",
                        properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!hookAdded) {
            // A crashed or killed test JVM must not leave the server running.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Process p = process;
                if (p != null) {
                    p.destroyForcibly();
                }
            }));
            hookAdded = true;
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.currentTimeMillis() > deadline) {
                stop();
                throw new IOException("S3Proxy did not answer within 20 s:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /** Any HTTP answer, even 403 to an unsigned request, means the server is up. */
    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
