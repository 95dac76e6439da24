/* user/lib/shjob.c: the shell's jobs: a command line's programs started as
 * a pipeline in one kernel job (spawnvx), waited for in the foreground
 * (TTY_SET_FOREGROUND, so that Ctrl-C ends them), and the table of
 * background jobs, whose ends the shell finds with tasks() so that it never
 * waits for a job that has not ended. */
#include "user/lib/shjob.h"
#include "user/lib/coop.h"

#define PIPE_CAPACITY CHAN_CAPACITY_MAX /* messages a pipeline's channel holds */
#define TASKS_ROOM    32                /* task_info entries to ask for first */
#define PREFIX_MAX    16                /* "[12345] " */
#define HOW_MAX       64                /* "faulted: general protection fault (#GP)" */

static struct sh_job jobs[SH_JOBS_MAX];

/* ------------------------------------------------------------ starting */

/* Close a channel end the shell made; the shell's own 0 and 1 stay. */
static void close_end(int h)
{
    if (h != FD_STDIN && h != FD_STDOUT)
        close(h);
}

/* Input that ends at once, for a background job, which must not take the
 * console's lines from the shell: a channel whose send end is closed. */
static int empty_input(void)
{
    int ends[2];
    int err = chan(0, ends);
    if (err < 0)
        return err;
    close(ends[CHAN_SEND_END]);
    return ends[CHAN_RECV_END];
}

/* Keep `line` in job->line as the user would want to see it again: without
 * the blanks around it, nor its '&'. */
static void keep_line(struct sh_job *job, const char *line, bool background)
{
    while (*line == ' ' || *line == '\t')
        line++;
    strlcpy(job->line, line, sizeof job->line);
    int n = (int)strlen(job->line);
    bool amp = background;
    while (n > 0 && (strchr(" \t\r\n", job->line[n - 1]) || (amp && job->line[n - 1] == '&'))) {
        if (job->line[n - 1] == '&')
            amp = false; /* only the last one */
        job->line[--n] = '\0';
    }
}

/* A pipeline that could not be started whole: kill what did start (it has
 * not run yet under sched=coop) and collect it. */
static void abandon(struct sh_job *job)
{
    for (int i = 0; i < job->nprogs; i++) {
        kill(job->tids[i]);
        wait(job->tids[i], NULL);
    }
    job->id = 0;
    job->nprogs = 0;
}

/* Start the job's next program, `cmd`, with `in` as its handle 0 and `out`
 * as its 1. Returns its task id, or an error. */
static int start_program(struct sh_job *job, const struct sh_command *cmd, int in, int out)
{
    struct spawn_opts opts = {
        .nhandles = 3,
        .handles = {in, out, FD_STDERR},
        .job = job->nprogs == 0 ? SPAWN_NEW_JOB : job->id,
    };
    int tid = spawnvx(cmd->argv[0], cmd->argv, &opts);
    if (tid < 0)
        return tid;
    if (job->nprogs == 0)
        job->id = tid; /* SPAWN_NEW_JOB numbers the job by its first task */
    job->tids[job->nprogs] = tid;
    strlcpy(job->names[job->nprogs], cmd->argv[0], SH_NAME_MAX);
    job->nprogs++;
    return tid;
}

int sh_job_start(const struct sh_pipeline *p, const char *line, struct sh_job *job)
{
    *job = (struct sh_job){0};
    keep_line(job, line, p->background);
    int in = p->background ? empty_input() : FD_STDIN;
    for (int i = 0; i < p->ncmds && in >= 0; i++) {
        int ends[2] = {FD_STDIN, FD_STDOUT}; /* the last program's output is the shell's */
        int err = i < p->ncmds - 1 ? chan(PIPE_CAPACITY, ends) : 0;
        if (err < 0) {
            close_end(in);
            in = err;
            break;
        }
        err = start_program(job, &p->cmds[i], in, ends[CHAN_SEND_END]);
        /* The program has its own references now: without closing ours, the
         * next one would never see end of stream. */
        close_end(in);
        close_end(ends[CHAN_SEND_END]);
        in = ends[CHAN_RECV_END];
        if (err < 0) {
            close_end(in);
            dprintf(FD_STDERR, "sh: %s: %s\n", p->cmds[i].argv[0], strerror(err));
            abandon(job);
            return err;
        }
    }
    if (in < 0) {
        dprintf(FD_STDERR, "sh: cannot make a channel for the pipeline: %s\n", strerror(in));
        abandon(job);
        return in;
    }
    return 0;
}

/* ------------------------------------------------------------ waiting */

/* Collect program i of the job, which has ended or is waited for now. */
static void collect(struct sh_job *job, int i)
{
    job->status[i] = 0;
    wait(job->tids[i], &job->status[i]);
    job->ended[i] = true;
}

