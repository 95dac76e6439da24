#!/bin/sh
# tests/echoserver.t: user/echoserver.c on two serial lines at once. QEMU
# gets COM2 and COM3 on Unix sockets (scripts/qemu --serial); the test waits
# for the server's ready line on the console, talks to both lines in turn and
# together, checks every echo, checks that the console's heartbeat goes on
# while both connection tasks wait for input, closes both lines and checks
# that coop powers off with init's 0. It does so for both styles, a task per
# line and one task polling, and then checks that with no extra line the
# server says so and exits 1. The consoles are kept in build/test-logs/.
#
# scripts/run-test runs every *.t with sh: the Perl starts at the #!perl line.
cd "$(dirname "$0")/.." || exit 1
exec perl -x "$0" "$@"
#!perl
use strict;
use warnings;
use File::Temp qw(tempdir);
use IO::Select;
use IO::Socket::UNIX;
use POSIX ();
use Test::More;
use Time::HiRes qw(time);

my $BUILD        = $ENV{BUILD} // 'build';
my $WAIT_SECS    = 20;  # the limit on any one wait: only so that a broken run ends
my $QEMU_SECS    = 60;  # scripts/qemu's limit on a whole boot
my $HEARTBEAT_MS = 20;  # quick beats, so that waiting for two of them is short
my $BURST        = 40;  # lines sent to each serial line at once
my $CTRL_D       = "\x04";
my $TEXT_MAX     = 255; # the longest line the server echoes in one piece (user/echoserver.c)
my $CONSOLE_TAIL = 15;  # console lines shown when something failed

$SIG{PIPE} = 'IGNORE';  # a write to a line whose QEMU has gone fails, and says so

# One boot: QEMU's console (a pipe from scripts/qemu), the serial lines'
# sockets, what has come from each and has not been looked at yet.
my %boot;

# boot NAME ARGS LINES...: start scripts/qemu headless with the kernel
# command line ARGS and a socket for each serial line named, in order (the
# first is COM2, so: com2, com3). The console goes to test-logs/echoserver-NAME.log.
sub boot {
    my ($name, $args, @lines) = @_;
    my $dir = tempdir('coop-echo.XXXXXX', TMPDIR => 1, CLEANUP => 1);
    my @cmd = ('scripts/qemu', '--headless', '--timeout', $QEMU_SECS, '--args', $args);
    push @cmd, '--serial', "unix:$dir/$_.sock,server=on,wait=off" for @lines;
    mkdir "$BUILD/test-logs";
    open(my $log, '>', "$BUILD/test-logs/echoserver-$name.log") or die "log: $!";
    my $pid = open(my $console, '-|') // die "fork: $!";
    if ($pid == 0) {
        POSIX::setpgid(0, 0);  # one group, so that cleanup can stop QEMU too
        open(STDERR, '>&', \*STDOUT);
        { exec @cmd }
        print "exec scripts/qemu: $!\n";
        POSIX::_exit(127);  # not exit: Test::More's END block is the parent's
    }
    %boot = (pid => $pid, dir => $dir, log => $log, console => $console, lines => [],
             partial => '', next => 0, fh => {console => $console}, buf => {});
}

# connect_line NAME: connect to serial line NAME's socket (QEMU made it
# before the guest started, so it is there once the server is ready).
sub connect_line {
    my ($name) = @_;
    my $sock = IO::Socket::UNIX->new(Peer => "$boot{dir}/$name.sock");
    $boot{fh}{$name} = $sock if $sock;
    $boot{buf}{$name} = '';
    return ok($sock, "$name: the test connects to its socket") || diag("connect: $!");
}

# Take what the console has printed: whole lines into $boot{lines}.
sub take_console {
    my ($data) = @_;
    print { $boot{log} } $data;
    $data =~ tr/\r//d;
    $boot{partial} .= $data;
    push @{ $boot{lines} }, $1 while $boot{partial} =~ s/^(.*)\n//;
}

