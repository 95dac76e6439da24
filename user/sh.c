/* user/sh.c: coop's shell, the program coop starts first (kernel/options.c).
 * It reads command lines from its handle 0, the console, where the kernel's
 * line discipline has done the editing (Backspace, Ctrl-U, the arrow keys),
 * and runs them: a program of the initrd with its arguments, a pipeline of
 * them joined by channels, in the foreground (Ctrl-C ends it) or in the
 * background (`&`), or one of a few builtins. docs/shell.md is its manual.
 *
 *     sh                      read command lines until `exit` or Ctrl-D
 *     sh -c WORDS...          run the words as one command line, then exit
 *
 * When the shell is init and it ends, coop powers off with its exit code. */
#include <limits.h>
#include <stdbool.h>
#include "user/lib/coop.h"
#include "user/lib/shjob.h"
#include "user/lib/shparse.h"

#define PROMPT         "coop$ "
#define INPUT_SIZE     512 /* bytes read at a time: a line, or more from a channel */
#define EXIT_CODE_MAX  255 /* exit() keeps the low 8 bits */
#define PS_ID_WIDTH    5   /* ids up to 99999 line up without looking */
#define PS_STATE_WIDTH 8   /* "sleeping", the longest state tasks() reports */

static bool leaving;  /* `exit` ran */
static int exit_code; /* its code */

/* ------------------------------------------------------------ builtins */

struct builtin {
    const char *name;
    const char *args;
    const char *what;
    int (*run)(int argc, char **argv); /* returns the exit code */
};

/* The number s is, if it is all digits and at most INT_MAX (a task id may
 * be that big, with firsttid=); -1 if not. */
static int parse_number(const char *s)
{
    int n = 0;
    const char *start = s;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (n > (INT_MAX - (*s - '0')) / 10)
            return -1;
        n = n * 10 + (*s - '0');
    }
    return s > start && *s == '\0' ? n : -1;
}

static int builtin_help(int argc, char **argv);

/* How many decimal digits n > 0 has. */
static int digits(int n)
{
    int d = 1;
    while (n >= 10)
        n /= 10, d++;
    return d;
}

/* ps: every task, as the kernel's tasks() sees it, in columns as wide as
 * their widest values (a program's name is at most 15 characters). */
static int builtin_ps(int argc, char **argv)
{
    (void)argc, (void)argv;
    int n;
    struct task_info *list = sh_task_list(&n);
    if (!list) {
        dprintf(FD_STDERR, "sh: ps: cannot get the list of tasks\n");
        return 1;
    }
    /* tasks() goes by the kernel's table, where a new task may take an old
     * one's slot; ps goes by id. Insertion sort: the list is nearly sorted. */
    for (int i = 1; i < n; i++) {
        struct task_info t = list[i];
        int j = i;
        for (; j > 0 && list[j - 1].tid > t.tid; j--)
            list[j] = list[j - 1];
        list[j] = t;
    }
    /* The id columns are 5 wide, or as wide as the widest id (up to 10
     * digits, with firsttid=). A job's number is its first task's id. */
    int idw = PS_ID_WIDTH;
    for (int i = 0; i < n; i++)
        if (digits(list[i].tid) > idw)
            idw = digits(list[i].tid);
    int parentw = idw + 1; /* "PARENT" is one wider than 5 */
    printf("%*s %-15s %*s %*s %-*s %s\n", idw, "TASK", "PROGRAM", parentw, "PARENT", idw, "JOB",
           PS_STATE_WIDTH, "STATE", "WAITS");
    for (int i = 0; i < n; i++) {
        const struct task_info *t = &list[i];
        printf("%*d %-15s %*d %*d ", idw, t->tid, t->program, parentw, t->parent, idw, t->job);
        if (t->waits[0])
            printf("%-*s %s\n", PS_STATE_WIDTH, t->state, t->waits);
        else
            printf("%s\n", t->state); /* no blanks at the end of the line */
    }
    return 0;
}

