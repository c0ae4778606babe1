package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A keeper process, so that killing finds every process the build's commands left, even one that
 * cleared its environment (and with it the cookie: {@code env -i sleep 300 &}, {@code sudo}, daemons).
 * Java cannot call {@code prctl}, so a few lines of perl do: the keeper makes itself a child subreaper
 * (Linux 3.4+) and the leader of a new session, and runs commands as its children. Orphans are
 * re-parented to it instead of to init, so they remain its descendants; it carries the cookie, so
 * killing finds it and them. On this machine one keeper serves a whole build ({@link BuildKeeper}: a
 * command costs a fork in it); the shell server of a container runs {@link #SCRIPT} in front of each
 * command. Where perl or the system call is missing the commands run as before (cookie and process tree
 * only).
 */
final class Subreaper {
    /**
     * The keeper of one command: {@code perl -e SCRIPT PRCTL SETSID argv...}. The parent waits for the exit status on a
     * pipe; the child, which ignores TERM so that it outlives what it guards, exits once it has no child.
     * Perl's own variables (PERL5OPT could load modules into the keeper) are passed renamed and restored
     * for the command.
     */
    static final String SCRIPT =
            """
            my ($prctl, $setsid) = (shift, shift);
            for (keys %ENV) { $ENV{$1} = delete $ENV{$_} if /^__CODEBUILD_KEEP_(PERL.*)/ }
            pipe(my $r, my $w) or exec {$ARGV[0]} @ARGV;
            my $k = fork;
            defined $k or exec {$ARGV[0]} @ARGV;
            if ($k == 0) {
              close $r;
              syscall($prctl, 36, 1, 0, 0, 0);
              syscall($setsid);
              $SIG{$_} = 'IGNORE' for qw(TERM INT HUP QUIT PIPE);
              my $s = fork;
              if (defined $s && $s == 0) {
                close $w;
                $SIG{$_} = 'DEFAULT' for qw(TERM INT HUP QUIT PIPE);
                exec {$ARGV[0]} @ARGV or exit 127;
              }
              defined $s or exit 126;
              open STDIN, '<', '/dev/null';
              while ((my $p = waitpid(-1, 0)) > 0) {
                next unless $p == $s;
                my $st = $?;
                syswrite $w, (($st & 127) ? 128 + ($st & 127) : $st >> 8) . "\\n";
                close $w;
                open STDOUT, '>', '/dev/null';
                open STDERR, '>&', \\*STDOUT;
              }
              exit 0;
            }
            close $w;
            my $code = <$r>;
            exit(defined $code ? $code : 255);
            """;

    /** The prefix of renamed perl variables, see {@link #SCRIPT}. */
    static final String KEEP = "__CODEBUILD_KEEP_";

    private static volatile Optional<Subreaper> probed;

    private final String perl;
    private final int[] numbers;

    private Subreaper(String perl, int[] numbers) {
        this.perl = perl;
        this.numbers = numbers;
    }

    /** The keeper of this machine, probed once: empty where it cannot work (not Linux, no perl, no prctl). */
    static Optional<Subreaper> local() {
        Optional<Subreaper> p = probed;
        if (p == null) {
            p = probe();
            probed = p;
        }
        return p;
    }

    /** {@code prctl} and {@code setsid} system call numbers for {@code os.arch}; empty where not known. */
    static Optional<int[]> syscalls(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(new int[] {157, 112});
            case "aarch64", "arm64", "riscv64" -> Optional.of(new int[] {167, 157});
            default -> Optional.empty();
        };
    }

    private static Optional<Subreaper> probe() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return Optional.empty();
        }
        Optional<int[]> numbers = syscalls(System.getProperty("os.arch", ""));
        Optional<String> perl = onPath("perl");
        if (numbers.isEmpty() || perl.isEmpty()) {
            return Optional.empty();
        }
        Subreaper candidate = new Subreaper(perl.get(), numbers.get());
        return candidate.works() ? Optional.of(candidate) : Optional.empty();
    }

    /**
     * Whether a build keeper starts here (perl runs, {@code prctl} works) and a command run by it reports
     * its output and exit code (its output pipe opens through {@code /proc}).
     */
    private boolean works() {
        BuildKeeper keeper = null;
        try {
            keeper = keeper("CODEBUILD_LOCAL_KEEPER_PROBE=1");
            BuildKeeper.Started started = keeper.start(List.of(perl, "-e", "print 'ok'; exit 3"), Map.of(), "/");
            var out = new java.io.ByteArrayOutputStream();
            try (var in = started.output()) {
                in.transferTo(out); // not readAllBytes: a FileInputStream's seeks fail on a pipe
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8).equals("ok")
                    && started.exit().get(10, java.util.concurrent.TimeUnit.SECONDS) == 3;
        } catch (IOException
                | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException
                | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (keeper != null) {
                keeper.retire();
            }
        }
    }

    /** A new keeper for one build; {@code cookie} (NAME=value) is its only variable. */
    BuildKeeper keeper(String cookie) throws IOException {
        return BuildKeeper.start(perl, numbers, cookie);
    }

    private static Optional<String> onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, name);
            if (f.isAbsolute() && f.canExecute() && f.isFile()) {
                return Optional.of(f.getPath());
            }
        }
        return Optional.empty();
    }
}
