#!/bin/sh
# tests/tty.t: terminals driven for real. QEMU runs tests/progs/ttyprobe as
# init with the console's serial port, COM2 and its monitor on named pipes
# (the console's output pipe cut to 4 KiB, so that not reading it holds up
# the UART); this script types at the program, through the serial port and
# through QEMU's keyboard (the monitor's sendkey), and checks what it reads
# and what the console shows: echo, Backspace, Ctrl-U, Ctrl-D at the start
# of a line and after text, Ctrl-C, the history's arrow keys, a line too
# long, raw mode, Ctrl-C ending a CPU hog under sched=coop (serial and
# keyboard; and a hog in and out of virtual-8086 mode), 10,000 characters
# at once (raw and in lines), more than the 16 KiB input buffer while
# nobody reads (counted in input_lost, reported on the console), a line
# longer than an edited one can be (typed in raw mode, read in line mode),
# 64 KiB of output parking its writer while another task runs, a handle
# closed under a parked writer, and COM2. Every wait has a time limit; the
# console is kept in $BUILD/test-logs/tty.log.
cd "$(dirname "$0")/.." || exit 1
exec perl -x "$0" "$@"
#!perl
use strict;
use warnings;
use Fcntl;
use IO::Select;
use POSIX qw(mkfifo WNOHANG);
use File::Temp qw(tempdir);
use Time::HiRes qw(time sleep);

my $BUILD = $ENV{BUILD} // 'build';
my $ANSWER_S = 20;         # the longest any one answer may take
my $QEMU_S = 240;          # QEMU's whole run, at most
my $HOLD_S = 0.5;          # how long we hold the console up once its pipe is full
my $SETTLE_S = 1;          # for bytes typed to reach the kernel
my $AFTER_MISS_S = 2;      # the time limit once an answer has not come: fail fast
my $F_SETPIPE_SZ = 1031;   # fcntl(2), Linux
my $FIONREAD = 0x541B;     # ioctl(2), Linux: bytes waiting in a pipe
my $PIPE_SIZE = 4096;
my $BURST = 10000;
my $OVERFLOW = 20000;      # more than the 16 KiB input buffer
my $FLOOD_LINES = 1024;
my $FLOOD_SIZE = 64 * 1024;
my $V86_ROUNDS = 5;
# QEMU's status when init exits 0: isa-debug-exit makes it (value << 1) | 1,
# and the kernel writes its code plus POWER_EXIT_BIAS (kernel/dev/power.h).
my ($bias) = `sed -n 's/^#define POWER_EXIT_BIAS *\\([0-9]*\\).*/\\1/p' kernel/dev/power.h` =~ /(\d+)/;
die "tests/tty.t: no POWER_EXIT_BIAS in kernel/dev/power.h\n" unless defined $bias;
my $EXIT_0 = ((0 + $bias) << 1) | 1;

# ------------------------------------------------------------ TAP
my $tests = 0;
my $failed = 0;
my $tail = '';             # what the console showed lately, for failures
my $console = '';          # all it showed
sub ok {
    my ($cond, $name) = @_;
    $tests++;
    print(($cond ? "ok" : "not ok") . " $tests - $name\n");
    if (!$cond) {
        $failed++;
        (my $t = substr($tail, -600)) =~ s/\r//g;
        print "# the console's last bytes:\n";
        print "# | $_\n" for split /\n/, $t;
    }
    return $cond;
}

