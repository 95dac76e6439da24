#!/bin/sh
# tests/shell.t: the shell (user/sh.c), driven as a student drives it: coop
# boots with the shell as init (no init=, under sched=coop), and this script
# types command lines into the serial console, waits for what the shell
# prints and for its next prompt, and checks it: a program with arguments,
# the line editing, pipelines, a background job with jobs and wait, ps
# showing blocked tasks and what they wait on, kill, Ctrl-C of a CPU hog
# that never makes a system call, errors, the tour, keys typed on the PS/2
# keyboard, and exit with a code, which becomes coop's power-off code. A
# second boot, under sched=preempt, ends a background hog with wait and
# Ctrl-C, and the shell with Ctrl-D.
#
# QEMU is started by scripts/qemu as `make run` starts it (the console on
# QEMU's stdio, multiplexed with its monitor), with its stdin and stdout on
# pipes to this script. Every wait has a time limit (WAIT_SECS) and fails
# the test when it runs out; nothing is asserted about how long anything
# took.
#
# The driver is the Perl below (perl -x starts at its #! line). The whole
# console of each boot is kept in build/test-logs/shell-*.log.
cd "$(dirname "$0")/.." || exit 1
exec perl -x tests/shell.t
#!perl
use strict;
use warnings;
use IPC::Open3;
use IO::Select;
use Time::HiRes qw(time);

my $BUILD     = $ENV{BUILD} // 'build';
my $WAIT_SECS = 30;       # the most any one wait for the console may take
my $PROMPT    = 'coop$ ';
mkdir "$BUILD/test-logs";

my $n = 0;

# ok(COND, NAME, [DIAGNOSTIC]): one TAP line; the diagnostic goes after a
# failure. (The prototype makes COND scalar: a failed match is false, not
# an empty list that would shift the arguments.)
sub ok($$;$) {
    my ($cond, $name, $diag) = @_;
    $n++;
    print $cond ? "ok $n - $name\n" : "not ok $n - $name\n";
    if (!$cond && defined $diag) {
        $diag =~ s/^/# /mg;
        print "$diag\n";
    }
    return $cond;
}

# A coop booted in QEMU, with its console at the other end of two pipes.
sub boot {
    my ($name, $args) = @_;
    my $log = "$BUILD/test-logs/shell-$name.log";
    open(my $logfh, '>', $log) or die "cannot write $log: $!";
    my ($to, $from);
    my $pid = open3($to, $from, undef, 'scripts/qemu', '--timeout', '60', '--args', $args);
    $to->autoflush(1);
    return {pid => $pid, to => $to, from => $from, log => $logfh, logname => $log,
            buf => '', eof => 0};
}

# Read what the console says for up to `secs`; returns false at its end.
sub pump {
    my ($vm, $secs) = @_;
    return 0 if $vm->{eof};
    my $sel = IO::Select->new($vm->{from});
    return 1 unless $sel->can_read($secs);
    my $got = sysread($vm->{from}, my $chunk, 4096);
    if (!$got) {
        $vm->{eof} = 1;
        return 0;
    }
    print { $vm->{log} } $chunk;
    $chunk =~ s/\r//g;
    $vm->{buf} .= $chunk;
    return 1;
}

# expect(VM, TEXT): wait until the console has said TEXT (a plain string);
# returns everything it said up to and including it, and forgets that, or
# undef if TEXT did not come within WAIT_SECS (or the console ended).
sub expect {
    my ($vm, $text) = @_;
    my $deadline = time + $WAIT_SECS;
    while ((my $at = index($vm->{buf}, $text)) < 0) {
        my $left = $deadline - time;
        return undef if $left <= 0 || !pump($vm, $left);
    }
    my $at = index($vm->{buf}, $text);
    my $said = substr($vm->{buf}, 0, $at + length $text);
    $vm->{buf} = substr($vm->{buf}, $at + length $text);
    return $said;
}

# type(VM, KEYS): send keys to the console, as typed.
sub type {
    my ($vm, $keys) = @_;
    print { $vm->{to} } $keys;
}