void sh_job_wait(struct sh_job *job, bool announce)
{
    /* Fails, and does not matter, when handle 0 is no console. */
    ioctl(FD_STDIN, TTY_SET_FOREGROUND, job->id);
    if (announce)
        printf("[%d] waiting: %s\n", job->id, job->line); /* Ctrl-C from now on ends it */
    for (int i = 0; i < job->nprogs; i++)
        if (!job->ended[i])
            collect(job, i);
    ioctl(FD_STDIN, TTY_SET_FOREGROUND, 0);
}

int sh_job_report(const struct sh_job *job, const char *prefix)
{
    for (int i = 0; i < job->nprogs; i++) {
        int s = job->status[i];
        if (WIFEXITED(s) && WEXITSTATUS(s) == 0)
            continue;
        char how[HOW_MAX];
        status_format(how, sizeof how, s);
        printf("%s%s: %s\n", prefix, job->names[i], how);
    }
    int last = job->status[job->nprogs - 1];
    return WIFEXITED(last) ? WEXITSTATUS(last) : 1;
}

int sh_job_kill(struct sh_job *job)
{
    /* kill(-job) ends every task of every program in the job, also the
     * tasks and programs they started themselves. -ESRCH: all of it has
     * ended on its own already, and is not collected yet. */
    int err = kill(-job->id);
    return err == -ESRCH ? 0 : err;
}

/* ------------------------------------------------------------ the table */

struct sh_job *sh_jobs_add(void)
{
    for (int i = 0; i < SH_JOBS_MAX; i++)
        if (jobs[i].id == 0)
            return &jobs[i];
    return NULL;
}

struct sh_job *sh_jobs_find(int id)
{
    for (int i = 0; i < SH_JOBS_MAX; i++)
        if (id > 0 && jobs[i].id == id)
            return &jobs[i];
    return NULL;
}

void sh_jobs_each(void (*fn)(struct sh_job *job))
{
    for (int i = 0; i < SH_JOBS_MAX; i++)
        if (jobs[i].id != 0)
            fn(&jobs[i]);
}

struct task_info *sh_task_list(int *n)
{
    static struct task_info *list;
    static int room;
    if (!list) {
        list = malloc(TASKS_ROOM * sizeof *list);
        room = list ? TASKS_ROOM : 0;
    }
    while (list) {
        int count = tasks(list, room);
        if (count < 0)
            return NULL;
        if (count <= room) {
            *n = count;
            return list;
        }
        /* More tasks than room: grow, with some to spare, and ask again. */
        struct task_info *bigger = realloc(list, (size_t)(count + TASKS_ROOM) * sizeof *list);
        if (!bigger)
            return NULL;
        list = bigger;
        room = count + TASKS_ROOM;
    }
    return NULL;
}

/* Has task `tid` ended, by the kernel's list? A task not in it has been
 * collected already: wait() returns at once for it too. */
static bool task_ended(const struct task_info *list, int n, int tid)
{
    for (int i = 0; i < n; i++)
        if (list[i].tid == tid)
            return strcmp(list[i].state, "ended") == 0;
    return true;
}

void sh_jobs_update(void)
{
    int n = 0;
    struct task_info *list = NULL; /* asked for only if a job is running */
    for (int j = 0; j < SH_JOBS_MAX; j++) {
        struct sh_job *job = &jobs[j];
        for (int i = 0; job->id && i < job->nprogs; i++) {
            if (job->ended[i])
                continue;
            if (!list && !(list = sh_task_list(&n)))
                return;
            if (task_ended(list, n, job->tids[i]))
                collect(job, i);
        }
    }
}

/* Have all the job's programs ended, and been collected? */
static bool job_ended(const struct sh_job *job)
{
    for (int i = 0; i < job->nprogs; i++)
        if (!job->ended[i])
            return false;
    return true;
}

/* Report an ended background job and free its slot. */
static void job_done(struct sh_job *job)
{
    char prefix[PREFIX_MAX];
    snprintf(prefix, sizeof prefix, "[%d] ", job->id);
    sh_job_report(job, prefix);
    printf("[%d] done: %s\n", job->id, job->line);
    job->id = 0;
}

int sh_jobs_done(bool running)
{
    int printed = 0;
    for (int j = 0; j < SH_JOBS_MAX; j++) {
        struct sh_job *job = &jobs[j];
        if (job->id && job_ended(job)) {
            job_done(job);
            printed++;
        } else if (job->id && running) {
            printf("[%d] running: %s\n", job->id, job->line);
            printed++;
        }
    }
    return printed;
}

void sh_jobs_wait(struct sh_job *job)
{
    sh_job_wait(job, !job_ended(job));
    job_done(job);
}