# ------------------------------------------------------------ QEMU
my $dir = tempdir(CLEANUP => 1);
for my $p (qw(con com2 mon)) {
    mkfifo("$dir/$p.in", 0600) && mkfifo("$dir/$p.out", 0600) or die "mkfifo: $!";
}
mkdir "$BUILD/test-logs";
open(my $log, '>', "$BUILD/test-logs/tty.log") or die "tty.log: $!";
binmode $log;
my $qemu = fork() // die "fork: $!";
if ($qemu == 0) {
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>', "$BUILD/test-logs/tty-qemu.log");
    open(STDERR, '>&', \*STDOUT);
    exec('timeout', $QEMU_S, 'qemu-system-i386', '-m', '256M', '-no-reboot',
         '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
         '-kernel', "$BUILD/coop.elf",
         '-initrd', "$BUILD/initrd.tar initrd,$BUILD/coop.sym symbols",
         '-append', 'test init=ttyprobe', '-display', 'none',
         '-serial', "pipe:$dir/con", '-serial', "pipe:$dir/com2",
         '-monitor', "pipe:$dir/mon") or exit 127;
}
# QEMU opens each pipe read-write, so these opens do not wait for it long.
my (%in, %out, %buf);
for my $p (qw(con com2 mon)) {
    sysopen($out{$p}, "$dir/$p.out", O_RDONLY) or die "$p.out: $!";
    sysopen($in{$p}, "$dir/$p.in", O_WRONLY) or die "$p.in: $!";
    fcntl($in{$p}, F_SETFL, O_NONBLOCK);
    $buf{$p} = '';
}
fcntl($out{con}, $F_SETPIPE_SZ, $PIPE_SIZE);
fcntl($in{con}, $F_SETPIPE_SZ, $PIPE_SIZE); # what we typed is soon all in QEMU
my $sel = IO::Select->new(values %out);
my %name_of = map { fileno($out{$_}) => $_ } keys %out;

# Read what has come, for up to $secs.
sub pump {
    my ($secs) = @_;
    for my $fh ($sel->can_read($secs)) {
        my $p = $name_of{fileno($fh)};
        my $n = sysread($fh, my $chunk, 65536);
        next unless $n;
        $buf{$p} .= $chunk;
        if ($p eq 'con') {
            print $log $chunk;
            $tail = substr($tail . $chunk, -4096);
            $console .= $chunk;
        }
    }
}

# Wait until $re matches what port $p has shown; take everything up to
# the end of the match off its buffer and return the captures (or 1), or
# nothing after $ANSWER_S seconds.
sub expect {
    my ($re, $p) = @_;
    $p //= 'con';
    my $end = time + $ANSWER_S;
    while (1) {
        if ($buf{$p} =~ $re) {
            my @got = (substr($buf{$p}, 0, $+[0]), $1, $2, $3);
            substr($buf{$p}, 0, $+[0]) = '';
            return @got;
        }
        if (time > $end) {
            $ANSWER_S = $AFTER_MISS_S; # the rest will not come either
            return;
        }
        pump(0.05);
    }
}

# Type $bytes at port $p, reading the output meanwhile (the echo must
# drain, or the kernel waits for the UART and stops taking input).
sub type {
    my ($bytes, $p) = @_;
    $p //= 'con';
    my $end = time + $ANSWER_S;
    while (length $bytes && time < $end) {
        my $n = syswrite($in{$p}, $bytes);
        substr($bytes, 0, $n) = '' if $n;
        pump(0.01);
    }
}

# Hold the console up: read nothing until its pipe is full (QEMU's UART
# then waits, and the kernel's output buffer fills behind it), then a
# little longer.
sub hold_console {
    my $end = time + $ANSWER_S;
    while (time < $end) {
        my $n = pack('L', 0);
        ioctl($out{con}, $FIONREAD, $n) or last;
        last if unpack('L', $n) >= $PIPE_SIZE;
        sleep(0.05);
    }
    sleep($HOLD_S);
}

sub monitor {
    my ($command) = @_;
    type("$command\n", 'mon');
    pump(0.05);
}

