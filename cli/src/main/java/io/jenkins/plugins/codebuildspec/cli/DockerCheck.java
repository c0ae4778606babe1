package io.jenkins.plugins.codebuildspec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Before a batch whose builds name images starts: is there a Docker engine, and does it have each image?
 * Says which build asked for what, and how to run without containers, instead of failing build by build.
 */
final class DockerCheck {
    private static final long WAIT_SECONDS = 60;

    private DockerCheck() {}

    /** Why the builds cannot run in their images, if they cannot; {@code images}: build id → image. */
    static Optional<String> problem(String docker, Map<String, String> clientEnvironment, Map<String, String> images)
            throws InterruptedException {
        if (images.isEmpty()) {
            return Optional.empty();
        }
        String first = images.keySet().iterator().next();
        Result engine = run(docker, clientEnvironment, List.of("version", "--format", "{{.Server.Version}}"));
        if (engine.exit != 0) {
            return Optional.of("build " + first + " runs in image " + images.get(first)
                    + " (its env.image), which needs a Docker engine, and none answers (" + engine.output
                    + "); start one (or set DOCKER_HOST), or run the builds on this machine with --no-build-images");
        }
        for (String image : new LinkedHashSet<>(images.values())) {
            Result inspect = run(docker, clientEnvironment, List.of("image", "inspect", "--format", "{{.Id}}", image));
            if (inspect.exit != 0) {
                List<String> users = new ArrayList<>();
                images.forEach((id, i) -> {
                    if (i.equals(image)) {
                        users.add(id);
                    }
                });
                return Optional.of("image " + image + " (env.image of " + String.join(", ", users)
                        + ") is not in the Docker engine, and none is pulled here: docker pull " + image
                        + " first, or run the builds on this machine with --no-build-images");
            }
        }
        return Optional.empty();
    }

    private record Result(int exit, String output) {}

    private static Result run(String docker, Map<String, String> environment, List<String> args)
            throws InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(docker);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, docker + " did not answer in " + WAIT_SECONDS + " s");
            }
            String last = output.lines().reduce((a, b) -> b).orElse("");
            return new Result(p.exitValue(), last.isEmpty() ? "exit status " + p.exitValue() : last);
        } catch (IOException e) {
            return new Result(-1, "cannot start " + docker + ": " + e.getMessage());
        }
    }
}