# run(VM, LINE): type LINE and Enter at the prompt; returns what the shell
# printed before its next prompt (without the echo of the line), or undef.
sub run {
    my ($vm, $line) = @_;
    type($vm, "$line\r");
    my $said = expect($vm, $PROMPT);
    return undef unless defined $said;
    $said =~ s/\A\Q$line\E\n//;
    $said =~ s/\Q$PROMPT\E\z//;
    return $said;
}

# check(VM, LINE, REGEX, NAME): run LINE, and pass if its output matches.
sub check {
    my ($vm, $line, $re, $name) = @_;
    my $said = run($vm, $line);
    ok(defined $said && $said =~ $re, $name,
       defined $said ? "typed: $line\nthe shell said:\n$said" : "typed: $line\nno prompt came back");
    return $said // '';
}

# finish(VM): wait for QEMU to end; returns its exit status (coop's power-off code).
sub finish {
    my ($vm) = @_;
    my $deadline = time + $WAIT_SECS;
    1 while time < $deadline && pump($vm, $deadline - time);
    close $vm->{to};
    waitpid($vm->{pid}, 0);
    close $vm->{log};
    return $? >> 8;
}

# What Unix's wc says of a file: lines, words, bytes.
sub wc {
    my ($file) = @_;
    open(my $fh, '<', $file) or die "cannot read $file: $!";
    local $/;
    my $text = <$fh>;
    my @words = split ' ', $text;
    return (($text =~ tr/\n//), scalar @words, length $text);
}

# ---------------------------------------------------------------- sched=coop
my $vm = boot('coop', 'test sched=coop');
my $hello = expect($vm, $PROMPT);
ok(defined $hello && $hello =~ /^coop: starting init: sh$/m && $hello =~ /type help/,
   'coop boots into the shell, which says what to type and prompts',
   $hello // "no prompt; see $vm->{logname}");

check($vm, 'help', qr/^  jobs .*^  wait .*^  kill .*^  exit .*tour.*Ctrl-C/ms,
      'help lists the builtins, the tour and the keys');

check($vm, "hello one 'two words'",
      qr/^hello, world\nargv\[0\] = "hello"\nargv\[1\] = "one"\nargv\[2\] = "two words"\n\z/,
      'a program runs with its arguments, quotes make one word');

# Line editing is the kernel's: x then Backspace, text then Ctrl-U.
type($vm, "hellx\x7fo ed\x15hello edited\r");
my $edited = expect($vm, $PROMPT);
ok(defined $edited && $edited =~ /^argv\[1\] = "edited"$/m && $edited !~ /argv\[2\]/,
   'Backspace and Ctrl-U edit the line before the shell reads it', $edited);
type($vm, "\e[A\r");
my $again = expect($vm, $PROMPT);
ok(defined $again && $again =~ /hello edited\nhello, world\n.*^argv\[1\] = "edited"$/ms,
   'the up arrow brings back the last line', $again);

my ($lines, $words, $bytes) = wc('user/files/motd.txt');
check($vm, 'cat motd.txt | wc', qr/^\s*$lines\s+$words\s+$bytes\n\z/,
      "a pipeline: cat motd.txt | wc counts $lines lines, $words words, $bytes bytes, as Unix's wc");
check($vm, 'cat motd.txt | upper | wc', qr/^\s*$lines\s+$words\s+$bytes\n\z/,
      'a pipeline of three programs');
check($vm, 'cat motd.txt | upper', qr/^WELCOME TO COOP\. EVERY FILE/, 'upper passes its input on');
# The filters take files of the initrd too, and name one they cannot open.
check($vm, 'upper motd.txt nothing.txt',
      qr/^WELCOME TO COOP\. EVERY FILE.*^upper: nothing\.txt: no such program or file\n.*exited with code 1\n\z/ms,
      'upper FILE... prints each file in capitals, and says which it cannot open');
check($vm, 'wc nothing.txt motd.txt', qr/^wc: nothing\.txt: no such program or file\n\s*$lines\s+$words\s+$bytes motd\.txt\n/,
      'wc FILE... counts each file');

# A background job and wait, which waits unless the job has ended already.
my $bg = check($vm, 'sleep 300 &', qr/^\[\d+\] running: sleep 300\n\z/,
               'sleep 300 & starts a background job and prompts at once');
my ($job) = $bg =~ /^\[(\d+)\]/;
$job //= 0;
check($vm, 'wait', qr/^(\[$job\] waiting: sleep 300\n)?\[$job\] done: sleep 300\n\z/,
      'wait waits for it and says it is done');
check($vm, 'jobs', qr/^no background jobs\n\z/, 'then jobs has nothing left');
$bg = check($vm, 'cat & ', qr/^\[\d+\] running: cat\n\z/, 'a background job that reads its input...');
($job) = $bg =~ /^\[(\d+)\]/;
$job //= 0;
check($vm, 'wait', qr/^(\[$job\] waiting: cat\n)?\[$job\] done: cat\n\z/,
      '... gets end of input at once, not the console\'s lines');

# ps: a pipeline in the background, blocked on its channel and the timer.
$bg = check($vm, 'sleep 100000 | cat &', qr/^\[\d+\] running: sleep 100000 \| cat\n\z/,
            'a background pipeline');
($job) = $bg =~ /^\[(\d+)\]/;
$job //= 0;
check($vm, 'jobs', qr/^\[$job\] running: sleep 100000 \| cat\n\z/, 'jobs lists it as running');
my $ps = check($vm, 'ps', qr/^ *TASK PROGRAM +PARENT +JOB STATE +WAITS$/m,
               'ps prints a header');
ok($ps =~ /^ *1 sh +0 +1 running *$/m, 'ps shows the shell, task 1, running', $ps);
ok($ps =~ /^ *$job sleep +1 +$job sleeping +on the timer \(\d+ ms left\)$/m,
   'ps shows sleep asleep, on the timer, in its job', $ps);
ok($ps =~ /^ *\d+ cat +1 +$job blocked +on channel \d+, to receive$/m,
   'ps shows cat blocked on the channel from sleep, in the same job', $ps);
check($vm, "kill $job", qr/^\[$job\] sleep: killed\n\[$job\] cat: killed\n\[$job\] done: sleep 100000 \| cat\n\z/,
      'kill JOB kills every program of the job, and the shell says so');
check($vm, 'kill 1', qr/that is this shell/, 'kill will not kill the shell itself');
check($vm, 'kill 99999', qr/^sh: kill 99999: no such task\n\z/, 'kill of no task says so');
check($vm, 'kill 2147483647', qr/^sh: kill 2147483647: no such task\n\z/,
      'kill takes an id of 10 digits, the biggest there is (firsttid=)');
check($vm, 'kill 2147483648', qr/^sh: kill 2147483648: not a job number or a task id \(1 to 2147483647\)\n\z/,
      'and refuses one bigger, saying what it takes');
check($vm, 'kill abc 0 -5', qr/\A(?:sh: kill (?:abc|0|-5): not a job number or a task id \(1 to 2147483647\)\n){3}\z/,
      'and what is not a number, 0, or negative');

# Ctrl-C of a hog that never makes a system call, under sched=coop.
type($vm, "spin\r");
my $spin = expect($vm, "Ctrl-C ends me\n");
ok(defined $spin, 'spin starts, and spins', $spin);
type($vm, "\x03");
my $stopped = expect($vm, $PROMPT);
ok(defined $stopped && $stopped =~ /^\^C\nspin: killed\n\Q$PROMPT\E\z/,
   'Ctrl-C ends the foreground job (the kernel does, from the serial interrupt)', $stopped);
$ps = check($vm, 'ps', qr/^ *1 sh /m, 'the shell goes on after Ctrl-C');
ok($ps !~ /spin/, 'spin is gone', $ps);

# Ctrl-C at the prompt, with no job to end: the line typed so far goes, and
# a new prompt comes (the kernel hands the shell an empty line).
type($vm, "half a line\x03");
my $cancelled = expect($vm, $PROMPT);
ok(defined $cancelled && $cancelled =~ /^half a line\^C\n\Q$PROMPT\E\z/,
   'Ctrl-C at the prompt discards the line and gives a new prompt', $cancelled);

# Errors the shell explains.
check($vm, 'cat motd.txt > out',
      qr/^sh: no redirection: coop has no file system; use cat FILE \| \.\.\.\n/,
      'redirection is refused, with what to do instead');
check($vm, "hello 'unclosed", qr/^sh: a quote is not closed\n/, 'an unclosed quote is refused');
check($vm, 'nosuch', qr/^sh: nosuch: no such program or file\n\z/, 'no such program');
check($vm, 'cat motd.txt | nosuch', qr/^sh: nosuch: no such program or file\n\z/,
      'no such program in a pipeline: the rest is not left running');
check($vm, 'motd.txt', qr/^sh: motd.txt: not a coop executable\n\z/, 'a data file does not run');
check($vm, 'ps | wc', qr/^sh: ps is a builtin/, 'a builtin is not in a pipeline');
# (In columns, down then across: where a name lands depends on how many
# files there are, so only that they are there is checked.)
my $ls = check($vm, 'ls', qr/^aaa_tiny +\S(?=.*\bhello\b)(?=.*\bmotd\.txt\b)/s,
                'ls lists the programs and the data files, in columns');
ok($ls !~ /\.sym\b/ && $ls !~ / +\n/, 'ls leaves the symbol tables out, and no blanks end a line', $ls);
my $long = check($vm, 'ls -l', qr/^program +\d+  hello\n.*^data +144  motd\.txt\n/ms,
                 'ls -l: program or data, the size, the name');
my @names = map { (split ' ')[2] } grep { /\S/ } split /\n/, $long;
ok(@names > 100 && join("\n", @names) eq join("\n", sort @names),
   'in alphabetical order, the test files made after the archive too', $long);
check($vm, 'ls -a', qr/\bhello\.sym\b/, 'ls -a: the symbol tables too');
check($vm, 'ls -z', qr/^usage: ls \[-l\] \[-a\]\n/, 'ls with a wrong option says how to use it');
check($vm, 'jobs x', qr/^sh: jobs takes no arguments\n\z/,
      'a builtin that takes no arguments says so, and does nothing');
check($vm, 'echo (a)', qr/^sh: no subshells or grouping: quote \( and \) to pass them on as they are\n/,
      'parentheses are refused, with what to do instead');
check($vm, 'crash', qr/^main: task \d+ faulted: page fault.*^crash: 4 of 4 tasks faulted/ms,
      'a program whose tasks fault runs to its end');
check($vm, 'tour', qr/^=== tour: running countdown \(1 of 5\) ===\n.*^=== tour: cakes \(task \d+\) exited with code 0 ===\n\ntour: the tour is over/ms,
      'tour runs the tour of the demos');
# ps goes by task id, though a new task takes the slot of an ended one
# in the kernel's table, which tasks() goes by: three sleeps, the middle one
# killed, a fourth in its slot. (Whether the table had the three in
# increasing or decreasing order, the fourth is then out of order in it.)
my @bgjobs;
for my $i (1 .. 4) {
    my $started = check($vm, 'sleep 100000 &', qr/^\[\d+\] running: sleep 100000\n\z/,
                        "background sleep $i");
    push @bgjobs, $started =~ /^\[(\d+)\]/ ? $1 : 0;
    check($vm, "kill $bgjobs[1]", qr/^\[$bgjobs[1]\] sleep: killed\n/, 'kill the second')
        if $i == 3;
}
$ps = check($vm, 'ps', qr/^ *1 sh /m, 'ps with a task in a reused slot');
my @ids = map { /^ *(\d+) / ? $1 : () } split /\n/, $ps;
ok(@ids == 4 && join(',', @ids) eq join(',', sort { $a <=> $b } @ids), 'ps lists the tasks by id',
   $ps);
check($vm, "kill $bgjobs[0] $bgjobs[2] $bgjobs[3]", qr/(sleep: killed\n.*){3}/s,
      'kill the other three');
$ps = check($vm, 'ps', qr/^ *1 sh /m, 'ps after all that');
my @rows = grep { /^ *\d+ / } split /\n/, $ps;
ok(@rows == 1, 'every task but the shell has ended and been collected', $ps);

# The PS/2 keyboard: the same console, typed through QEMU's monitor
# (Ctrl-A c switches the console to the monitor and back). The monitor's
# own output goes to the same stdout, so only what the shell says is checked.
sub keyboard {
    my ($vm, @keys) = @_;
    type($vm, "\x01c");
    type($vm, "sendkey $_\r") for @keys;
    type($vm, "\x01c");
}
keyboard($vm, qw(h e l l o spc k e y s ret));
my $keys = expect($vm, $PROMPT);
ok(defined $keys && $keys =~ /^hello, world\n.*^argv\[1\] = "keys"$/ms,
   'a command typed on the keyboard runs', $keys);
type($vm, "spin\r");
ok(defined expect($vm, "Ctrl-C ends me\n"), 'spin again');
keyboard($vm, 'ctrl-c');
$stopped = expect($vm, $PROMPT);
ok(defined $stopped && $stopped =~ /\^C\n/ && $stopped =~ /^spin: killed$/m,
   'Ctrl-C on the keyboard ends it too (the keyboard interrupt)', $stopped);

type($vm, "exit 7\r");
my $bye = expect($vm, 'Powering off.');
ok(defined $bye && $bye =~ /init exited with code 7/, 'exit 7 ends the shell, and coop says so', $bye);
my $status = finish($vm);
ok($status == 7, "coop powers off with the shell's exit code (7; got $status)");

# ---------------------------------------------------------------- sched=preempt
# A hog in the background (under sched=coop it would keep the CPU from the
# shell for ever), wait with Ctrl-C, and Ctrl-D.
# Its ids start at 99998 (firsttid=), so that they grow to 6 digits.
$vm = boot('preempt', 'test sched=preempt firsttid=99998');
$hello = expect($vm, $PROMPT);
ok(defined $hello, 'a second boot, under sched=preempt, prompts');
ok(defined $hello && $hello =~ /Welcome to coop/ && $hello !~ /a shell in a shell/,
   'the shell knows it is init by having no parent, whatever its id', $hello);
$bg = check($vm, 'spin &', qr/^\[\d+\] running: spin$/m, 'a CPU hog in the background');
($job) = $bg =~ /^\[(\d+)\]/;
$job //= 0;
check($vm, 'jobs', qr/^\[$job\] running: spin$/m, 'the shell still runs: the timer takes the CPU from spin');
type($vm, "wait $job\r");
my $waiting = expect($vm, "[$job] waiting: spin\n");
ok(defined $waiting, 'wait JOB makes it the foreground job...', $vm->{buf});
type($vm, "\x03");
$stopped = expect($vm, $PROMPT);
ok(defined $stopped && $stopped =~ /^\^C\n\[$job\] spin: killed\n\[$job\] done: spin\n\Q$PROMPT\E\z/,
   '... so that Ctrl-C ends it', $stopped);
check($vm, 'sleep 100000 &', qr/^\[100000\] running: sleep 100000\n\z/, 'another background job...');
$ps = check($vm, 'ps', qr/^ +TASK PROGRAM/m, 'ps with ids of 5 and 6 digits');
my @starts = map { /^( *\S+ )\S/ ? length($1) : -1 } grep { /\S/ } split /\n/, $ps;
ok(@starts == 3 && !grep({ $_ != $starts[0] } @starts), 'its columns line up', $ps);
# Ctrl-D after text hands the text over without a '\n' (as a Unix terminal
# does): what is typed next continues the line.
type($vm, "hello par\x04");
type($vm, "ts\r");
my $parts = expect($vm, $PROMPT);
ok(defined $parts && $parts =~ /^hello parts\nhello, world\n.*^argv\[1\] = "parts"\n\Q$PROMPT\E\z/ms,
   'text, Ctrl-D, more text and Enter: one line', $parts);
# Text, Ctrl-D, Ctrl-D: the line runs (on a line of its own), then the shell
# ends, at the end of its input.
type($vm, "hello last\x04");
type($vm, "\x04");
$bye = expect($vm, 'Powering off.');
ok(defined $bye && $bye =~ /^hello last\nhello, world\n.*^argv\[1\] = "last"\n\Q$PROMPT\Eexit\n/ms,
   'text, Ctrl-D, Ctrl-D: the line runs, its output on a line of its own, then the shell exits', $bye);
ok(defined $bye && $bye =~ /\Q$PROMPT\Eexit\nsh: ending background job \[\d+\]: sleep 100000\n.*init exited with code 0/ms,
   'Ctrl-D on an empty line ends the shell as exit does, and its background jobs with it', $bye);
$status = finish($vm);
ok($status == 0, "and coop powers off with 0 (got $status)");

print "1..$n\n";
