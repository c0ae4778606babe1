package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs the build's commands in a container of an image, as the CodeBuild local agent does: one
 * container per build, started on the first command, with the source and state directories
 * bind-mounted at the same paths, each command through {@code docker exec}, and the container removed
 * when the build ends (failed, stopped or not). Files are read and written on this machine, where the
 * mounts put them. The {@code docker} client is a process like any other, started through
 * {@link LocalProcessExecutor}.
 */
public final class DockerExecutor implements CommandExecutor {
    /** Starts the build's commands (docker exec clients): killing them kills these. */
    private final LocalProcessExecutor host = LocalProcessExecutor.withoutKeeper();

    /** Starts the runner's own docker commands, so killing the build's never kills a docker rm. */
    private final LocalProcessExecutor admin = LocalProcessExecutor.withoutKeeper();

    private final String docker;
    private final String image;
    private final boolean privileged;
    private final List<Path> mounts;
    private final Map<String, String> clientEnvironment;
    private final String cookie = UUID.randomUUID().toString();
    private final String name = "codebuild-local-" + UUID.randomUUID();
    private boolean started;

    /**
     * @param mounts host directories the commands need (the source and the build's temporary directory),
     *     mounted at the same paths
     * @param clientEnvironment the environment of the docker client (DOCKER_HOST and the like)
     */
    public DockerExecutor(
            String docker, String image, boolean privileged, List<Path> mounts, Map<String, String> clientEnvironment) {
        this.docker = docker;
        this.image = image;
        this.privileged = privileged;
        this.mounts = List.copyOf(mounts);
        this.clientEnvironment = Map.copyOf(clientEnvironment);
    }

    public String containerName() {
        return name;
    }

    @Override
    public synchronized RunningCommand start(
            List<String> argv, Map<String, String> environment, String workingDirectory, OutputStream output)
            throws IOException {
        ensureContainer();
        List<String> cmd = new ArrayList<>(List.of(docker, "exec", "-w", workingDirectory));
        Map<String, String> clientEnv = passEnvironment(environment, cmd);
        cmd.add(name);
        cmd.addAll(argv);
        return inContainer(host.start(cmd, clientEnv, workingDirectory, output));
    }

    /** A command run by a docker exec {@code client}: killing it kills its processes in the container too. */
    private RunningCommand inContainer(RunningCommand client) {
        return new RunningCommand() {
            @Override
            public int waitFor() throws IOException, InterruptedException {
                return client.waitFor();
            }

            @Override
            public void kill() throws IOException, InterruptedException {
                // killing the docker exec client leaves the command running in the container
                killInside();
                client.kill();
            }
        };
    }

    /** {@code docker exec -i}, with {@code -t} when the user's input is a terminal, in the build's container. */
    @Override
    public synchronized RunningCommand startInteractive(
            List<String> argv, Map<String, String> environment, String workingDirectory, Terminal terminal)
            throws IOException {
        ensureContainer();
        List<String> cmd = new ArrayList<>(List.of(docker, "exec", "-i"));
        if (terminal.tty()) {
            cmd.add("-t");
        }
        cmd.addAll(List.of("-w", workingDirectory));
        Map<String, String> clientEnv = passEnvironment(environment, cmd);
        cmd.add(name);
        cmd.addAll(argv);
        // the directory may exist only in the container
        return inContainer(host.startInteractive(cmd, clientEnv, System.getProperty("java.io.tmpdir"), terminal));
    }

    /**
     * Adds the {@code -e} options that give the command {@code environment} and returns the docker client's
     * own environment. Values travel in the client's environment ({@code -e NAME} takes the value from
     * there), not on its command line, where anyone on the machine could read them ({@code ps}): they hold
     * the build's secrets. Only names the docker client reads itself (its {@code DOCKER_*} settings,
     * {@code HOME}, {@code PATH}, proxies) and names of the client's own environment keep
     * {@code NAME=value} on the command line, since giving them to the client would change what it does.
     */
    private Map<String, String> passEnvironment(Map<String, String> environment, List<String> cmd) {
        Map<String, String> clientEnv = new LinkedHashMap<>(clientEnvironment);
        environment.forEach((k, v) -> {
            if (k.equals(LocalProcessExecutor.COOKIE)) {
                return;
            }
            cmd.add("-e");
            if (clientEnvironment.containsKey(k) || CLIENT_READS.contains(k) || k.startsWith("DOCKER_")) {
                cmd.add(k + "=" + v);
            } else {
                cmd.add(k);
                clientEnv.put(k, v);
            }
        });
        cmd.add("-e");
        cmd.add(LocalProcessExecutor.COOKIE + "=" + cookie);
        return clientEnv;
    }

