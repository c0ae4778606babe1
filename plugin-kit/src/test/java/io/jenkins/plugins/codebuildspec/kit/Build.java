package io.jenkins.plugins.codebuildspec.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One build of a job on the kit's Jenkins. */
record Build(JenkinsController jenkins, String job, int number) {
    String path() {
        return "job/" + job + "/" + number + "/";
    }

    /** Waits until the build is over; returns its result (SUCCESS, FAILURE, UNSTABLE, ABORTED). */
    String awaitResult(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode build = json();
            if (!build.path("building").asBoolean(true) && !build.path("result").isNull()) {
                keepConsole();
                return build.path("result").asText();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                path() + " still running after " + timeout.toSeconds() + " s; console so far:\n" + console());
    }

    String awaitResult() throws IOException, InterruptedException {
        return awaitResult(Duration.ofMinutes(3));
    }

    /** Every finished build's console is kept under target/kit-consoles, to read when a scenario fails. */
    private void keepConsole() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Kit.target().resolve("kit-consoles"));
        Files.writeString(dir.resolve(job + "-" + number + ".txt"), console());
    }

    JsonNode json() throws IOException, InterruptedException {
        return jenkins.json(path());
    }

    String console() throws IOException, InterruptedException {
        return jenkins.get(path() + "consoleText");
    }

    /** Waits until the console shows {@code text}, as a user watching it would. */
    void awaitConsole(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (console().contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                path() + ": '" + text + "' not in the console after " + timeout.toSeconds() + " s:\n" + console());
    }

    void stop() throws IOException, InterruptedException {
        jenkins.post(path() + "stop", "application/x-www-form-urlencoded", "");
    }
}