sub hex_of { join ' ', map { sprintf '%02x', ord } split //, $_[0] }

sub fnv {
    my $h = 2166136261;
    $h = (($h ^ ord) * 16777619) % 4294967296 for split //, $_[0];
    return sprintf '%08x', $h;
}

# Type a line (the bytes as given) and expect the program's hex of what it
# read: "line N: ..." for the bytes $want.
sub line_is {
    my ($typed, $want, $name) = @_;
    type($typed);
    my $hex = hex_of($want);
    my $n = length $want;
    ok(scalar expect(qr/line $n: \Q$hex\E\r\n/), $name);
}

# ------------------------------------------------------------ the tests

ok(scalar expect(qr/ttyprobe ready\r\n/), "the program started and reads the console");
pump(0.5);
ok($tail !~ /deadlock/, "no deadlock is reported while a task waits for console input");

type("hello\r");
my ($seen) = expect(qr/line 6: 68 65 6c 6c 6f 0a\r\n/);
ok(defined $seen, "a line typed, with Enter as \\r, reads as 'hello\\n'");
ok(defined $seen && $seen =~ /^hello\r\n/, "and was echoed as typed, the Enter as \\r\\n");

type("abc\x7fd\x08e\r");
($seen) = expect(qr/line 4: 61 62 65 0a\r\n/);
ok(defined $seen, "Backspace (DEL and ^H) erases: 'abc DEL d ^H e' reads 'abe'");
ok(defined $seen && $seen =~ /^abc\x08 \x08d\x08 \x08e\r\n/, "erasing echoes \\b \\b");
line_is("junk\x15ok\r", "ok\n", "Ctrl-U erases the line: 'junk ^U ok' reads 'ok'");
type("\x04");
ok(scalar expect(qr/^eof\r\n/), "Ctrl-D at the start of a line: read returns 0");
line_is("abc\x04", "abc", "Ctrl-D after text: the text, without a newline");
line_is("next\r", "next\n", "and the next line reads as usual");
type("abc\x03");
ok(scalar expect(qr/abc\^C\r\n/), "Ctrl-C echoes ^C");
ok(scalar expect(qr/line 1: 0a\r\n/),
   "with no foreground job to end, the reader gets an empty line (a shell: a new prompt)");
line_is("def\r", "def\n", "and the line typed before Ctrl-C is gone");

line_is("alpha\r", "alpha\n", "history: a first line");
line_is("beta\r", "beta\n", "history: a second line");
line_is("\e[A\r", "beta\n", "up arrow: the newest line again");
line_is("\e[A\e[A\r", "alpha\n", "up twice: the one before");
line_is("\eOA\e[A\e[B\r", "alpha\n", "ESC O A, up, down: back to the newest");
line_is("\e[A\x7fX\r", "alphX\n", "a line from the history, edited");
line_is("\e[C\e[Dz\e[3~\r", "z\n", "other escape sequences (right, left, Delete) do nothing");
line_is(('x' x 300) . "\r", ('x' x 255) . "\n", "a line of 300 characters: the first 255 and \\n");

type("raw\r");
ok(scalar expect(qr/raw ready\r\n/), "TTY_SET_RAW: the program switched to raw mode");
type("\x01\x7fA\e[A\t\x03zq");
my ($rawtext) = expect(qr/cooked\r\n/);
my $rawhex = join ' ', ($rawtext // '') =~ /^raw \d+: ([0-9a-f ]+)\r$/mg;
ok($rawhex eq '01 7f 41 1b 5b 41 09 7a 71',
   "raw mode: every byte as typed, no editing, Ctrl-C not input ($rawhex)");
ok(defined $rawtext && $rawtext =~ /^(raw \d+: [0-9a-f ]+\r\n)+cooked\r\n$/,
   "raw mode: nothing echoed");
line_is("back\r", "back\n", "back in line mode");

for my $how ('serial', 'keyboard') {
    type("hog\r");
    ok(scalar expect(qr/cpuhog spinning\r\n/), "$how: a CPU hog runs as the foreground job");
    pump(0.3);
    if ($how eq 'serial') {
        type("\x03");
    } else {
        monitor('sendkey ctrl-c');
    }
    ok(scalar expect(qr/hog: killed\r\n/), "$how: Ctrl-C ends it, under sched=coop");
}

# Ctrl-C at a hog that goes into virtual-8086 mode again and again
# (tests/progs/v86hog): one that comes in just as QEMU enters it is taken
# in the trap that leaves it, which also ends the task as a fault. The
# task must end once, whichever comes first. Where the Ctrl-C lands is up
# to the host (a few rounds, each at another moment, here); tests/gdb-faults.t
# makes it land in that trap.
my $v86_killed = 0;
for my $round (1 .. $V86_ROUNDS) {
    type("v86\r");
    last unless expect(qr/v86hog spinning\r\n/);
    pump(0.02 * ($round % 8));
    type("\x03");
    last unless expect(qr/hog: killed\r\n/);
    $v86_killed++;
}
ok($v86_killed == $V86_ROUNDS,
   "Ctrl-C ends a hog that goes into virtual-8086 mode, $v86_killed times of $V86_ROUNDS");

type("small\r");
type("abcdef\r");
ok(scalar expect(qr/small 3: 61 62 63\r\nsmall 3: 64 65 66\r\nsmall 1: 0a\r\n/),
   "reads of 3 bytes take a line in parts: 'abc', 'def', '\\n'");
type("two\r");
pump(0.3);
# A line at a time: typed together, the second line's echo could come
# between the readers' two lines of output.
type("first\r");
my $first = expect(qr/reader 0 6: 66 69 72 73 74 0a\r\n/);
type("second\r");
my $second = expect(qr/reader 1 7: 73 65 63 6f 6e 64 0a\r\n/);
ok($first && $second, "two readers: the first to ask gets the first line, the other the next");
type("pollin\r");
pump(0.3);
type("p\r");
ok(scalar expect(qr/poll: 1, revents 1\r\nafter poll 2: 70 0a\r\n/),
   "poll on the console: POLL_IN once a line is typed, and the read gets it");
type("vanish\r");
ok(scalar expect(qr/vanish ready\r\n/), "a reader parked on the console, its buffer given back");
type("kept\r");
ok(scalar expect(qr/vanish: -14\r\n/), "a line comes: its read returns -EFAULT");
ok(scalar expect(qr/after vanish 5: 6b 65 70 74 0a\r\n/), "and the line is kept for the next read");
type("fg\r");
ok(scalar expect(qr/ttyprobe ready\r\n/), "a second ttyprobe, in the foreground job");
line_is("to the child\r", "to the child\n", "it reads the console");
pump(0.3);
type("\x03");
ok(scalar expect(qr/hog: killed\r\n/), "Ctrl-C ends it while it waits for input");
line_is("parent again\r", "parent again\n", "and the first one reads the console again");

for my $key (qw(h i shift-a x backspace spc ret)) {
    monitor("sendkey $key");
}
ok(scalar expect(qr/line 5: 68 69 41 20 0a\r\n/),
   "the keyboard (sendkey h i shift-a x backspace spc ret): 'hiA \\n'");

my $burst = join '', map { chr(ord('a') + ($_ * 7) % 26) } 0 .. $BURST - 1;
type("burst $BURST\r");
ok(scalar expect(qr/burst ready\r\n/), "raw mode, for a burst");
type($burst);
my ($all, $count, $hash) = expect(qr/burst: (\d+) bytes, hash ([0-9a-f]+), \d+ reads\r\n/);
ok(defined $count && $count == $BURST && $hash eq fnv($burst),
   "10,000 characters sent at once, raw: all read, in order");

my $lines = join '', map { substr($burst, $_ * 100, 99) . "\r" } 0 .. $BURST / 100 - 1;
(my $read_back = $lines) =~ s/\r/\n/g;
type("lines $BURST\r");
ok(scalar expect(qr/burst ready\r\n/), "line mode, for a burst");
type($lines);
($all, $count, $hash) = expect(qr/burst: (\d+) bytes, hash ([0-9a-f]+), \d+ reads\r\n/);
ok(defined $count && $count == $BURST && $hash eq fnv($read_back),
   "10,000 characters sent at once as 100 lines, echoed: all read, in order");

type("lost\r");
my (undef, $lost0) = expect(qr/lost ready (\d+)\r\n/);
ok(defined $lost0, "overflow: the program reads nothing from the console now");
type(substr($burst x 2, 0, $OVERFLOW));
ok(scalar expect(qr/bytes of input lost/), "the console says input was lost");
sleep($SETTLE_S); # the rest of the bytes reach the kernel (and are lost)
type("go\n", 'com2');
my (undef, $lost1) = expect(qr/lost: input_lost (\d+)\r\n/);
type("!");
my ($report, $got, $lost2) = expect(qr/lost: read (\d+) bytes, input_lost (\d+)\r\n/);
$lost2 //= 0;
$got //= 0;
my $dropped = $lost2 - ($lost0 // 0);
my $reported = 0;
$reported += $_ for $console =~ /coop: console: (\d+) bytes of input lost/g;
ok($dropped > 0 && $got + $dropped == $OVERFLOW,
   "20,000 bytes while nobody read: $got read, $dropped counted in input_lost");
ok($reported == $dropped, "the console's reports add up to the bytes lost ($reported)");

# A line typed in raw mode is longer than an edited line can be (255
# bytes): read in line mode, it is still one line, whole (it was cut at 256).
type("rawline\r");
ok(scalar expect(qr/rawline ready\r\n/), "raw mode, reading nothing");
type(('y' x 300) . "\n");
sleep($SETTLE_S);
type("go\n", 'com2');
ok(scalar expect(qr/rawline: 301 bytes, the last 0a\r\n/),
   "a 300-byte line typed in raw mode, read in line mode: one read, the whole line");

# The console's output held up: we stop reading while the program writes.
type("flood\r");
ok(scalar expect(qr/flood start\r\n/), "64 KiB of output: the writer starts");
hold_console();
my ($flood, $wrote, $turns, $parked) =
    expect(qr/flood: wrote (-?\d+), counter (\d+), writer seen parked (\d)\r\n/);
my @nums = ($flood // '') =~ /^flood (\d{5}) [a-z]{51}\r$/mg;
my $in_order = @nums == $FLOOD_LINES;
$in_order &&= $nums[$_] == $_ for 0 .. $#nums;
ok(defined $wrote && $wrote == $FLOOD_SIZE && $in_order,
   "all of its 1024 lines arrived, whole and in order");
ok(defined $parked && $parked == 1, "the writer was parked \"on console output\" meanwhile");
ok(defined $turns && $turns > 0, "and another task kept running: $turns turns before it was done");

type("closewrite\r");
ok(scalar expect(qr/closewrite start\r\n/), "a writer parked on the console, through its own handle");
hold_console();
my (undef, $cw_parked, $cw_result) =
    expect(qr/closewrite: writer parked (\d), its write returned (-?\d+)\r\n/);
ok(defined $cw_parked && $cw_parked == 1 && $cw_result > 0 && $cw_result < $FLOOD_SIZE,
   "its handle closed under it: the write returns what went out (" . ($cw_result // '?') . ")");

type("com2\r");
ok(scalar expect(qr/com2 hello\n/, 'com2'), "COM2 (dev/com2): a line written to it arrives");
type("xyz\n", 'com2');
ok(scalar expect(qr/com2: handle \d+, raw 1, foreground -22\r\n/),
   "COM2 starts raw, and has no foreground job (-EINVAL)");
ok(scalar expect(qr/com2 got 4: 78 79 7a 0a\r\n/), "bytes typed at COM2 are read, raw");

type("quit\r");
my $end = time + $ANSWER_S;
my $status;
while (time < $end) {
    pump(0.1);
    if (waitpid($qemu, WNOHANG) == $qemu) {
        $status = $? >> 8;
        last;
    }
}
if (!defined $status) {
    kill 'TERM', $qemu;
    waitpid($qemu, 0);
}
ok(defined $status && $status == $EXIT_0,
   "the program exits 0 and coop powers off (QEMU status " . ($status // 'none') . ")");
print "1..$tests\n";
exit($failed ? 1 : 0);