    /** Variables the docker client itself reads besides its {@code DOCKER_*} ones. */
    private static final java.util.Set<String> CLIENT_READS = java.util.Set.of(
            "HOME",
            "PATH",
            "TMPDIR",
            "BUILDKIT_PROGRESS",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY",
            "http_proxy",
            "https_proxy",
            "no_proxy",
            "XDG_CONFIG_HOME",
            "XDG_RUNTIME_DIR",
            "SSH_AUTH_SOCK");

    /**
     * The {@code PATH} a container of {@code image} starts with (its {@code ENV PATH}), so that a runner
     * can put directories in front of it; Docker's default when the image sets none or cannot be read.
     */
    public static String imagePath(String docker, String image, Map<String, String> clientEnvironment) {
        String fallback = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int code = LocalProcessExecutor.withoutKeeper()
                    .start(
                            List.of(
                                    docker,
                                    "image",
                                    "inspect",
                                    "--format",
                                    "{{range .Config.Env}}{{println .}}{{end}}",
                                    image),
                            clientEnvironment,
                            System.getProperty("java.io.tmpdir"),
                            out)
                    .waitFor();
            if (code != 0) {
                return fallback;
            }
        } catch (IOException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
        return out.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("PATH="))
                .map(l -> l.substring("PATH=".length()))
                .reduce((a, b) -> b)
                .orElse(fallback);
    }

    private void ensureContainer() throws IOException {
        if (started) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(docker, "run", "-d", "--name", name, "--network", "host"));
        if (privileged) {
            cmd.add("--privileged");
        }
        for (Path mount : mounts) {
            String p = mount.toAbsolutePath().toString();
            cmd.add("-v");
            cmd.add(p + ":" + p);
        }
        cmd.addAll(List.of("--entrypoint", "sleep", image, "infinity"));
        Result r = client(cmd);
        if (r.code != 0) {
            // a run that failed half way may have created the container: leave nothing behind
            client(List.of(docker, "rm", "-f", name));
            throw new IOException("cannot start a container of image " + image + " (docker run exit code " + r.code
                    + "): " + r.output.strip()
                    + " (is the Docker engine running, and is the image there? docker images " + image + ")");
        }
        started = true;
    }

    private void killInside() throws IOException, InterruptedException {
        if (started) {
            client(List.of(
                    docker,
                    "exec",
                    name,
                    "/bin/sh",
                    "-c",
                    KILL_BY_COOKIE_SCRIPT,
                    "codebuild-kill",
                    LocalProcessExecutor.COOKIE + "=" + cookie));
        }
    }

    /** Removes the container, and with it every process the build left running. */
    @Override
    public synchronized void killRemaining() throws IOException, InterruptedException {
        host.killRemaining();
        if (started) {
            // A cancel running at the same moment can end a docker client mid-way: try again until the
            // container is gone, since a container left behind would keep the build's processes alive.
            for (int attempt = 0; attempt < 5; attempt++) {
                Result rm = client(List.of(docker, "rm", "-f", name));
                Result left = client(List.of(docker, "ps", "-aq", "--filter", "name=^/" + name + "$"));
                if (left.code == 0 && left.output.isBlank()) {
                    break;
                }
                Thread.sleep(200L * (attempt + 1));
            }
            started = false;
        }
    }

    private record Result(int code, String output) {}

    private Result client(List<String> cmd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int code = host.start(cmd, clientEnvironment, System.getProperty("java.io.tmpdir"), out)
                    .waitFor();
            return new Result(code, out.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while running " + cmd.get(1));
        }
    }

    @Override
    public void writeFile(String path, String content) throws IOException {
        host.writeFile(path, content);
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        return host.readFile(path);
    }

    @Override
    public void createDirectory(String path, boolean shared) throws IOException {
        host.createDirectory(path, shared);
    }

    @Override
    public void removeStale(String parent, String family) throws IOException {
        host.removeStale(parent, family);
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        host.deleteRecursively(path);
    }
}