/* jobs: the background jobs, running or done (done ones are then forgotten). */
static int builtin_jobs(int argc, char **argv)
{
    (void)argc, (void)argv;
    sh_jobs_update();
    if (sh_jobs_done(true) == 0)
        printf("no background jobs\n");
    return 0;
}

/* wait [JOB...]: wait for the jobs named, or for every background job. */
static int builtin_wait(int argc, char **argv)
{
    sh_jobs_update(); /* a job that has ended needs no waiting */
    if (argc == 1) {
        sh_jobs_each(sh_jobs_wait);
        return 0;
    }
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        struct sh_job *job = sh_jobs_find(parse_number(argv[i]));
        if (job) {
            sh_jobs_wait(job);
        } else {
            dprintf(FD_STDERR, "sh: wait: no background job %s (see jobs)\n", argv[i]);
            failed = 1;
        }
    }
    return failed;
}

/* kill ID...: a job number kills every program of that background job;
 * any other number is a task's id. */
static int builtin_kill(int argc, char **argv)
{
    if (argc == 1) {
        dprintf(FD_STDERR, "usage: kill ID... (a background job's number, or a task's)\n");
        return 1;
    }
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        int id = parse_number(argv[i]);
        if (id <= 0) {
            dprintf(FD_STDERR, "sh: kill %s: not a job number or a task id (1 to %d)\n", argv[i],
                    INT_MAX);
            failed = 1;
            continue;
        }
        if (id == gettid()) {
            dprintf(FD_STDERR, "sh: kill %s: that is this shell; use exit\n", argv[i]);
            failed = 1;
            continue;
        }
        struct sh_job *job = sh_jobs_find(id);
        int err = job ? sh_job_kill(job) : kill(id);
        if (err < 0) {
            dprintf(FD_STDERR, "sh: kill %s: %s\n", argv[i], strerror(err));
            failed = 1;
        }
    }
    return failed;
}

/* exit [CODE]: leave the shell, with CODE (0 by default). */
static int builtin_exit(int argc, char **argv)
{
    int code = argc > 1 ? parse_number(argv[1]) : 0;
    if (argc > 2 || code < 0 || code > EXIT_CODE_MAX) {
        dprintf(FD_STDERR, "usage: exit [CODE], CODE from 0 to %d\n", EXIT_CODE_MAX);
        return 1;
    }
    leaving = true;
    exit_code = code;
    return code;
}

static const struct builtin builtins[] = {
    {"help", "", "this list", builtin_help},
    {"ps", "", "every task: id, program, parent, job, state, what it waits on", builtin_ps},
    {"jobs", "", "the background jobs, running or done", builtin_jobs},
    {"wait", "[JOB...]", "wait for the background jobs (all, or those named)", builtin_wait},
    {"kill", "ID...", "kill a background job (all its programs), or a task", builtin_kill},
    {"exit", "[CODE]", "leave the shell; coop then powers off, with CODE", builtin_exit},
};

#define BUILTINS (int)(sizeof builtins / sizeof builtins[0])

