/* tests/boot/t_spawnvx.c: spawnvx(path, argv, opts): with no options it is
 * spawnv (the child gets our 0, 1 and 2); with a handle map the child has
 * exactly the handles it names, in their places, and no other (a
 * terminal, a channel's end, a file whose offset it then shares with us,
 * HANDLE_NONE for a hole); jobs: ours, a new one, one to join; a channel
 * whose ends are all handed away lives as long as the child; every error
 * code, none of which leaves a handle or a channel behind. The child is
 * tests/progs/probe, which reports what it got. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE   4096
#define KERNEL_ADDR 0x00100000
#define NO_SUCH_JOB 99999

struct probe_line {
    int handle;
    int kind;
};

static int report[2]; /* the probe's reports come in here */
static char kinds[HANDLE_MAX + 1];

/* Run `probe handles OUT` with `opts` (its handle OUT being our report
 * end); its answer into kinds[] as a string: kinds[h] = 'T', 'S', 'O' or
 * '.'. Returns the number of open handles it has, or the spawn's error. */
static int probe_handles(struct spawn_opts *opts, int out)
{
    char arg[8];
    snprintf(arg, sizeof arg, "%d", out);
    char *argv[] = {"probe", "handles", arg, NULL};
    int t = spawnvx("probe", argv, opts);
    if (t < 0)
        return t;
    memset(kinds, '.', HANDLE_MAX);
    kinds[HANDLE_MAX] = 0;
    int open = 0;
    struct probe_line line;
    while (recv(report[CHAN_RECV_END], &line, sizeof line) == sizeof line && line.handle >= 0) {
        kinds[line.handle] = (char)line.kind;
        open++;
    }
    wait(t, NULL);
    return open;
}

static void handle_maps(void)
{
    chan(CHAN_CAPACITY_MAX, report);
    int f = open("motd.txt");
    /* No map: the child gets our 0, 1 and 2 (counted before it runs). */
    struct sysinfo info;
    sysinfo(&info);
    unsigned handles = info.handles;
    int t = spawnvx("hold", NULL, NULL);
    sysinfo(&info);
    tap_is(info.handles, handles + 3, "opts NULL: the child has our 0, 1 and 2");
    int status;
    wait(t, &status);
    tap_is(status, STATUS_EXIT(1), "(a terminal, on which its recv fails: it exits 1)");
    struct spawn_opts none = {.nhandles = 0, .job = 0};
    t = spawnvx("hold", NULL, &none);
    sysinfo(&info);
    tap_is(info.handles, handles + 3, "nhandles 0: the same");
    wait(t, NULL);
    close(FD_STDERR);
    t = spawnvx("hold", NULL, NULL);
    sysinfo(&info);
    tap_is(info.handles, handles - 1 + 2, "with our 2 closed: the child has only 0 and 1");
    wait(t, NULL);
    open("dev/console"); /* our 2 again */

    struct spawn_opts opts = {.nhandles = 4,
                              .handles = {FD_STDIN, FD_STDOUT, FD_STDERR, report[CHAN_SEND_END]}};
    tap_is(probe_handles(&opts, 3), 4, "a map of 4: the child has 4 handles");
    tap_ok(strncmp(kinds, "TTTS.", 5) == 0, "the terminals at 0, 1, 2, the send end at 3 (%.6s)",
           kinds);

    opts = (struct spawn_opts){
        .nhandles = 5,
        .handles = {report[CHAN_SEND_END], HANDLE_NONE, f, report[CHAN_RECV_END], FD_STDOUT}};
    tap_is(probe_handles(&opts, 0), 4, "a map with a hole: 4 handles");
    tap_ok(strncmp(kinds, "S.OOT.", 6) == 0,
           "send end, nothing, file, receive end, terminal: in their places (%.6s)", kinds);
    int others = 0;
    for (int h = 5; h < HANDLE_MAX; h++)
        others += kinds[h] != '.';
    tap_is(others, 0, "and no other handle of ours");

    opts = (struct spawn_opts){.nhandles = SPAWN_MAX_HANDLES};
    for (int i = 0; i < SPAWN_MAX_HANDLES; i++)
        opts.handles[i] = report[CHAN_SEND_END];
    tap_is(probe_handles(&opts, SPAWN_MAX_HANDLES - 1), SPAWN_MAX_HANDLES,
           "SPAWN_MAX_HANDLES (16) handles, all the same end: 16");

    /* The same file offset, shared: we read 4, the child 4, we the next. */
    int g = open("t_spawnvx");
    char a[4], b[4], c[4];
    read(g, a, 4);
    char gs[8], rs[8];
    snprintf(gs, sizeof gs, "%d", 0);
    snprintf(rs, sizeof rs, "%d", 1);
    char *argv[] = {"probe", "read", gs, rs, "4", NULL};
    opts = (struct spawn_opts){.nhandles = 2, .handles = {g, report[CHAN_SEND_END]}};
    t = spawnvx("probe", argv, &opts);
    recv(report[CHAN_RECV_END], b, sizeof b);
    wait(t, NULL);
    read(g, c, 4);
    int h = open("t_spawnvx");
    char whole[12];
    read(h, whole, sizeof whole);
    close(h);
    tap_ok(memcmp(whole, a, 4) == 0 && memcmp(whole + 4, b, 4) == 0 && memcmp(whole + 8, c, 4) == 0,
           "a file handed to a child shares its offset: we read 0-3, it 4-7, we 8-11");
    close(g);
    close(f);
}

