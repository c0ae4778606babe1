package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks {@code runtime-versions} against what is installed. CodeBuild installs the runtime; this
 * runner cannot, so it reports a mismatch and names a container image that has the right one.
 */
final class RuntimeVersions {
    /** How to ask for a runtime's version, how to read the answer, and an image that has it. */
    record Runtime(String command, Pattern version, String image) {}

    static final Map<String, Runtime> KNOWN = Map.ofEntries(
            Map.entry(
                    "python",
                    new Runtime("python3 --version", Pattern.compile("Python (\\d+(?:\\.\\d+)*)"), "python:%s")),
            Map.entry("nodejs", new Runtime("node --version", Pattern.compile("v(\\d+(?:\\.\\d+)*)"), "node:%s")),
            Map.entry(
                    "java",
                    new Runtime(
                            "java -version 2>&1",
                            Pattern.compile("version \"(\\d+(?:\\.\\d+)*)"),
                            "eclipse-temurin:%s")),
            Map.entry("golang", new Runtime("go version", Pattern.compile("go(\\d+(?:\\.\\d+)*)"), "golang:%s")),
            Map.entry(
                    "dotnet",
                    new Runtime(
                            "dotnet --version",
                            Pattern.compile("(\\d+(?:\\.\\d+)*)"),
                            "mcr.microsoft.com/dotnet/sdk:%s")),
            Map.entry("ruby", new Runtime("ruby --version", Pattern.compile("ruby (\\d+(?:\\.\\d+)*)"), "ruby:%s")),
            Map.entry("php", new Runtime("php --version", Pattern.compile("PHP (\\d+(?:\\.\\d+)*)"), "php:%s")));

    /** One finding: what was asked, what was found, what to do. */
    record Check(String runtime, String requested, Optional<String> found, boolean matches, String message) {}

    private RuntimeVersions() {}

    static List<Check> check(Map<String, String> requested, Probe probe) throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, String> entry : requested.entrySet()) {
            String name = entry.getKey();
            String want = entry.getValue().trim();
            Runtime runtime = KNOWN.get(name.toLowerCase(Locale.ROOT));
            if (runtime == null) {
                checks.add(new Check(
                        name,
                        want,
                        Optional.empty(),
                        true,
                        "runtime-versions: " + name + " " + want
                                + " cannot be checked here (known: "
                                + String.join(", ", new java.util.TreeSet<>(KNOWN.keySet()))
                                + "); make sure the machine or image has it"));
                continue;
            }
            Probe.Result result = probe.run(runtime.command() + "\n");
            Matcher m = runtime.version().matcher(result.output());
            String wantVersion = want.replaceAll("^[A-Za-z]+", "");
            String image = String.format(runtime.image(), wantVersion.replace(".x", ""));
            if (!result.ok() || !m.find()) {
                checks.add(new Check(
                        name,
                        want,
                        Optional.empty(),
                        false,
                        "runtime-versions: " + name + " " + want
                                + " is requested but '" + runtime.command().replace(" 2>&1", "") + "' found no " + name
                                + " here; run the build in an image that has it, e.g. " + image));
                continue;
            }
            String found = m.group(1);
            boolean ok = matches(wantVersion, found);
            checks.add(new Check(
                    name,
                    want,
                    Optional.of(found),
                    ok,
                    ok
                            ? "runtime-versions: " + name + " " + want + " requested, " + found + " found"
                            : "runtime-versions: " + name + " " + want + " is requested but " + found + " is installed;"
                                    + " CodeBuild would install " + want
                                    + ", this runner cannot. Run the build in an image"
                                    + " that has it, e.g. " + image));
        }
        return checks;
    }

    /** {@code latest} and {@code 3.x} match any 3; {@code 3.9} matches 3.9.x; {@code corretto17} matches 17. */
    static boolean matches(String want, String found) {
        if (want.isEmpty() || want.equalsIgnoreCase("latest")) {
            return true;
        }
        String[] w = want.split("\\.");
        String[] f = found.split("\\.");
        // Java 8 reports itself as 1.8
        if (f.length > 1 && f[0].equals("1") && !w[0].equals("1")) {
            f = java.util.Arrays.copyOfRange(f, 1, f.length);
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i].equalsIgnoreCase("x")) {
                return true;
            }
            if (i >= f.length || !stripZeros(w[i]).equals(stripZeros(f[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String s) {
        String t = s.replaceFirst("^0+(?=\\d)", "");
        return t;
    }
}
