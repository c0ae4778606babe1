package io.jenkins.plugins.codebuildspec.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The suite's fixture: one Jenkins booted from the kit with the packaged plugin, shared by every test class
 * of the suite (JUnit's root store closes it when the suite ends), with helpers that read like what a user
 * does: create a job, build it, read its console and API.
 */
public final class Kit implements ParameterResolver {
    private static final AtomicInteger JOBS = new AtomicInteger();

    private JenkinsController jenkins;
    private MetadataSentinel metadata;
    private Path home;
    private final Map<String, Path> agents = new HashMap<>();
    private Map<String, String> environment = Map.of();
    private final List<Process> inbound = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Kit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Kit.class, k -> boot(), Running.class)
                .kit();
    }

    /** Closes the suite's Jenkins when JUnit closes the root store. */
    private record Running(Kit kit) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kit.shutDown();
        }
    }

    private static Running boot() {
        Properties summary = summary();
        String skipped = summary.getProperty("skipped");
        Assumptions.assumeTrue(skipped == null, skipped);
        Kit kit = new Kit();
        try {
            JenkinsKit jenkinsKit = new JenkinsKit(Path.of(summary.getProperty("kit")));
            kit.home = Files.createTempDirectory(target(), "jenkins-home-");
            kit.metadata = new MetadataSentinel();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", kit.metadata.endpoint());
            env.put("AWS_CONFIG_FILE", kit.home.resolve("no-aws-config").toString());
            env.put(
                    "AWS_SHARED_CREDENTIALS_FILE",
                    kit.home.resolve("no-aws-credentials").toString());
            Optional.ofNullable(System.getenv("DOCKER_HOST")).ifPresent(h -> env.put("DOCKER_HOST", h));
            kit.environment = env;
            kit.jenkins = JenkinsController.boot(jenkinsKit, Path.of(summary.getProperty("hpi")), kit.home, env);
            return new Running(kit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Properties summary() {
        Path file = target().resolve(KitPackager.SUMMARY);
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) {
            p.setProperty(
                    "skipped",
                    "no " + file + ": run the build through `package` first, which packages the"
                            + " plugin against the Jenkins kit");
            return p;
        }
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Path target() {
        return Path.of(System.getProperty("kit.target", "target")).toAbsolutePath();
    }

    JenkinsController jenkins() {
        return jenkins;
    }

    /** Every request that reached the metadata sentinel since Jenkins booted. */
    List<String> metadataRequests() {
        return metadata.requests();
    }

    /** A job name no other test uses. */
    static String jobName(String what) {
        return what + "-" + JOBS.incrementAndGet();
    }

    /** Creates a Pipeline job running {@code script} in the Groovy sandbox. */
    String pipeline(String what, String script) throws IOException, InterruptedException {
        return pipeline(what, script, List.of());
    }

    /** A Pipeline job with string parameters, so that two builds of it queue as two. */
    String pipeline(String what, String script, List<String> parameters) throws IOException, InterruptedException {
        String name = jobName(what);
        StringBuilder params = new StringBuilder();
        if (!parameters.isEmpty()) {
            params.append("<properties><hudson.model.ParametersDefinitionProperty><parameterDefinitions>");
            for (String p : parameters) {
                params.append("<hudson.model.StringParameterDefinition><name>")
                        .append(xml(p))
                        .append("</name></hudson.model.StringParameterDefinition>");
            }
            params.append("</parameterDefinitions></hudson.model.ParametersDefinitionProperty></properties>");
        }
        jenkins.createJob(
                name,
                "<flow-definition>" + params
                        + "<definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'><script>"
                        + xml(script) + "</script><sandbox>true</sandbox></definition></flow-definition>");
        return name;
    }

    /** Creates a Pipeline job and builds it once. */
    Build runPipeline(String what, String script) throws IOException, InterruptedException {
        return jenkins.build(pipeline(what, script));
    }

    /**
     * A permanent agent launched by command on this machine ({@code java -jar agent.jar}, as
     * command-launcher does), with its own root directory; made once per name, and online when this returns.
     */
    synchronized Path agent(String name, String labels) throws IOException, InterruptedException {
        return agent(name, labels, 2);
    }

    /** The same with that many executors. */
    synchronized Path agent(String name, String labels, int executors) throws IOException, InterruptedException {
        Path existing = agents.get(name);
        if (existing != null) {
            return existing;
        }
        Path root = Files.createDirectories(home.resolve("agents").resolve(name));
        Path agentJar = home.resolve("agent.jar");
        if (!Files.exists(agentJar)) {
            Files.write(agentJar, jenkins.getBytes("jnlpJars/agent.jar"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -Xmx256m -XX:+UseSerialGC -jar " + agentJar;
        String out = jenkins.script(
                """
                import hudson.slaves.*
                import jenkins.model.Jenkins
                import org.jenkinsci.plugins.scriptsecurity.scripts.ScriptApproval
                import org.jenkinsci.plugins.scriptsecurity.scripts.languages.SystemCommandLanguage
                ScriptApproval.get().preapprove('%1$s', SystemCommandLanguage.get())
                def agent = new DumbSlave('%2$s', '%3$s', new CommandLauncher('%1$s'))
                agent.numExecutors = %5$d
                agent.labelString = '%4$s'
                agent.retentionStrategy = new RetentionStrategy.Always()
                Jenkins.get().addNode(agent)
                def computer = Jenkins.get().getComputer('%2$s')
                computer.connect(false).get()
                println(computer.online ? 'online' : 'offline: ' + computer.log)
                """
                        .formatted(command, name, root, labels, executors));
        if (!out.trim().equals("online")) {
            throw new IOException("agent " + name + " did not come online:\n" + out);
        }
        agents.put(name, root);
        return root;
    }

    /**
     * An inbound agent started by the test itself, not by the controller, so that it outlives a controller
     * restart and reconnects (over WebSocket) when the controller is back; stopped when the suite ends.
     */
    synchronized Path inboundAgent(String name, String labels) throws IOException, InterruptedException {
        Path existing = agents.get(name);
        if (existing != null) {
            return existing;
        }
        Path root = Files.createDirectories(home.resolve("agents").resolve(name));
        Path agentJar = home.resolve("agent.jar");
        if (!Files.exists(agentJar)) {
            Files.write(agentJar, jenkins.getBytes("jnlpJars/agent.jar"));
        }
        String secret = jenkins.script(
                        """
                import hudson.slaves.*
                import jenkins.model.Jenkins
                def launcher = new JNLPLauncher()
                launcher.webSocket = true
                def agent = new DumbSlave('%1$s', '%2$s', launcher)
                agent.numExecutors = 2
                agent.labelString = '%3$s'
                agent.retentionStrategy = new RetentionStrategy.Always()
                Jenkins.get().addNode(agent)
                print(Jenkins.get().getComputer('%1$s').jnlpMac)
                """
                                .formatted(name, root, labels))
                .trim();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder launch = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        agentJar.toString(),
                        "-url",
                        jenkins.url("").toString(),
                        "-name",
                        name,
                        "-secret",
                        secret,
                        "-webSocket",
                        "-workDir",
                        root.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("agent.log").toFile());
        // The same environment as the controller's, which command-launched agents inherit.
        launch.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        launch.environment().putAll(environment);
        Process agent = launch.start();
        inbound.add(agent);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!jenkins.script("print(jenkins.model.Jenkins.get().getComputer('" + name + "').online)")
                .trim()
                .equals("true")) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(
                        "inbound agent " + name + " did not connect:\n" + Files.readString(root.resolve("agent.log")));
            }
            Thread.sleep(250);
        }
        agents.put(name, root);
        return root;
    }

    /** Whether a Docker engine is at hand for docker.image(...).inside, and the image to use, or why not. */
    static Optional<String> dockerImage(StringBuilder why) {
        String image = System.getenv("CODEBUILD_TEST_IMAGE");
        if (image == null || image.isBlank()) {
            why.append("no CODEBUILD_TEST_IMAGE: .ci/docker-engine provides a Docker engine and an image");
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("docker", "image", "inspect", image)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                why.append("docker cannot inspect ")
                        .append(image)
                        .append(" on ")
                        .append(System.getenv("DOCKER_HOST"));
                return Optional.empty();
            }
        } catch (IOException e) {
            why.append("no docker command: ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(image);
    }

    /** A URL fetch outside Jenkins, such as an S3 object. */
    static byte[] fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.body();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }

    private void shutDown() {
        inbound.forEach(Process::destroyForcibly);
        // Builds detached on agents outlive Jenkins by design; a scenario that failed half-way can leave
        // one running, and spare engine JVMs wait for the next build: end those of this suite's Jenkins, with
        // their commands.
        String mine = home.toString();
        ProcessHandle.allProcesses()
                .filter(p -> {
                    String c = String.join(" ", Processes.arguments(p));
                    return c.contains("DetachedBuild") && c.contains(mine);
                })
                .forEach(p -> {
                    // DetachedBuild DIR SOCKET IDLE: a JVM killed while it waits leaves its socket file
                    List<String> args = Processes.arguments(p);
                    int main = args.indexOf("io.jenkins.plugins.codebuildspec.DetachedBuild");
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    if (main >= 0 && main + 2 < args.size()) {
                        try {
                            p.onExit().get(10, TimeUnit.SECONDS);
                            Files.deleteIfExists(Path.of(args.get(main + 2)));
                        } catch (Exception e) {
                            // the next JVM that listens there removes it
                        }
                    }
                });
        // After the engine JVMs: closing Jenkins ends its process tree, the built-in node's JVMs with it,
        // before their sockets could be found from their command lines.
        jenkins.close();
        metadata.close();
    }
}