# pump SECS: wait up to SECS for anything from QEMU, and take it.
sub pump {
    my ($secs) = @_;
    return select(undef, undef, undef, $secs) if !%{ $boot{fh} };  # nothing left to wait on
    my %name_of = map { $boot{fh}{$_} => $_ } keys %{ $boot{fh} };
    my @ready = IO::Select->new(values %{ $boot{fh} })->can_read($secs);
    for my $fh (@ready) {
        my $name = $name_of{$fh};
        my $n = sysread($fh, my $data, 65536);
        if (!$n) {  # QEMU has gone (or a line was closed)
            delete $boot{fh}{$name};
            next;
        }
        if   ($name eq 'console') { take_console($data) }
        else                      { $boot{buf}{$name} .= $data }
    }
}

# wait_until COND: pump until COND returns true, or $WAIT_SECS pass.
sub wait_until {
    my ($cond) = @_;
    my $deadline = time + $WAIT_SECS;
    until ($cond->()) {
        return 0 if time >= $deadline;
        pump($deadline - time);
    }
    return 1;
}

# console_wait MATCH: wait for a console line after the last one matched
# that MATCH (a regex, or a sub given the line) accepts; returns the line.
sub console_wait {
    my ($match) = @_;
    my $test = ref $match eq 'CODE' ? $match : sub { $_[0] =~ $match };
    my $found;
    wait_until(sub {
        my $lines = $boot{lines};
        while ($boot{next} < @$lines) {
            my $line = $lines->[ $boot{next}++ ];
            return $found = $line if $test->($line);
        }
        return 0;
    });
    return $found;
}

# last_beat: the highest heartbeat number the console has shown so far.
sub last_beat {
    pump(0);
    my $beat = 0;
    for (@{ $boot{lines} }) { $beat = $1 if /^echoserver: heartbeat (\d+) / && $1 > $beat }
    return $beat;
}

# say_to LINE TEXT: send TEXT down serial line LINE.
sub say_to {
    my ($line, $text) = @_;
    my $sock = $boot{fh}{$line} or return;
    syswrite($sock, $text) // diag("$line: cannot send: $!");
}

# visible TEXT: TEXT with its CRs and other control bytes shown, for a
# diagnostic: "\r\n" and "\n" must not look the same.
sub visible {
    my ($text) = @_;
    $text =~ s/\r/\\r/g;
    $text =~ s/([\x00-\x09\x0b-\x1f])/sprintf('\\x%02x', ord $1)/ge;
    return $text;
}

# reply_is LINE WANT WHAT: the next bytes from LINE are exactly WANT.
sub reply_is {
    my ($line, $want, $what) = @_;
    wait_until(sub { length $boot{buf}{$line} >= length $want || !$boot{fh}{$line} });
    my $got = substr($boot{buf}{$line}, 0, length $want, '');
    return is(visible($got), visible($want), "$what ($line)");
}

# finish [NOW]: wait for QEMU to end (stopping it if it does not, or at
# once with NOW) and return scripts/qemu's exit status.
sub finish {
    my ($now) = @_;
    wait_until(sub { !$boot{fh}{console} }) if !$now;
    kill 'TERM', -$boot{pid} if $boot{fh}{console};  # still there: stop the whole group
    close $boot{fh}{$_} for grep { $_ ne 'console' } keys %{ $boot{fh} };
    close $boot{console};  # waits for scripts/qemu, and sets $?
    close $boot{log};
    return $? >> 8;
}