static void jobs(void)
{
    int control[2];
    chan(1, control);
    int map[] = {control[CHAN_RECV_END]};
    struct task_info list[16];
    int ours = spawn_with("hold", NULL, map, 1, 0);
    int own = spawn_with("hold", NULL, map, 1, SPAWN_NEW_JOB);
    int joined = spawn_with("hold", NULL, map, 1, own);
    int mine = spawn_with("hold", NULL, map, 1, 1);
    int n = tasks(list, 16), seen = 0;
    for (int i = 0; i < n && i < 16; i++) {
        seen += list[i].tid == ours && list[i].job == 1;
        seen += list[i].tid == own && list[i].job == own;
        seen += list[i].tid == joined && list[i].job == own;
        seen += list[i].tid == mine && list[i].job == 1;
    }
    tap_is(seen, 4, "jobs: 0 is ours (1), SPAWN_NEW_JOB is the child's id, a job id joins it");
    close(control[CHAN_RECV_END]);
    close(control[CHAN_SEND_END]);
    wait(ours, NULL);
    wait(own, NULL);
    wait(joined, NULL);
    wait(mine, NULL);
    int console[] = {FD_STDIN};
    tap_is(spawn_with("hold", NULL, console, 1, own), -ESRCH, "a job with no program left: -ESRCH");
}

static void handed_away(void)
{
    struct counters before = counters_now();
    int loop[2];
    chan(1, loop);
    /* Both ends to a stage, which waits for ever to receive from itself. */
    int map[] = {loop[CHAN_RECV_END], loop[CHAN_SEND_END], FD_STDERR};
    int t = spawn_with("stage", NULL, map, 3, 0);
    close(loop[CHAN_RECV_END]);
    close(loop[CHAN_SEND_END]);
    settle();
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.channels, before.channels + 1, "a channel whose ends are all handed away lives on");
    kill(t);
    int status;
    wait(t, &status);
    tap_ok(WIFKILLED(status) && counters_same(before),
           "the child killed: the channel, its handles and pages are gone");
}

static void errors(void)
{
    struct counters before = counters_now();
    char *heap = (char *)sbrk(PAGE_SIZE);
    char *argv[] = {"hold", NULL};
    struct spawn_opts opts = {.nhandles = 1, .handles = {FD_STDIN}};
    tap_is(spawnvx("hold", argv, (void *)KERNEL_ADDR), -EFAULT, "opts in the kernel: -EFAULT");
    struct spawn_opts *last = (struct spawn_opts *)(heap + PAGE_SIZE - sizeof opts / 2);
    tap_is(spawnvx("hold", argv, last), -EFAULT, "opts running past the break: -EFAULT");
    opts.nhandles = -1;
    tap_is(spawnvx("hold", argv, &opts), -EINVAL, "nhandles -1: -EINVAL");
    opts.nhandles = SPAWN_MAX_HANDLES + 1;
    tap_is(spawnvx("hold", argv, &opts), -EINVAL, "nhandles 17: -EINVAL");
    opts = (struct spawn_opts){.nhandles = 1, .handles = {FD_STDIN}, .job = -2};
    tap_is(spawnvx("hold", argv, &opts), -EINVAL, "job -2: -EINVAL");
    opts.job = NO_SUCH_JOB;
    tap_is(spawnvx("hold", argv, &opts), -ESRCH, "a job that does not exist: -ESRCH");
    opts = (struct spawn_opts){.nhandles = 3, .handles = {FD_STDIN, 99, FD_STDOUT}};
    tap_is(spawnvx("hold", argv, &opts), -EBADF, "a handle not open in the map: -EBADF");
    opts.handles[1] = -5;
    tap_is(spawnvx("hold", argv, &opts), -EBADF, "handle -5 (not HANDLE_NONE): -EBADF");
    opts.handles[1] = HANDLE_MAX;
    tap_is(spawnvx("hold", argv, &opts), -EBADF, "handle HANDLE_MAX: -EBADF");
    opts.handles[1] = FD_STDERR;
    tap_is(spawnvx("nosuch", argv, &opts), -ENOENT, "no such program: -ENOENT");
    tap_is(spawnvx("", argv, &opts), -EINVAL, "an empty path: -EINVAL");
    tap_is(spawnvx("motd.txt", argv, &opts), -ENOEXEC, "not a program: -ENOEXEC");
    tap_is(spawnvx(NULL, argv, &opts), -EFAULT, "path NULL: -EFAULT");
    char *bad_argv[] = {"hold", (char *)KERNEL_ADDR, NULL};
    tap_is(spawnvx("hold", bad_argv, &opts), -EFAULT, "an argument in the kernel: -EFAULT");
    char *many[SPAWN_MAX_ARGS + 2];
    for (int i = 0; i <= SPAWN_MAX_ARGS; i++)
        many[i] = "x";
    many[SPAWN_MAX_ARGS + 1] = NULL;
    tap_is(spawnvx("hold", many, &opts), -E2BIG, "33 arguments: -E2BIG");
    sbrk(-PAGE_SIZE);
    tap_ok(counters_same(before), "no failed spawnvx left a handle, channel, task or page");
}

int main(void)
{
    tap_plan(32);
    struct counters before = counters_now();
    handle_maps();
    jobs();
    handed_away();
    errors();
    close(report[CHAN_RECV_END]);
    close(report[CHAN_SEND_END]);
    tap_no_channel_left(before);
    return tap_done();
}