/* The builtin called `name`, or NULL if it is none (then it is a program). */
static const struct builtin *builtin_find(const char *name)
{
    for (int i = 0; i < BUILTINS; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

static int builtin_help(int argc, char **argv)
{
    (void)argc, (void)argv;
    printf("Builtins:\n");
    for (int i = 0; i < BUILTINS; i++)
        printf("  %-4s %-9s %s\n", builtins[i].name, builtins[i].args, builtins[i].what);
    printf("Anything else runs programs of the initrd (every user/*.c), with arguments:\n"
           "  ls                         every program and file of the initrd (ls -l: sizes)\n"
           "  tour                       the tour of the demos, one by one\n"
           "  hello one 'two words'      a program and its arguments ('...' or \"...\" quote)\n"
           "  cat motd.txt | upper | wc  a pipeline: each one's output is the next one's input\n"
           "  sleep 5000 &               in the background: the prompt comes back at once\n"
           "  countdown, spawnwait, killdemo, crash, hog: the lesson's demos; cakes, primes,\n"
           "  broadcast: pipelines of tasks on channels (docs/pipelines.md); fetch: seed\n"
           "  001's waiting tasks; echoserver: pyos8's, on serial lines; spin: a hog.\n"
           "  cat, wc, upper, sleep: tools for pipelines. No redirection (< >): coop has\n"
           "  no file system.\n"
           "Keys: Backspace, Ctrl-U (erase the line), up and down (the last lines again),\n"
           "Ctrl-C (end the foreground job), Ctrl-D on an empty line (exit).\n"
           "Quit QEMU: Ctrl-A then X. More in docs/shell.md.\n");
    return 0;
}

/* ------------------------------------------------------------ command lines */

/* Say what is wrong with a line, and where. */
static void parse_complain(const char *line, const struct sh_pipeline *p, int err)
{
    dprintf(FD_STDERR, "sh: %s\n", sh_parse_strerror(err));
    if (err != SH_ERR_TOO_LONG)
        dprintf(FD_STDERR, "    %s\n    %*s^\n", line, p->error_at, "");
}

/* Is one of the line's commands a builtin, where a builtin cannot run (in a
 * pipeline, or in the background: it runs inside the shell itself)? */
static bool builtin_misplaced(const struct sh_pipeline *p)
{
    for (int i = 0; i < p->ncmds; i++) {
        const char *name = p->cmds[i].argv[0];
        if (builtin_find(name) && (p->ncmds > 1 || p->background)) {
            dprintf(FD_STDERR, "sh: %s is a builtin: it runs alone, not in a pipeline or with &\n",
                    name);
            return true;
        }
    }
    return false;
}

/* Run the pipeline as a job, in the foreground or the background. */
static int run_job(const struct sh_pipeline *p, const char *line)
{
    struct sh_job foreground;
    struct sh_job *job = p->background ? sh_jobs_add() : &foreground;
    if (!job) {
        dprintf(FD_STDERR, "sh: %d background jobs already: wait for one, or kill it\n",
                SH_JOBS_MAX);
        return 1;
    }
    if (sh_job_start(p, line, job) < 0)
        return 1;
    if (p->background) {
        printf("[%d] running: %s\n", job->id, job->line);
        return 0;
    }
    sh_job_wait(job, false);
    return sh_job_report(job, "");
}

/* Run one command line. Returns its exit code: the builtin's, or the last
 * program's (1 if it did not exit), or 1 if the line is wrong. */
static int run_line(const char *line)
{
    struct sh_pipeline p;
    int err = sh_parse(line, &p);
    if (err != SH_OK) {
        parse_complain(line, &p, err);
        return 1;
    }
    if (p.ncmds == 0)
        return 0;
    if (builtin_misplaced(&p))
        return 1;
    const struct builtin *b = builtin_find(p.cmds[0].argv[0]);
    if (b && b->args[0] == '\0' && p.cmds[0].argc > 1) {
        dprintf(FD_STDERR, "sh: %s takes no arguments\n", b->name);
        return 1;
    }
    if (b)
        return b->run(p.cmds[0].argc, p.cmds[0].argv);
    return run_job(&p, line);
}

/* Kill a background job because the shell is ending. */
static void job_end(struct sh_job *job)
{
    printf("sh: ending background job [%d]: %s\n", job->id, job->line);
    sh_job_kill(job);
}

/* When the shell ends, so do its background jobs: as init, coop powers off
 * only once every task has ended. */
static void end_background_jobs(void)
{
    sh_jobs_update();
    sh_jobs_done(false);
    sh_jobs_each(job_end);
    sh_jobs_update();
    sh_jobs_each(sh_jobs_wait);
}

/* ------------------------------------------------------------ input */

/* Lines from a handle. From the console each read() is a line already;
 * from a channel (`cat commands | sh`) a read may hold several, or part of
 * one. */
struct input {
    int h;
    int len, pos; /* buf[pos..len) is read but not yet used */
    bool end;     /* read() returned 0, or an error */
    bool no_eol;  /* the last line ended at the end of input, not at a '\n' */
    char buf[INPUT_SIZE];
};

/* The next line, without its '\n', NUL-terminated in line (size bytes); a
 * longer one is cut to size - 1 bytes (the parser then says it is too
 * long). Returns its length, or -1 at the end of input. */
static int input_line(struct input *in, char *line, int size)
{
    int n = 0;
    for (;;) {
        if (in->pos == in->len && !in->end) {
            in->len = read(in->h, in->buf, sizeof in->buf);
            in->pos = 0;
            in->end = in->len <= 0;
            if (in->len < 0)
                dprintf(FD_STDERR, "sh: cannot read: %s\n", strerror(in->len));
        }
        in->no_eol = in->end && in->pos >= in->len;
        if (in->no_eol)
            break;
        char c = in->buf[in->pos++];
        if (c == '\n')
            break;
        if (n < size - 1)
            line[n++] = c;
    }
    line[n] = '\0';
    return n == 0 && in->end && in->pos >= in->len ? -1 : n;
}

/* ------------------------------------------------------------ main */

static void welcome(void)
{
    printf("\n"
           "Welcome to coop, a tiny x86 kernel in which every task is a coroutine, as in\n"
           "David Beazley's pyos. This is its shell: type help for the commands, tour for\n"
           "a tour of the demos, ps for the tasks; programs take arguments (hello one two)\n"
           "and make pipelines (cat motd.txt | wc). Ctrl-C ends what runs; exit or Ctrl-D\n"
           "powers coop off (or quit QEMU: Ctrl-A then X).\n"
           "\n");
}

/* Is this the shell coop started, init's first task? That one has no
 * parent. (Its id is 1 only without firsttid=.) */
static bool sh_is_init(void)
{
    int n, me = gettid();
    struct task_info *list = sh_task_list(&n);
    for (int i = 0; list && i < n; i++)
        if (list[i].tid == me)
            return list[i].parent == 0;
    return false;
}

/* Read and run command lines until exit or the end of input: from the
 * console, with a welcome and a prompt; from anything else (`cat FILE |
 * sh`), without. */
static int interactive(void)
{
    static struct input in = {.h = FD_STDIN};
    char line[SH_LINE_MAX + 2]; /* one more than a line may have: see input_line */
    bool terminal = ioctl(FD_STDIN, TTY_GET_RAW, 0) >= 0; /* -ENOTTY for a channel */
    if (terminal && sh_is_init())
        welcome();
    else if (terminal)
        printf("sh: a shell in a shell; exit or Ctrl-D goes back to the one before\n");
    ioctl(FD_STDIN, TTY_SET_FOREGROUND, 0); /* Ctrl-C at the prompt ends nothing */
    while (!leaving) {
        sh_jobs_update();
        sh_jobs_done(false);
        if (terminal)
            printf(PROMPT);
        if (input_line(&in, line, sizeof line) < 0) {
            if (terminal)
                printf("exit\n"); /* Ctrl-D is not echoed: say what it did */
            break;
        }
        /* Text, Ctrl-D, Ctrl-D: the line ends with no Enter echoed, so its
         * output would start on the line typed. */
        if (terminal && in.no_eol)
            printf("\n");
        run_line(line);
    }
    end_background_jobs();
    return exit_code;
}

/* sh -c: the words, joined by blanks, are one command line (the kernel's
 * command line has no quotes, but the shell's do: "-- -c hello 'a b'"). */
static int run_words(int n, char **words)
{
    char line[SH_LINE_MAX + 2];
    int len = 0;
    for (int i = 0; i < n && len < SH_LINE_MAX + 1; i++) {
        if (i > 0)
            line[len++] = ' ';
        len += (int)strlcpy(line + len, words[i], sizeof line - (size_t)len);
    }
    line[len < SH_LINE_MAX + 1 ? len : SH_LINE_MAX + 1] = '\0'; /* too long: the parser says so */
    int code = run_line(line);
    end_background_jobs();
    return leaving ? exit_code : code;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "-c") == 0)
        return run_words(argc - 2, argv + 2);
    if (argc != 1) {
        dprintf(FD_STDERR, "usage: sh [-c COMMAND LINE...]\n");
        return 1;
    }
    return interactive();
}
