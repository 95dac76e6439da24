/* tests/boot/t_spawnv.c: spawnv(path, argv): a program from the initrd in an
 * address space of its own, started as main(argc, argv), and every error it
 * can return but -ENOMEM (t_nomem) and -EAGAIN for a full task table
 * (t_spawn): here -EAGAIN is for a full program table.
 *
 * The children are this same program in "child" mode: they check what they
 * were given and say so in their exit code. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define CHILD_OK       42 /* child mode: all its checks passed */
#define CHILD_BAD      1
#define KERNEL_ADDR    0x00100000 /* where the kernel is loaded: not user memory */
#define UNMAPPED_ADDR  0x1000     /* below USER_BASE: never mapped */
#define FIXED_BYTES    (sizeof "t_spawnv" + sizeof "child" + sizeof "long") /* argv[0..2] */
#define LONG_FILL      (SPAWN_MAX_BYTES - FIXED_BYTES - 1) /* argv[3]: fills the rest */
#define NAP_FOREVER_MS 100000000
#define MAX_NAPPERS    1000 /* more programs than the kernel's table holds */

static int initialised = 7; /* .data */
static int zeroed;          /* .bss */

/* Child mode: argv[1] is "child", argv[2] (if any) says what to expect. */
static int child_main(int argc, char **argv)
{
    /* A fresh copy of the program: its own globals, as the file has them. */
    if (initialised != 7 || zeroed != 0)
        return CHILD_BAD;
    if (argv[argc] != NULL)
        return CHILD_BAD;
    if (argc == 2)
        return CHILD_OK;
    if (strcmp(argv[2], "nap") == 0) /* stay alive until killed */
        return sleep(NAP_FOREVER_MS) == 0 ? CHILD_OK : CHILD_BAD;
    int ok = 0;
    if (strcmp(argv[2], "count") == 0) /* argv[3] is argc as text */
        ok = atoi(argv[3]) == argc;
    else if (strcmp(argv[2], "words") == 0)
        ok = argc == 5 && strcmp(argv[3], "two words") == 0 && argv[4][0] == '\0';
    else if (strcmp(argv[2], "long") == 0)
        ok = argc == 4 && strlen(argv[3]) == LONG_FILL;
    return ok ? CHILD_OK : CHILD_BAD;
}

/* spawnv, wait, and the child's exit code (or -1 if it did not exit). */
static int run(const char *path, char *const argv[])
{
    int tid = spawnv(path, argv);
    if (tid < 0)
        return tid;
    int status;
    if (wait(tid, &status) != tid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static char long_arg[SPAWN_MAX_BYTES + 2];
static char *many[SPAWN_MAX_ARGS + 2];
static char count_text[8];

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child_main(argc, argv);
    if (argv[0][0] == '/') /* started with argv NULL as "/t_spawnv": argv = {path} */
        return argc == 1 && strcmp(argv[0], "/t_spawnv") == 0 ? CHILD_OK : CHILD_BAD;

    tap_plan(23);

    char *plain[] = {"t_spawnv", "child", NULL};
    tap_is(run("t_spawnv", plain), CHILD_OK, "spawnv starts a program with argv");
    tap_is(run("/t_spawnv", NULL), CHILD_OK, "argv NULL means {path}; a leading / is accepted");
    char *words[] = {"t_spawnv", "child", "words", "two words", "", NULL};
    tap_is(run("t_spawnv", words), CHILD_OK, "arguments arrive intact, the empty one too");
    initialised = 8;
    zeroed = 1;
    tap_is(run("t_spawnv", plain), CHILD_OK, "the child has its own globals, fresh from the file");

    /* The limits: SPAWN_MAX_ARGS arguments fit, one more does not. */
    for (int i = 0; i < SPAWN_MAX_ARGS; i++)
        many[i] = "x";
    many[0] = "t_spawnv";
    many[1] = "child";
    many[2] = "count";
    snprintf(count_text, sizeof count_text, "%d", SPAWN_MAX_ARGS);
    many[3] = count_text;
    tap_is(run("t_spawnv", many), CHILD_OK, "%d arguments fit", SPAWN_MAX_ARGS);
    many[SPAWN_MAX_ARGS] = "x";
    tap_is(spawnv("t_spawnv", many), -E2BIG, "%d arguments: -E2BIG", SPAWN_MAX_ARGS + 1);

    /* SPAWN_MAX_BYTES bytes of strings (NULs included) fit, one more does not. */
    memset(long_arg, 'a', LONG_FILL);
    char *longv[] = {"t_spawnv", "child", "long", long_arg, NULL};
    tap_is(run("t_spawnv", longv), CHILD_OK, "%d bytes of arguments fit", SPAWN_MAX_BYTES);
    long_arg[LONG_FILL] = 'a';
    tap_is(spawnv("t_spawnv", longv), -E2BIG, "%d bytes: -E2BIG", SPAWN_MAX_BYTES + 1);

    /* Paths. */
    tap_is(spawnv("no_such_program", NULL), -ENOENT, "an unknown program: -ENOENT");
    tap_is(spawnv("", NULL), -EINVAL, "an empty path: -EINVAL");
    char path[80];
    memset(path, 'p', sizeof path);
    path[63] = '\0';
    tap_is(spawnv(path, NULL), -ENOENT, "a 63-byte path is allowed (and not found)");
    path[63] = 'p';
    path[64] = '\0';
    tap_is(spawnv(path, NULL), -EINVAL, "a 64-byte path: -EINVAL");
    int r = spawnv("motd.txt", NULL); /* a data file in the initrd (user/files/) */
    tap_is(r, -ENOEXEC, "a file that is no ELF executable: -ENOEXEC");

    /* Bad pointers. */
    tap_is(spawnv((const char *)UNMAPPED_ADDR, NULL), -EFAULT, "path unmapped: -EFAULT");
    tap_is(spawnv((const char *)KERNEL_ADDR, NULL), -EFAULT, "path in the kernel: -EFAULT");
    tap_is(spawnv("t_spawnv", (char *const *)UNMAPPED_ADDR), -EFAULT, "argv unmapped: -EFAULT");
    tap_is(spawnv("t_spawnv", (char *const *)KERNEL_ADDR), -EFAULT, "argv in the kernel: -EFAULT");
    char *bad_string[] = {"t_spawnv", (char *)UNMAPPED_ADDR, NULL};
    tap_is(spawnv("t_spawnv", bad_string), -EFAULT, "an argv string unmapped: -EFAULT");
    char *kernel_string[] = {"t_spawnv", (char *)KERNEL_ADDR, NULL};
    tap_is(spawnv("t_spawnv", kernel_string), -EFAULT, "an argv string in the kernel: -EFAULT");

    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.tasks_alive, 1, "no failed spawnv left a task behind");

    /* Fill the program table with programs that nap: the next one is
     * -EAGAIN. Then end them all: everything they held comes back. */
    static int nappers[MAX_NAPPERS];
    int n = 0, last = 0;
    char *nap[] = {"t_spawnv", "child", "nap", NULL};
    while (n < MAX_NAPPERS && (last = spawnv("t_spawnv", nap)) > 0)
        nappers[n++] = last;
    tap_ok(last == -EAGAIN && n > 1, "with %d programs running, the program table is full: %s",
           n + 1, strerror(-last));
    for (int i = 0; i < n; i++) {
        kill(nappers[i]);
        wait(nappers[i], NULL);
    }
    tap_is(run("t_spawnv", plain), CHILD_OK, "once they have ended, spawnv works again");
    struct sysinfo after;
    sysinfo(&after);
    tap_is(after.pages_free, info.pages_free, "and every page they held is free again");
    return tap_done();
}
