# The build keeper of BuildKeeper: one per build, started as `perl -e SCRIPT PRCTL SETSID` with the
# build's cookie as its only variable. It makes itself a child subreaper and the leader of a new session,
# so that every process the build's commands start, even one that cleared its environment and was
# orphaned, stays its descendant. It ignores TERM, INT, HUP, QUIT and PIPE so that it outlives what it
# guards.
#
# Requests on standard input:
#   r ID LEN\n + LEN bytes: run a command; the bytes are NUL-separated fields:
#                           directory, argc, argv..., NAME=value...
#   c ID\n                  the runner has opened command ID's output; the keeper lets go of its end
# Replies on standard output, one line each:
#   k PID                   ready
#   s ID PID FD             started: the command's output is the pipe /proc/<keeper>/fd/FD
#   e ID MESSAGE            could not start: nothing runs
#   x ID STATUS             ended: the exit code, 128 + N for signal N as shells report it
# At end of input it takes no more requests, and exits once its last descendant is gone.
use strict;
my ($prctl, $setsid) = @ARGV;
if (syscall($prctl + 0, 36, 1, 0, 0, 0) != 0) {
    syswrite STDOUT, "f prctl: $!\n";
    exit 1;
}
syscall($setsid + 0);
$SIG{$_} = 'IGNORE' for qw(TERM INT HUP QUIT PIPE);
# An empty handler, so that a child's end interrupts the select below.
$SIG{CHLD} = sub { };
my (%ids, %outputs);
my $input = '';
my $open = 1;

sub reply { syswrite STDOUT, $_[0] . "\n" }

sub reap {
    while ((my $pid = waitpid(-1, 1)) > 0) {
        my $id = delete $ids{$pid};
        next unless defined $id;
        my $status = $?;
        reply("x $id " . (($status & 127) ? 128 + ($status & 127) : $status >> 8));
    }
}

sub start {
    my ($id, $request) = @_;
    my ($directory, $argc, @rest) = split /\0/, $request, -1;
    my @argv = splice(@rest, 0, $argc);
    my %env = map { /^([^=]*)=(.*)$/s ? ($1, $2) : () } @rest;
    my ($r, $w, $er, $ew);
    unless (pipe($r, $w) && pipe($er, $ew)) {
        return reply("e $id pipe: $!");
    }
    my $pid = fork;
    if (!defined $pid) {
        return reply("e $id fork: $!");
    }
    if ($pid == 0) {
        $SIG{$_} = 'DEFAULT' for qw(TERM INT HUP QUIT PIPE CHLD);
        close $r;
        close $er;
        open STDIN, '<', '/dev/null';
        open STDOUT, '>&', $w;
        open STDERR, '>&', $w;
        close $w;
        if (!chdir $directory) {
            syswrite $ew, "error=" . ($! + 0) . ", $!";
            CORE::exit(127);
        }
        %ENV = %env;
        exec { $argv[0] } @argv;
        # The error pipe closes on a successful exec; it carries the reason of a failed one.
        syswrite $ew, "error=" . ($! + 0) . ", $!";
        CORE::exit(127);
    }
    close $w;
    close $ew;
    my $error = '';
    while (1) {
        my $n = sysread($er, $error, 4096, length $error);
        last if defined $n ? $n == 0 : !$!{EINTR};
    }
    close $er;
    if ($error ne '') {
        waitpid($pid, 0);
        close $r;
        $error =~ s/\n/ /g;
        return reply("e $id $error");
    }
    $ids{$pid} = $id;
    $outputs{$id} = $r;
    reply("s $id $pid " . fileno($r));
}

sub requests {
    while (1) {
        if ($input =~ /^r (\d+) (\d+)\n/) {
            my ($id, $length) = ($1, $2);
            my $header = length($1) + length($2) + 4;
            return if length($input) < $header + $length;
            my $request = substr($input, $header, $length);
            substr($input, 0, $header + $length) = '';
            start($id, $request);
        } elsif ($input =~ s/^c (\d+)\n//) {
            close(delete $outputs{$1}) if $outputs{$1};
        } elsif ($input =~ /\n/ || length($input) > 64) {
            # not a request: end, as if the runner had gone
            $open = 0;
            return;
        } else {
            return;
        }
    }
}

reply("k $$");
while ($open) {
    reap();
    my $in = '';
    vec($in, 0, 1) = 1;
    # The timeout bounds the wait for a child that ended just before select began.
    my $n = select(my $ready = $in, undef, undef, 0.05);
    next unless $n > 0;
    my $got = sysread(STDIN, $input, 65536, length $input);
    if (!$got) {
        next if !defined $got && $!{EINTR};
        last;
    }
    requests();
}
close $_ for values %outputs;
%outputs = ();
reap();
while ((my $pid = waitpid(-1, 0)) > 0) {
    my $id = delete $ids{$pid};
    next unless defined $id;
    my $status = $?;
    reply("x $id " . (($status & 127) ? 128 + ($status & 127) : $status >> 8));
}
exit 0;
