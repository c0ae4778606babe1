package io.jenkins.plugins.codebuildspec.kit;

import java.io.IOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** S3Proxy with its filesystem store, a real S3-compatible server, as a process of its own on 127.0.0.1. */
final class S3Proxy implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private S3Proxy(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static S3Proxy start(Path dir, String identity, String credential) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint.toString());
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", identity);
        p.setProperty("s3proxy.credential", credential);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty(
                "jclouds.filesystem.basedir",
                Files.createDirectories(dir.resolve("data")).toString());
        Path properties = dir.resolve("s3proxy.properties");
        try (Writer out = Files.newBufferedWriter(properties)) {
            p.store(out, "S3Proxy for the plugin's end-to-end tests");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        S3UploadIT.s3ProxyJar().toString(),
                        "--properties",
                        properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        S3Proxy proxy = new S3Proxy(process, endpoint);
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!proxy.answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                proxy.close();
                throw new IOException("S3Proxy did not start:\n" + Files.readString(dir.resolve("s3proxy.log")));
            }
            Thread.sleep(100);
        }
        return proxy;
    }

    URI endpoint() {
        return endpoint;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
            c.setConnectTimeout(500);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
