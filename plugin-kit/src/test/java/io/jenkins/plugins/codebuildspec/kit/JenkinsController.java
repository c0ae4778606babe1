package io.jenkins.plugins.codebuildspec.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Jenkins booted from the kit's war with the kit's plugins and the freshly packaged plugin, on
 * 127.0.0.1, driven over HTTP as a user's browser or script would (in the spirit of the
 * acceptance-test-harness's {@code JenkinsController}). No security realm and no CSRF crumbs: the suite is
 * the only client.
 */
final class JenkinsController implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int port;
    private final ProcessBuilder launch;
    private volatile Process process;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JenkinsController(Path home, int port, ProcessBuilder launch) throws IOException {
        this.home = home;
        this.port = port;
        this.launch = launch;
        this.process = launch.start();
    }

    /**
     * Boots Jenkins with {@code JENKINS_HOME} in {@code home}; {@code environment} is added to the
     * controller's environment (and so to the agents it launches).
     */
    static JenkinsController boot(JenkinsKit kit, Path hpi, Path home, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> list = Files.list(kit.plugins())) {
            for (Path p : list.filter(p -> p.toString().endsWith(".jpi")).toList()) {
                Files.copy(p, plugins.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String shortName = hpi.getFileName().toString().replaceFirst("\\.hpi$", "");
        Files.copy(hpi, plugins.resolve(shortName + ".jpi"), StandardCopyOption.REPLACE_EXISTING);
        Path webroot = Files.createDirectories(home.resolve("war"));
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Djenkins.install.runSetupWizard=false",
                "-Dhudson.security.csrf.GlobalCrumbIssuerConfiguration.DISABLE_CSRF_PROTECTION=true",
                // No network beyond this machine: never ask the update sites.
                "-Dhudson.model.UpdateCenter.never=true",
                "-Dhudson.model.DownloadService.never=true",
                "-jar",
                kit.war().toString(),
                "--httpPort=" + port,
                "--httpListenAddress=127.0.0.1",
                "--webroot=" + webroot));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("jenkins.log").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("JENKINS_HOME", home.toString());
        pb.environment().putAll(environment);
        JenkinsController jenkins = new JenkinsController(home, port, pb);
        Runtime.getRuntime().addShutdownHook(new Thread(jenkins::kill));
        jenkins.awaitUp();
        return jenkins;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + (path.startsWith("/") ? path.substring(1) : path));
    }

    Path home() {
        return home;
    }

    /** GET; the body, or an exception naming the status. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url(path)).GET());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
        return r.body();
    }

    byte[] getBytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(url(path))
                        .timeout(Duration.ofMinutes(1))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    int status(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url(path)).GET()).statusCode();
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path.endsWith("/") ? path + "api/json" : path + "/api/json"));
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return post(path, "application/x-www-form-urlencoded", body.toString());
    }

    /** Runs Groovy in the controller's script console; returns what it printed. */
    String script(String groovy) throws IOException, InterruptedException {
        HttpResponse<String> r = postForm("scriptText", Map.of("script", groovy));
        if (r.statusCode() != 200) {
            throw new IOException("script console: HTTP " + r.statusCode() + "\n" + r.body());
        }
        return r.body();
    }

    /** Creates a job from its {@code config.xml}. */
    void createJob(String name, String configXml) throws IOException, InterruptedException {
        HttpResponse<String> r = post(
                "createItem?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), "application/xml", configXml);
        if (r.statusCode() != 200) {
            throw new IOException("creating job " + name + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
    }

    /** Queues a build (with parameters, if any) and waits for it to start. */
    Build build(String job, Map<String, String> parameters) throws IOException, InterruptedException {
        HttpResponse<String> r = parameters.isEmpty()
                ? post("job/" + job + "/build?delay=0sec", "application/x-www-form-urlencoded", "")
                : postForm("job/" + job + "/buildWithParameters?delay=0sec", parameters);
        if (r.statusCode() != 201) {
            throw new IOException("building " + job + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
        String location = r.headers().firstValue("Location").orElseThrow();
        String item = URI.create(location).getPath();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            JsonNode queued = json(item);
            JsonNode executable = queued.get("executable");
            if (executable != null && !executable.isNull()) {
                return new Build(this, job, executable.get("number").asInt());
            }
            if (queued.path("cancelled").asBoolean(false)) {
                throw new IOException("the build of " + job + " was cancelled in the queue");
            }
            Thread.sleep(200);
        }
        throw new IOException("the build of " + job + " did not leave the queue within 3 minutes: " + json(item));
    }

    Build build(String job) throws IOException, InterruptedException {
        return build(job, Map.of());
    }

    /** The controller's own log, for failure messages. */
    String log() {
        try {
            return Files.readString(home.resolve("jenkins.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    /**
     * Stops Jenkins as an administrator's restart does (SIGTERM: a clean shutdown) and boots it again on the
     * same port with the same home; running Pipelines resume, agents launched by command are launched again
     * and inbound agents reconnect.
     */
    void restart() throws IOException, InterruptedException {
        kill();
        process = launch.start();
        awaitUp();
    }

    private void kill() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitUp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Jenkins exited with " + process.exitValue() + " while booting:\n" + tail());
            }
            try {
                HttpResponse<String> r =
                        send(HttpRequest.newBuilder(url("api/json")).GET());
                if (r.statusCode() == 200 && JSON.readTree(r.body()).has("jobs")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("Jenkins did not come up within " + BOOT_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    private String tail() {
        String log = log();
        return log.length() > 8000 ? log.substring(log.length() - 8000) : log;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