# If anything failed, the end of the console, where prove shows it; of
# each run of heartbeats only the last, which says how far they went.
sub show_console {
    my ($name) = @_;
    return if Test::More->builder->is_passing;
    my @all = (@{ $boot{lines} }, $boot{partial});
    my $beat = qr/^echoserver: heartbeat /;
    my @lines = map { $all[$_] } grep { !($all[$_] =~ $beat && ($all[ $_ + 1 ] // '') =~ $beat) } 0 .. $#all;
    splice @lines, 0, @lines - $CONSOLE_TAIL if @lines > $CONSOLE_TAIL;
    diag("last lines of the console ($BUILD/test-logs/echoserver-$name.log):");
    diag("  | $_") for @lines;
}

# echo_of TEXT: what the server sends back for the line TEXT.
sub echo_of { return "echo: $_[0]\r\n" }

# talk MODE STYLE: the conversation with a server in MODE (tasks or poll),
# which says STYLE in its ready line. Returns false if it could not begin.
sub talk {
    my ($mode, $style) = @_;
    ok(console_wait(qr/^echoserver: ready: com2 com3, \Q$style\E$/),
       "$mode: the server is ready on com2 and com3, $style") or return 0;
    connect_line('com2') && connect_line('com3') or return 0;

    # Interleaved: a line on one, a line on the other, then the first again.
    say_to('com2', "hello, com2\n");
    reply_is('com2', echo_of('hello, com2'), "$mode: a line is echoed");
    say_to('com3', "hello, com3\r\n");
    reply_is('com3', echo_of('hello, com3'), "$mode: a line ended by CR LF is echoed, once");
    say_to('com2', "again\n");
    reply_is('com2', echo_of('again'), "$mode: the first line's next line is echoed");

    # Both lines wait for input, com2 in the middle of a line: the heartbeat
    # task goes on all the same.
    say_to('com2', 'half a ');
    my $beat = last_beat();
    ok(console_wait(sub { $_[0] =~ /^echoserver: heartbeat (\d+) / && $1 >= $beat + 2 }),
       "$mode: the heartbeat goes on while both lines wait for input (beat $beat, then two more)");
    say_to('com2', "line\n");
    reply_is('com2', echo_of('half a line'), "$mode: a line sent in two halves is echoed whole");
    say_to('com3', 'x' x ($TEXT_MAX + 1) . "\n");
    reply_is('com3', echo_of('x' x $TEXT_MAX) . echo_of('x'),
             "$mode: a line longer than $TEXT_MAX bytes comes back in pieces");

    # Both lines at once: every line of each burst comes back, in order.
    for my $i (1 .. $BURST) {
        say_to('com2', "com2 line $i\n");
        say_to('com3', "com3 line $i\r");
    }
    reply_is('com2', join('', map { echo_of("com2 line $_") } 1 .. $BURST),
             "$mode: $BURST lines sent to both lines at once all come back, in order (LF ends)");
    reply_is('com3', join('', map { echo_of("com3 line $_") } 1 .. $BURST),
             "$mode: and on the other line too (CR ends)");
    my ($com2, $com3) = (3 + $BURST, 3 + $BURST);
    my $total = $com2 + $com3;
    ok(console_wait(qr/^echoserver: heartbeat \d+ \($total lines echoed\)$/),
       "$mode: the heartbeat task counts the $total lines the line tasks echoed");

    # Closing one line leaves the other served.
    say_to('com2', "quit\n");
    reply_is('com2', "bye\r\n", "$mode: quit closes the line");
    ok(console_wait(qr/^echoserver: com2 closed after $com2 lines$/),
       "$mode: the console says com2 closed after $com2 lines");
    say_to('com3', "still here\n");
    reply_is('com3', echo_of('still here'), "$mode: the other line is still echoed");
    say_to('com3', $CTRL_D);
    reply_is('com3', "bye\r\n", "$mode: Ctrl-D closes it");
    $total++;
    ok(console_wait(qr/^echoserver: every line closed, $total lines echoed$/),
       "$mode: the server ends when every line has closed");
    return 1;
}

# serve MODE STYLE: boot the server with COM2 and COM3, talk, power off.
sub serve {
    my ($mode, $style) = @_;
    boot($mode, "init=echoserver test -- $mode $HEARTBEAT_MS", 'com2', 'com3');
    my $talked = talk($mode, $style);
    is(finish(!$talked), 0, "$mode: coop powers off: init exited 0");
    show_console($mode);
}

serve('tasks', 'one task per line');
serve('poll', 'one task polling all lines');

boot('none', "init=echoserver test -- tasks $HEARTBEAT_MS");
ok(console_wait(qr/^echoserver: no serial lines/), 'no extra serial line: the server says so');
is(finish(), 1, 'and exits 1');
show_console('none');

done_testing();
